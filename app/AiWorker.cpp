#include "AiWorker.h"

#include <ai/MassDetector.h>
#include <ai/HeapReuse.h>
#include <ai/ModelManifest.h>
#include <ai/coin/MalignancyClassifier.h>
#include <core/AnalysisFrame.h>
#include <core/Error.h>

#include <QDir>
#include <QFileInfo>
#include <QThread>

#include <opencv2/core.hpp>

#include <algorithm>
#include <exception>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace mammo::app {
namespace {

core::Finding toFinding(const ai::Detection& detection, const std::string& sopInstanceUid, const std::string& label)
{
    core::Finding finding;
    finding.sopInstanceUid = sopInstanceUid;
    finding.box = {detection.x1, detection.y1, detection.x2 - detection.x1, detection.y2 - detection.y1};
    finding.contour.reserve(detection.contour.size());
    for (const cv::Point2d& p : detection.contour)
        finding.contour.push_back({p.x, p.y});
    finding.score = detection.score;
    finding.label = label;
    return finding;
}

// No model installed: an expected state (none is committed yet), not damage.
struct ModelMissing : core::Error {
    using core::Error::Error;
};

struct VerifiedModel {
    std::string path;
    nlohmann::json entry;
};

// A manifest entry's file after its SHA-256 check. Throws ModelMissing (its
// message says what is missing) when the model is simply not installed, and
// core::Error for a malformed manifest or a damaged file.
VerifiedModel verifiedModel(const QString& modelsDirectory, const QString& name)
{
    const QDir directory(modelsDirectory);
    const QString manifestFile = directory.filePath(QStringLiteral("manifest.json"));
    if (!QFileInfo::exists(manifestFile))
        throw ModelMissing(AiWorker::tr("no manifest.json in %1").arg(QDir::toNativeSeparators(modelsDirectory)).toStdString());
    const auto manifest = ai::ModelManifest::read(modelsDirectory.toStdString());
    if (!manifest.contains(name.toStdString()))
        throw ModelMissing(
            AiWorker::tr("%1 lists no model \"%2\"").arg(QDir::toNativeSeparators(manifestFile), name).toStdString());
    const auto& entry = manifest.entry(name.toStdString());
    const QString file = directory.filePath(QString::fromStdString(entry.value("file", "")));
    if (!QFileInfo(file).isFile())
        throw ModelMissing(AiWorker::tr("the file %1 does not exist").arg(QDir::toNativeSeparators(file)).toStdString());
    return {manifest.verifiedPath(name.toStdString()), entry};
}

// Runs work and turns whatever it throws into a message for the reader: no
// exception leaves the worker's thread.
template <typename Work>
QString errorOf(Work&& work)
{
    try {
        work();
        return {};
    } catch (const core::Error& error) {
        return QString::fromUtf8(error.what());
    } catch (const cv::Exception& error) {
        return AiWorker::tr("image processing failed: %1").arg(QString::fromUtf8(error.what()));
    } catch (const std::bad_alloc&) {
        return AiWorker::tr("not enough memory for the analysis");
    } catch (const std::exception& error) {
        return AiWorker::tr("the analysis failed: %1").arg(QString::fromUtf8(error.what()));
    } catch (...) {
        return AiWorker::tr("the analysis failed for an unknown reason");
    }
}

// Leave a core free for the GUI thread and the image loader.
int computeThreads()
{
    return std::max(1, QThread::idealThreadCount() - 1);
}

std::vector<OperatingPoint> operatingPointsOf(const nlohmann::json& entry)
{
    std::vector<OperatingPoint> points;
    const auto found = entry.find("operating_points");
    if (found == entry.end() || !found->is_array())
        return points;
    for (const auto& item : *found) {
        if (!item.is_object() || !item.contains("score") || !item.contains("fppi"))
            continue;
        OperatingPoint point;
        point.score = item.value("score", 0.0);
        point.fppi = item.value("fppi", 0.0);
        point.tprCentre = item.value("tpr_centre", 0.0);
        points.push_back(point);
    }
    return points;
}

// The analysis is background work: on a busy machine the GUI thread, the
// compositor and the image loader come first. QThread's priorities do not act
// on Linux's default scheduler, so the calling thread gets a nice value (threads
// it starts later, e.g. LibTorch's pool, inherit it).
void lowerThisThreadsPriority()
{
#ifdef Q_OS_LINUX
    constexpr int kBackgroundNice = 19;
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), kBackgroundNice);
#endif
}

} // namespace

AiWorker::AiWorker(QString modelsDirectory, QString modelName, QString classifierName, QObject* parent)
    : QObject(parent),
      m_modelsDirectory(std::move(modelsDirectory)),
      m_modelName(std::move(modelName)),
      m_classifierName(std::move(classifierName)),
      m_modelRelease(new QTimer(this))
{
    // Child of the worker: it moves to the worker's thread with it.
    m_modelRelease->setSingleShot(true);
    m_modelRelease->setInterval(kDefaultModelReleaseDelayMs);
    connect(m_modelRelease, &QTimer::timeout, this, &AiWorker::releaseModelsIfIdle);
    qRegisterMetaType<core::ImagePtr>();
    qRegisterMetaType<std::vector<core::Finding>>();
    qRegisterMetaType<std::vector<OperatingPoint>>();
}

