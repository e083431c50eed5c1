#include "SyntheticCaseController.h"

#include "SyntheticCasePanel.h"
#include "app/ModelsDirectory.h"

#include <ai/ModelManifest.h>
#include <ai/synthesis/LesionThumbnail.h>
#include <ai/synthesis/SyntheticCaseExport.h>
#include <core/Error.h>
#include <core/MiasCatalog.h>
#include <widgets/HangingView.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace mammo::app {
SyntheticCaseController::SyntheticCaseController(SyntheticCasePanel* panel, widgets::HangingView* hanging,
                                                 ImageLookup images, QObject* parent)
    : QObject(parent), m_panel(panel), m_hanging(hanging), m_images(std::move(images)), m_libraries(panel)
{
    // The BAN model is looked up once; without it BAN reports why and the other methods still work.
    try {
        m_banModelPath = QString::fromStdString(ai::ModelManifest::read(modelsDirectory().toStdString()).verifiedPath("ban-cpu"));
    } catch (const std::exception& e) {
        m_banUnavailable = QString::fromStdString(e.what());
    }
    m_worker = new BlendWorker(m_banModelPath);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &BlendWorker::blended, this, &SyntheticCaseController::onBlended);
    connect(m_worker, &BlendWorker::failed, this, &SyntheticCaseController::onBlendFailed);
    m_thread.setObjectName("blend-worker");
    m_thread.start();

    m_panel->setUndoStack(m_session.undoStack());
    connect(&m_session, &SynthesisSession::changed, this, &SyntheticCaseController::onSessionChanged);
    connect(m_panel, &SyntheticCasePanel::methodChosen, &m_session, &SynthesisSession::setMethod);
    connect(m_panel, &SyntheticCasePanel::showOriginalToggled, this, &SyntheticCaseController::showPreview);
    connect(m_panel, &SyntheticCasePanel::removeSelectedRequested, this, &SyntheticCaseController::removeSelected);
    connect(m_panel, &SyntheticCasePanel::discardRequested, this, &SyntheticCaseController::discard);
    connect(m_panel, &SyntheticCasePanel::importRequested, &m_libraries, &LesionLibraryController::importFromFiles);
    connect(&m_libraries, &LesionLibraryController::libraryReplaced, this, &SyntheticCaseController::showPreview);
    connect(m_panel, &SyntheticCasePanel::saveRequested, this, &SyntheticCaseController::askAndSave);
    connect(m_hanging, &widgets::HangingView::lesionDropped, this, &SyntheticCaseController::onLesionDropped);
    connect(m_hanging, &widgets::HangingView::lesionEdited, this, &SyntheticCaseController::onLesionEdited);
    connect(m_hanging, &widgets::HangingView::lesionSelected, this, &SyntheticCaseController::onLesionSelected);
    connect(m_hanging, &widgets::HangingView::lesionRemoveRequested, &m_session, &SynthesisSession::removeLesion);

    // Autosave a moment after the last change, not at every mouse move.
    m_autosaveTimer.setSingleShot(true);
    m_autosaveTimer.setInterval(400);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &SyntheticCaseController::writeAutosave);

    connect(&m_saving, &QFutureWatcher<SyntheticSaveOutcome>::finished, this, [this] {
        const SyntheticSaveOutcome outcome = m_saving.result();
        if (!outcome.error.isEmpty()) {
            m_panel->setStatus(tr("Not saved: %1").arg(outcome.error), true);
            Q_EMIT saveFailed(outcome.error);
            return;
        }
        m_panel->setStatus(tr("Saved the SYNTHETIC case %1 with its lesion masks (%2)%3.")
                               .arg(QFileInfo(outcome.imagePath).fileName(), QFileInfo(outcome.segmentationPath).fileName(),
                                    outcome.trainingReference.isEmpty()
                                        ? QString()
                                        : tr(" and training case %1").arg(outcome.trainingReference)));
        // Saved as it stands: no unsaved work to bring back when the image is opened again.
        if (m_session.isActive() && m_session.toJson() == m_savedCase) {
            m_autosaveTimer.stop();
            QFile::remove(autosavePath(m_session.baseSopInstanceUid()));
        }
        Q_EMIT caseSaved(outcome.imagePath, outcome.segmentationPath);
    });
}

