#pragma once
// Makes synthetic cases in the viewer: a lesion dropped from the panel's
// library onto a view starts (or extends) a case on that image; handles edit
// it; every change is blended on the BlendWorker's thread and shown in place
// of the image with a SYNTHETIC banner; the case is autosaved as it changes
// (restored when its image is opened again, e.g. after a crash) and saved as
// DICOM (synthetic MG + SEG) plus a detector training case.
#include "BlendWorker.h"
#include "LesionLibraryController.h"
#include "SynthesisSession.h"

#include <core/Image.h>

#include <QFutureWatcher>
#include <QJsonObject>
#include <QObject>
#include <QRectF>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>

namespace mammo::widgets {
class HangingView;
struct LesionTransform;
struct LesionHandle;
}

namespace mammo::app {

class SyntheticCasePanel;

struct SyntheticSaveOutcome {
    QString error;   // empty: saved
    QString imagePath;
    QString segmentationPath;
    QString trainingReference;
};

class SyntheticCaseController : public QObject {
    Q_OBJECT
public:
    using ImageLookup = std::function<core::ImagePtr(const QString& sopInstanceUid)>;

    // panel and hanging must outlive the controller (the main window deletes it first).
    SyntheticCaseController(SyntheticCasePanel* panel, widgets::HangingView* hanging, ImageLookup images,
                            QObject* parent = nullptr);
    ~SyntheticCaseController() override;

    SynthesisSession& session() { return m_session; }
    // The panel's lesion library (bundled + the user's own).
    LesionLibraryController& libraries() { return m_libraries; }
    bool ensureLibrary() { return m_libraries.ensureLoaded(); }
    // A loaded image: restores the autosaved case of it, if any and no case is in progress.
    void restoreAutosavedCase(const core::ImagePtr& image);
    // Puts the case in progress away (autosaved, to come back when its image is opened again).
    void endCase();
    // Saves the case into `folder` (<name>.dcm, <name>-seg.dcm; training case in folder/training).
    // Asynchronous: caseSaved or saveFailed.
    void saveTo(const QString& folder);
    bool isSaving() const { return m_saving.isRunning(); }
    // The latest blended composite shown (nullptr before the first blend).
    core::ImagePtr composite() const { return m_composite; }
    quint64 pendingGeneration() const { return m_generation; }
    quint64 shownGeneration() const { return m_shownGeneration; }
    const BlendWorker* worker() const { return m_worker; }
    // Where work in progress is autosaved ($MAMMO_AUTOSAVE_DIR or the app's data folder).
    static QString autosaveDirectory();

Q_SIGNALS:
    void compositeShown();
    void caseSaved(const QString& imagePath, const QString& segmentationPath);
    void saveFailed(const QString& message);
    void lesionToolWanted();   // a case began: the main window selects the lesion tool

private:
    void onLesionDropped(const QString& sopInstanceUid, const QString& lesionId, QPointF imagePoint);
    void onLesionSelected(int id);
    void onLesionEdited(int id, const widgets::LesionTransform& transform, bool finished);
    void onSessionChanged();
    void onBlended(const BlendResult& result);
    void onBlendFailed(quint64 generation, const QString& method, const QString& message);
    void showPreview();
    std::vector<widgets::LesionHandle> handles() const;
    void removeSelected();
    void discard();
    void askAndSave();
    void writeAutosave();
    QString autosavePath(const QString& sopInstanceUid) const;

    SyntheticCasePanel* m_panel;
    widgets::HangingView* m_hanging;
    ImageLookup m_images;
    SynthesisSession m_session;
    LesionLibraryController m_libraries;
    QString m_banModelPath;
    QString m_banUnavailable;

    QThread m_thread;
    BlendWorker* m_worker = nullptr;   // lives on m_thread
    quint64 m_generation = 0;          // of the latest request
    quint64 m_shownGeneration = 0;
    core::ImagePtr m_composite;
    int m_selected = 0;
    QTimer m_autosaveTimer;
    QFutureWatcher<SyntheticSaveOutcome> m_saving;
    QJsonObject m_savedCase;   // the case as the running or last save took it
};

} // namespace mammo::app