AiWorker::~AiWorker() = default;

void AiWorker::analyse(const QString& sopInstanceUid, core::ImagePtr image)
{
    const std::uint64_t id = ++m_nextId;
    m_current[sopInstanceUid] = id;
    const auto queued = std::find_if(m_pending.begin(), m_pending.end(),
                                     [&](const Request& r) { return r.sopInstanceUid == sopInstanceUid; });
    if (queued != m_pending.end()) {
        queued->image = std::move(image);   // superseded before it started: same place in the queue
        queued->id = id;
    } else {
        m_pending.push_back({sopInstanceUid, std::move(image), id});
        ++m_total;
    }
    reportProgress();
    scheduleProcessing();
}

void AiWorker::setModelReleaseDelay(int milliseconds)
{
    m_modelRelease->setInterval(std::max(0, milliseconds));   // 0: never released
}

void AiWorker::cancel()
{
    m_pending.clear();
    m_current.clear();   // the result of an analysis in progress is no longer anyone's
    m_total = m_done + (m_inFlight ? 1 : 0);
    reportProgress();
    armModelReleaseIfIdle();
}

void AiWorker::prepare()
{
    lowerPriorityOnce();
    if (m_stopped)
        return;
    loadClassifierOnce();
    if (m_detector)
        return;
    try {
        loadModel();
    } catch (...) {
        // Reported by the first analysis, with the image it concerns.
    }
    // No release countdown here: the models wait for the first study, however
    // long the reader takes to open it.
}

void AiWorker::classifyRegion(const QString& sopInstanceUid, core::ImagePtr image, const QRectF& box)
{
    lowerPriorityOnce();
    if (m_stopped)
        return;
    double malignancy = 0.0;
    const QString error = errorOf([&] {
        if (!image)
            throw core::Error(tr("no image to analyse").toStdString());
        loadClassifierOnce();
        if (!m_classifier)
            throw core::Error(m_classifierLoadError.toStdString());
        core::AnalysisFrame frame = core::renderAnalysisFrame(*image, 0);
        const cv::Mat grey(frame.height, frame.width, CV_8U, frame.grey.data());
        const cv::Rect2d region(box.x(), box.y(), box.width(), box.height());
        malignancy = m_classifier->malignancy(grey, frame.pixelSpacingMm.value_or(kAssumedSpacingMm), {region}).front();
    });
    ai::releaseFreedMemory();   // the viewer's footprint does not carry the detector's peak
    if (error.isEmpty())
        Q_EMIT regionClassified(sopInstanceUid, box, malignancy);
    else
        Q_EMIT regionClassificationFailed(sopInstanceUid, box, error);
    armModelReleaseIfIdle();
}

void AiWorker::lowerPriorityOnce()
{
    if (!m_priorityLowered)
        lowerThisThreadsPriority();
    m_priorityLowered = true;
}

void AiWorker::scheduleProcessing()
{
    if (m_processingScheduled || m_inFlight || m_pending.empty())
        return;
    m_processingScheduled = true;
    // Queued, so that requests already waiting in the event queue (a newer
    // one for the same image, a cancel) are seen before the work starts.
    QMetaObject::invokeMethod(this, &AiWorker::processNext, Qt::QueuedConnection);
}

void AiWorker::processNext()
{
    m_processingScheduled = false;
    if (m_stopped || m_pending.empty()) {
        armModelReleaseIfIdle();
        return;
    }
    lowerPriorityOnce();
    const Request request = std::move(m_pending.front());
    m_pending.pop_front();
    m_inFlight = true;
    Outcome outcome = run(request);
    ai::releaseFreedMemory();   // the viewer's footprint does not carry the detector's peak
    QMetaObject::invokeMethod(
        this, [this, sop = request.sopInstanceUid, id = request.id, outcome = std::move(outcome)] { deliver(sop, id, outcome); },
        Qt::QueuedConnection);
}