SyntheticCaseController::~SyntheticCaseController()
{
    if (m_autosaveTimer.isActive())
        writeAutosave();
    m_saving.waitForFinished();
    m_thread.quit();
    m_thread.wait();
}

QString SyntheticCaseController::autosaveDirectory()
{
    const QByteArray fromEnvironment = qgetenv("MAMMO_AUTOSAVE_DIR");
    if (!fromEnvironment.isEmpty())
        return QString::fromLocal8Bit(fromEnvironment);
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("synthesis-autosave");
}

void SyntheticCaseController::onLesionDropped(const QString& sopInstanceUid, const QString& lesionId, QPointF imagePoint)
{
    if (!m_libraries.ensureLoaded())
        return;
    const auto library = m_libraries.library();
    const ai::synthesis::LesionPatch* lesion = library->find(lesionId.toStdString());
    const core::ImagePtr image = m_images(sopInstanceUid);
    if (!lesion || !image) {
        m_panel->setStatus(tr("Cannot place %1: the lesion or the image is not available.").arg(lesionId), true);
        return;
    }
    if (m_session.baseSopInstanceUid() != sopInstanceUid) {
        // Another image: the case in progress is put away (autosaved), and this
        // image's own autosaved case comes back, or a new one begins.
        endCase();
        m_panel->setShowOriginal(false);
        restoreAutosavedCase(image);
        if (m_session.baseSopInstanceUid() != sopInstanceUid)
            m_session.start(image, m_panel->method());
    }
    // The lesion keeps its physical size: patch millimetres -> this image's pixels.
    const double lesionMm = lesion->pixelSizeMm > 0 ? lesion->pixelSizeMm : core::kMiasPixelSpacingMm;
    m_selected = m_session.addLesion(lesion->id, imagePoint, lesionMm / imagePixelSizeMm(image->attributes()));
    onSessionChanged();   // the selection changed too
    Q_EMIT lesionToolWanted();
}

void SyntheticCaseController::onLesionSelected(int id)
{
    m_selected = id;
}

void SyntheticCaseController::onLesionEdited(int id, const widgets::LesionTransform& transform, bool finished)
{
    const PlacedLesion* placed = m_session.lesion(id);
    const auto library = m_libraries.library();
    const ai::synthesis::LesionPatch* lesion = placed && library ? library->find(placed->lesionId) : nullptr;
    if (!lesion || lesion->radiusPx <= 0)
        return;
    m_selected = id;
    m_session.moveLesion(id, transform.centre, transform.radius / lesion->radiusPx, transform.rotationDeg, finished);
}

std::vector<widgets::LesionHandle> SyntheticCaseController::handles() const
{
    std::vector<widgets::LesionHandle> result;
    const auto library = m_libraries.library();
    if (!library)
        return result;
    for (const PlacedLesion& placed : m_session.lesions()) {
        const ai::synthesis::LesionPatch* lesion = library->find(placed.lesionId);
        if (!lesion)
            continue;
        widgets::LesionHandle handle;
        handle.id = placed.id;
        handle.transform = {placed.centre, placed.scale * lesion->radiusPx, placed.rotationDeg};
        handle.label = QString::fromStdString(lesion->id);
        handle.selected = placed.id == m_selected;
        result.push_back(handle);
    }
    return result;
}

