#pragma once
// The assistant's worker: a QObject that lives on its own QThread (Qt's
// worker pattern). Requests and results are queued signals carrying values;
// no exception and no pointer into the worker's state crosses the thread.
#include "OperatingPoints.h"

#include <core/Finding.h>
#include <core/Image.h>

#include <QMetaType>
#include <QObject>
#include <QRectF>
#include <QString>
#include <QTimer>

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <vector>

namespace mammo::ai {
class MassDetector;
}
namespace mammo::ai::coin {
class MalignancyClassifier;
}

namespace mammo::app {

class AiWorker : public QObject {
    Q_OBJECT
public:
    // The models load lazily, on the worker thread, from modelsDirectory/manifest.json:
    // the detector, and the benign/malignant classifier that estimates P(malignant)
    // for each finding. Without the classifier, detection works as before.
    explicit AiWorker(QString modelsDirectory, QString modelName = QStringLiteral("detector-cpu"),
                      QString classifierName = QStringLiteral("coin-cpu"), QObject* parent = nullptr);
    ~AiWorker() override;

    // How long the worker keeps its models once it has nothing to do; then it
    // releases them (and their memory), to load them again for the next request.
    // 0 or less: kept for the worker's lifetime. Call before the worker moves to its thread.
    void setModelReleaseDelay(int milliseconds);
    static constexpr int kDefaultModelReleaseDelayMs = 20000;

    // Thread-safe, for shutdown: every request not yet delivered is dropped at
    // the next stage boundary (an analysis in progress still runs to its end).
    void stop() { m_stopped = true; }

    // Spacing used when an image carries none (mini-MIAS scans are 0.2 mm).
    static constexpr double kAssumedSpacingMm = 0.2;

public Q_SLOTS:
    // A newer request for the same SOP Instance UID supersedes an older one.
    void analyse(const QString& sopInstanceUid, mammo::core::ImagePtr image);
    // Drops queued requests; the result of an analysis in progress is dropped too.
    void cancel();
    // Loads the models ahead of the first request (at start-up, while a study is
    // still loading) so their allocation burst does not fall on a displayed study.
    // A detector failure is not reported here: the first analyse() reports it.
    void prepare();
    // P(malignant) of a region the reader drew (image pixels), answered by
    // regionClassified or regionClassificationFailed. Runs between analyses.
    void classifyRegion(const QString& sopInstanceUid, mammo::core::ImagePtr image, const QRectF& box);

Q_SIGNALS:
    void findingsReady(const QString& sopInstanceUid, const std::vector<mammo::core::Finding>& findings);
    void progress(int done, int total);
    void failed(const QString& sopInstanceUid, const QString& message);
    // Once, when the detector has loaded: e.g. "detector-cpu on cpu; P(malignant): coin-cpu on cpu",
    // and what its thresholds mean.
    void modelLoaded(const QString& description, const std::vector<mammo::app::OperatingPoint>& operatingPoints);
    // Once, when the classifier cannot be loaded (findings then carry no
    // malignancy), and when it fails on an image: why, for the reader.
    void classifierUnavailable(const QString& reason);
    // The models were released after setModelReleaseDelay's idle time.
    void modelsReleased();
    void regionClassified(const QString& sopInstanceUid, const QRectF& box, double malignancy);
    void regionClassificationFailed(const QString& sopInstanceUid, const QRectF& box, const QString& message);

private:
    struct Request {
        QString sopInstanceUid;
        core::ImagePtr image;
        std::uint64_t id = 0;
    };
    struct Outcome {
        std::vector<core::Finding> findings;
        QString error;   // empty on success
    };

    void lowerPriorityOnce();
    void scheduleProcessing();
    void processNext();
    Outcome run(const Request& request);
    void loadModel();
    void loadClassifierOnce();
    void reportClassifierProblem(const QString& reason);
    // Runs after the requests that arrived during the analysis, so a newer
    // request or a cancel can still drop this result.
    void deliver(const QString& sopInstanceUid, std::uint64_t id, const Outcome& outcome);
    void reportProgress();
    // Nothing queued or running, and a model loaded.
    bool idleWithModels() const;
    // Starts the release countdown when idleWithModels.
    void armModelReleaseIfIdle();
    void releaseModelsIfIdle();

    QString m_modelsDirectory;
    QString m_modelName;
    QString m_classifierName;
    std::unique_ptr<ai::MassDetector> m_detector;
    std::unique_ptr<ai::coin::MalignancyClassifier> m_classifier;
    bool m_classifierTried = false;
    QString m_classifierLoadError;      // why there is no classifier
    QString m_lastClassifierReport;     // each reason is said once
    std::deque<Request> m_pending;
    std::map<QString, std::uint64_t> m_current;   // SOP Instance UID -> id of its newest request
    std::uint64_t m_nextId = 0;
    bool m_processingScheduled = false;
    bool m_inFlight = false;
    bool m_priorityLowered = false;   // done once, on the worker thread
    int m_done = 0;
    int m_total = 0;
    std::atomic_bool m_stopped{false};
    QTimer* m_modelRelease;   // single shot, on the worker's thread; interval 0: never started
};

} // namespace mammo::app

Q_DECLARE_METATYPE(std::vector<mammo::core::Finding>)
Q_DECLARE_METATYPE(std::vector<mammo::app::OperatingPoint>)