AiWorker::Outcome AiWorker::run(const Request& request)
{
    Outcome outcome;
    outcome.error = errorOf([&] {
        if (!request.image)
            throw core::Error(tr("no image to analyse").toStdString());
        loadClassifierOnce();
        if (!m_detector)
            loadModel();
        if (m_stopped)
            return;
        core::AnalysisFrame frame = core::renderAnalysisFrame(*request.image, 0);
        const cv::Mat grey(frame.height, frame.width, CV_8U, frame.grey.data());
        std::string label = tr("mass").toStdString();
        if (!frame.pixelSpacingMm)
            label = tr("mass (spacing unknown, %1 mm assumed)").arg(kAssumedSpacingMm).toStdString();
        const double spacing = frame.pixelSpacingMm.value_or(kAssumedSpacingMm);
        if (m_stopped)
            return;
        std::vector<cv::Rect2d> boxes;
        for (const ai::Detection& detection : m_detector->detect(grey, spacing)) {
            outcome.findings.push_back(toFinding(detection, request.sopInstanceUid.toStdString(), label));
            boxes.emplace_back(detection.x1, detection.y1, detection.x2 - detection.x1, detection.y2 - detection.y1);
        }
        if (!m_classifier || boxes.empty() || m_stopped)
            return;
        // A classifier failure costs the estimates, not the findings.
        const QString classifierError = errorOf([&] {
            const auto probabilities = m_classifier->malignancy(grey, spacing, boxes);
            for (std::size_t i = 0; i < outcome.findings.size(); ++i)
                outcome.findings[i].malignancy = probabilities[i];
        });
        if (!classifierError.isEmpty())
            reportClassifierProblem(tr("No P(malignant) estimates for an image: %1").arg(classifierError));
    });
    return outcome;
}

void AiWorker::loadModel()
{
    ai::keepFreedMemoryForReuse();
    std::vector<OperatingPoint> points;
    try {
        const VerifiedModel model = verifiedModel(m_modelsDirectory, m_modelName);
        points = operatingPointsOf(model.entry);
        m_detector = std::make_unique<ai::MassDetector>(model.path, ai::ComputeDevice::Automatic, computeThreads());
    } catch (const ModelMissing& missing) {
        throw ModelMissing(tr("AI model missing: %1. The viewer works as usual without it.")
                               .arg(QString::fromUtf8(missing.what()))
                               .toStdString());
    } catch (const core::Error& error) {
        throw core::Error(tr("The AI model \"%1\" cannot be loaded: %2").arg(m_modelName, QString::fromUtf8(error.what())).toStdString());
    }
    const QString device = QString::fromStdString(m_detector->deviceName());
    const QString description =
        m_classifier ? tr("%1 on %2; P(malignant): %3 on %4")
                           .arg(m_modelName, device, m_classifierName, QString::fromStdString(m_classifier->deviceName()))
                     : tr("%1 on %2; no P(malignant) estimates").arg(m_modelName, device);
    Q_EMIT modelLoaded(description, points);
}

void AiWorker::loadClassifierOnce()
{
    if (m_classifierTried)
        return;
    m_classifierTried = true;
    try {
        const VerifiedModel model = verifiedModel(m_modelsDirectory, m_classifierName);
        m_classifier = std::make_unique<ai::coin::MalignancyClassifier>(model.path, ai::ComputeDevice::Automatic,
                                                                        computeThreads());
        return;
    } catch (const ModelMissing& missing) {
        m_classifierLoadError = tr("No P(malignant) estimates: %1. Detection works without them.")
                                    .arg(QString::fromUtf8(missing.what()));
    } catch (const std::exception& error) {   // core::Error for a damaged file, or bad_alloc
        m_classifierLoadError = tr("No P(malignant) estimates: the AI model \"%1\" cannot be loaded: %2")
                                    .arg(m_classifierName, QString::fromUtf8(error.what()));
    }
    reportClassifierProblem(m_classifierLoadError);
}

void AiWorker::reportClassifierProblem(const QString& reason)
{
    if (reason == m_lastClassifierReport)
        return;
    m_lastClassifierReport = reason;
    Q_EMIT classifierUnavailable(reason);
}

void AiWorker::deliver(const QString& sopInstanceUid, std::uint64_t id, const Outcome& outcome)
{
    m_inFlight = false;
    ++m_done;
    const auto current = m_current.find(sopInstanceUid);
    if (!m_stopped && current != m_current.end() && current->second == id) {
        m_current.erase(current);
        if (outcome.error.isEmpty())
            Q_EMIT findingsReady(sopInstanceUid, outcome.findings);
        else
            Q_EMIT failed(sopInstanceUid, outcome.error);
    }
    reportProgress();
    scheduleProcessing();
    armModelReleaseIfIdle();
}

bool AiWorker::idleWithModels() const
{
    return !m_inFlight && m_pending.empty() && (m_detector || m_classifier);
}

void AiWorker::armModelReleaseIfIdle()
{
    if (m_modelRelease->interval() > 0 && idleWithModels())
        m_modelRelease->start();
}

// A reader spends most of the time reading, not waiting for the assistant: the
// weights (about 20 MB) and LibTorch's buffers around them are given back then,
// and loading again costs a fraction of one analysis.
void AiWorker::releaseModelsIfIdle()
{
    if (!idleWithModels())
        return;
    m_detector.reset();
    m_classifier.reset();
    m_classifierTried = false;
    ai::releaseFreedMemory();
    Q_EMIT modelsReleased();
}

void AiWorker::reportProgress()
{
    Q_EMIT progress(m_done, m_total);
    if (m_done >= m_total && m_pending.empty() && !m_inFlight)
        m_done = m_total = 0;   // idle: the next batch counts from zero
}

} // namespace mammo::app