void SyntheticCaseController::onSessionChanged()
{
    m_panel->setMethod(m_session.method());
    m_panel->setCaseState(m_session.isActive(), int(m_session.lesions().size()));
    if (!m_session.isActive() || m_session.lesions().empty()) {
        // Nothing to blend: a blend still in flight is of lesions no longer there.
        m_shownGeneration = ++m_generation;
        m_composite.reset();
    }
    if (!m_session.isActive()) {
        m_hanging->clearSyntheticPreview();
        return;
    }
    m_autosaveTimer.start();
    if (m_session.lesions().empty()) {
        showPreview();
        return;
    }
    if (m_session.method() == "ban" && m_banModelPath.isEmpty())
        m_panel->setStatus(tr("BAN is not available (%1): choose Poisson or paste.").arg(m_banUnavailable), true);
    showPreview();   // the handles move at once; the pixels follow when blended
    BlendRequest request;
    request.generation = ++m_generation;
    request.library = m_libraries.library();
    request.base = m_session.base();
    request.lesions = m_session.lesions();
    request.method = m_session.method();
    m_worker->submit(std::move(request));
}

void SyntheticCaseController::onBlended(const BlendResult& result)
{
    // Older than what is shown, or of a case that ended meanwhile: drop it.
    if (result.generation <= m_shownGeneration || !m_session.isActive() ||
        result.composite.image->attributes().sopInstanceUid != m_session.baseSopInstanceUid().toStdString())
        return;
    m_shownGeneration = result.generation;
    m_composite = result.composite.image;
    showPreview();
    m_panel->setStatus(tr("%1: %2 ms for %n lesion(s). SYNTHETIC preview, not a patient image.", nullptr,
                          int(result.composite.masks.size()))
                           .arg(result.method == "ban" ? tr("BAN") : result.method == "poisson" ? tr("Poisson") : tr("Paste"))
                           .arg(result.milliseconds, 0, 'f', 0));
    Q_EMIT compositeShown();
}

void SyntheticCaseController::onBlendFailed(quint64 generation, const QString& method, const QString& message)
{
    if (generation < m_generation)
        return;   // a newer request will answer
    // The last composite shows lesions where they no longer are: show the original with the handles.
    m_composite.reset();
    showPreview();
    m_panel->setStatus(tr("Blending by %1 failed: %2").arg(method, message), true);
}

void SyntheticCaseController::showPreview()
{
    if (!m_session.isActive())
        return;
    const core::ImagePtr shown = m_panel->showOriginal() ? nullptr : m_composite;
    m_hanging->setSyntheticPreview(m_session.baseSopInstanceUid(), shown, handles());
}

void SyntheticCaseController::removeSelected()
{
    if (m_session.lesion(m_selected))
        m_session.removeLesion(m_selected);
    else if (!m_session.lesions().empty())
        m_session.removeLesion(m_session.lesions().back().id);
}

