#include "LesionLibraryController.h"

#include "SyntheticCasePanel.h"
#include "SyntheticComposite.h"
#include "app/ModelsDirectory.h"

#include <ai/synthesis/LesionExtraction.h>
#include <core/Error.h>
#include <core/MiasCatalog.h>

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace mammo::app {

LesionLibraryController::LesionLibraryController(SyntheticCasePanel* panel, QObject* parent)
    : QObject(parent), m_panel(panel)
{
}

QString LesionLibraryController::userDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("lesions");
}

bool LesionLibraryController::ensureLoaded()
{
    if (m_library)
        return true;
    try {
        auto library = std::make_shared<ai::synthesis::LesionLibrary>();
        const QString bundled = QDir(modelsDirectory()).filePath("lesions");
        if (QFileInfo::exists(QDir(bundled).filePath(ai::synthesis::kLesionLibraryFile)))
            *library = ai::synthesis::LesionLibrary::load(bundled.toStdString());
        const QString user = userDirectory();
        if (QFileInfo::exists(QDir(user).filePath(ai::synthesis::kLesionLibraryFile))) {
            // A damaged user library costs its own lesions, not the bundled ones.
            try {
                const auto imported = ai::synthesis::LesionLibrary::load(user.toStdString());
                for (const auto& lesion : imported.lesions())
                    library->add(lesion);
            } catch (const std::exception& e) {
                m_panel->setStatus(tr("Your lesion library cannot be read (%1); the bundled lesions are available.")
                                       .arg(QString::fromUtf8(e.what())),
                                   true);
            }
        }
        if (library->empty())
            throw core::Error("no lesion library at " + bundled.toStdString() + " and none imported");
        m_library = std::move(library);
        m_panel->setLibrary(m_library);
        Q_EMIT libraryReplaced();
        return true;
    } catch (const std::exception& e) {
        m_panel->setStatus(tr("The lesion library cannot be loaded: %1").arg(QString::fromStdString(e.what())), true);
        return false;
    }
}

void LesionLibraryController::importFromFiles()
{
    const QString imagePath = QFileDialog::getOpenFileName(m_panel, tr("Lesion image"), {}, tr("Images (*.png *.pgm *.tif *.tiff)"));
    if (imagePath.isEmpty())
        return;
    const QString maskPath = QFileDialog::getOpenFileName(m_panel, tr("Lesion mask (non-zero on the lesion)"),
                                                          QFileInfo(imagePath).path(), tr("Images (*.png *.pgm *.tif *.tiff)"));
    if (maskPath.isEmpty())
        return;
    try {
        auto lesion = ai::synthesis::importLesion(imagePath.toStdString(), maskPath.toStdString(), core::kMiasPixelSpacingMm);
        lesion.id = "user-" + QFileInfo(imagePath).completeBaseName().toStdString();
        addToUserLibrary(std::move(lesion));
    } catch (const std::exception& e) {
        m_panel->setStatus(tr("Cannot import the lesion: %1").arg(QString::fromStdString(e.what())), true);
    }
}

void LesionLibraryController::cut(const core::ImagePtr& image, const QRectF& box)
{
    try {
        const core::ImageAttributes& a = image->attributes();
        if (a.samplesPerPixel != 1 || a.pixelFormat.isSigned)
            throw core::Error("lesions are cut from unsigned grey-scale images only");
        const double fullScale = double((1u << std::clamp(a.pixelFormat.bitsStored, 1, 16)) - 1u);
        cv::Mat stored(a.rows, a.columns, CV_16U);
        std::copy(image->frame(0), image->frame(0) + image->pixelsPerFrame(), stored.ptr<std::uint16_t>());
        cv::Mat grey;
        stored.convertTo(grey, CV_32F, 1.0 / fullScale);
        if (a.photometric == core::Photometric::Monochrome1)
            grey = 1.0 - grey;   // dense = bright, as the library's lesions
        const double radius = std::min(box.width(), box.height()) / 2.0;
        if (radius < 4)
            throw core::Error("the rectangle is too small: draw it around the whole lesion");
        auto lesion = ai::synthesis::extractLesion(grey, {box.center().x(), box.center().y()}, radius, imagePixelSizeMm(a));
        // Named by time, not by patient or image identifiers: the library may travel.
        lesion.id = "cut-" + QDateTime::currentDateTimeUtc().toString("yyyyMMdd-hhmmss-zzz").toStdString();
        lesion.sourceImage = "drawn by the user";
        lesion.lesionClass = "MISC";
        addToUserLibrary(std::move(lesion));
    } catch (const std::exception& e) {
        m_panel->setStatus(tr("Cannot cut the lesion: %1").arg(QString::fromStdString(e.what())), true);
    }
}

void LesionLibraryController::addToUserLibrary(ai::synthesis::LesionPatch lesion)
{
    ai::synthesis::LesionLibrary user;
    const QString folder = userDirectory();
    if (QFileInfo::exists(QDir(folder).filePath(ai::synthesis::kLesionLibraryFile)))
        user = ai::synthesis::LesionLibrary::load(folder.toStdString());
    const std::string id = lesion.id;
    user.add(std::move(lesion));   // throws on a duplicate id: nothing is overwritten
    user.save(folder.toStdString());
    m_library.reset();
    if (ensureLoaded())   // otherwise the panel says why the library cannot be read
        m_panel->setStatus(tr("Added %1 to your lesion library.").arg(QString::fromStdString(id)));
}

} // namespace mammo::app