void SyntheticCaseController::discard()
{
    if (!m_session.isActive())
        return;
    // It cannot be undone: the undo history and the autosave go with it.
    if (!m_session.lesions().empty() &&
        QMessageBox::question(m_panel, tr("Discard the synthetic case"),
                              tr("Discard this synthetic case? Its %n lesion(s), their undo history and the "
                                 "autosaved copy are deleted.",
                                 nullptr, int(m_session.lesions().size())),
                              QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Discard)
        return;
    QFile::remove(autosavePath(m_session.baseSopInstanceUid()));
    m_autosaveTimer.stop();
    m_session.start(nullptr);
    m_panel->setStatus(tr("The synthetic case was discarded."));
}

QString SyntheticCaseController::autosavePath(const QString& sopInstanceUid) const
{
    const QByteArray key = QCryptographicHash::hash(sopInstanceUid.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QDir(autosaveDirectory()).filePath(QString::fromLatin1(key) + ".json");
}

void SyntheticCaseController::writeAutosave()
{
    m_autosaveTimer.stop();
    if (!m_session.isActive())
        return;
    const QString path = autosavePath(m_session.baseSopInstanceUid());
    if (m_session.lesions().empty()) {
        QFile::remove(path);
        return;
    }
    QDir().mkpath(QFileInfo(path).path());
    QJsonObject json = m_session.toJson();
    json["autosaved"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    QSaveFile file(path);   // all or nothing: a crash mid-write leaves the previous autosave
    const QByteArray text = QJsonDocument(json).toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        m_panel->setStatus(tr("Work in progress cannot be autosaved to %1").arg(path), true);
}

void SyntheticCaseController::endCase()
{
    if (!m_session.isActive())
        return;
    if (m_autosaveTimer.isActive() || m_session.toJson() != m_savedCase)   // a saved case leaves none behind
        writeAutosave();
    m_session.start(nullptr);
}

void SyntheticCaseController::restoreAutosavedCase(const core::ImagePtr& image)
{
    if (!image || m_session.isActive())
        return;
    const QString uid = QString::fromStdString(image->attributes().sopInstanceUid);
    QFile file(autosavePath(uid));
    if (!file.open(QIODevice::ReadOnly) || !m_libraries.ensureLoaded())
        return;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    if (m_session.restore(json, image))
        m_panel->setStatus(tr("Restored the unsaved synthetic case of this image (autosaved %1).")
                               .arg(json["autosaved"].toString()));
}

void SyntheticCaseController::askAndSave()
{
    QSettings settings;
    const QString start = settings
                              .value("synthesis/saveFolder",
                                     QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                         .filePath("Mammoscope synthetic cases"))
                              .toString();
    const QString folder = QFileDialog::getExistingDirectory(m_panel, tr("Save the synthetic case into"), start);
    if (folder.isEmpty())
        return;
    settings.setValue("synthesis/saveFolder", folder);
    saveTo(folder);
}

void SyntheticCaseController::saveTo(const QString& folder)
{
    if (!m_session.isActive() || m_session.lesions().empty())
        return;
    if (m_saving.isRunning() || !m_libraries.library()) {
        m_panel->setStatus(m_saving.isRunning() ? tr("A save is still running; save again when it has finished.")
                                                : tr("Not saved: the lesion library is not loaded."),
                           true);
        return;
    }
    writeAutosave();   // the work is safe whatever happens to the save
    m_savedCase = m_session.toJson();
    m_panel->setStatus(tr("Saving the synthetic case…"));
    // The save blends again from the snapshot with its own blender: the worker's is busy with previews.
    auto work = [base = m_session.base(), lesions = m_session.lesions(), method = m_session.method(),
                 library = m_libraries.library(), model = m_banModelPath, folder]() -> SyntheticSaveOutcome {
        SyntheticSaveOutcome outcome;
        try {
            const auto blender = makeSynthesisBlender(method, model);
            const SyntheticComposite composite = composeSyntheticImage(*base, lesions, *library, *blender);
            ai::synthesis::SyntheticCaseRequest request;
            request.source = base->attributes();
            request.composite = composite.stored;
            for (std::size_t i = 0; i < lesions.size(); ++i) {
                const ai::synthesis::LesionPatch& lesion = *library->find(lesions[i].lesionId);
                ai::synthesis::SyntheticCaseLesion entry;
                entry.mask = composite.masks[i];
                entry.lesionClass = lesion.lesionClass.empty() ? "CIRC" : lesion.lesionClass;
                entry.severity = lesion.severity;
                entry.id = lesion.id;
                request.lesions.push_back(std::move(entry));
            }
            request.method = method.toStdString();
            request.softwareVersions = "Mammoscope " + QCoreApplication::applicationVersion().toStdString();
            request.outputDirectory = folder.toStdString();
            request.trainingFolder = QDir(folder).filePath("training").toStdString();
            const auto files = ai::synthesis::exportSyntheticCase(request);
            outcome.imagePath = QString::fromStdString(files.imagePath);
            outcome.segmentationPath = QString::fromStdString(files.segmentationPath);
            outcome.trainingReference = QString::fromStdString(files.trainingReference);
        } catch (const std::exception& e) {
            outcome.error = QString::fromStdString(e.what());
        }
        return outcome;
    };
    m_saving.setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace mammo::app
