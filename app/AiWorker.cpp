#include "AiWorker.h"

#include <ai/MassDetector.h>
#include <ai/ModelManifest.h>
#include <core/AnalysisFrame.h>
#include <core/Error.h>

#include <QDir>
#include <QFileInfo>
#include <QThread>

#include <opencv2/core.hpp>

#include <algorithm>
#include <exception>

#ifdef Q_OS_LINUX
#include <malloc.h>
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
// LibTorch frees its CPU tensors to malloc, whose per-thread arena keeps the
// pages: hand them back after each analysis so the viewer's footprint does not
// carry the detector's peak.
void releaseFreedMemory()
{
#ifdef Q_OS_LINUX
    malloc_trim(0);
#endif
}

void lowerThisThreadsPriority()
{
#ifdef Q_OS_LINUX
    constexpr int kBackgroundNice = 19;
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), kBackgroundNice);
#endif
}

} // namespace

AiWorker::AiWorker(QString modelsDirectory, QString modelName, QObject* parent)
    : QObject(parent), m_modelsDirectory(std::move(modelsDirectory)), m_modelName(std::move(modelName))
{
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

void AiWorker::cancel()
{
    m_pending.clear();
    m_current.clear();   // the result of an analysis in progress is no longer anyone's
    m_total = m_done + (m_inFlight ? 1 : 0);
    reportProgress();
}

void AiWorker::prepare()
{
    lowerPriorityOnce();
    if (m_detector || m_stopped)
        return;
    try {
        loadModel();
    } catch (...) {
        // Reported by the first analysis, with the image it concerns.
    }
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
    if (m_stopped || m_pending.empty())
        return;
    lowerPriorityOnce();
    const Request request = std::move(m_pending.front());
    m_pending.pop_front();
    m_inFlight = true;
    Outcome outcome = run(request);
    releaseFreedMemory();
    QMetaObject::invokeMethod(
        this, [this, sop = request.sopInstanceUid, id = request.id, outcome = std::move(outcome)] { deliver(sop, id, outcome); },
        Qt::QueuedConnection);
}

AiWorker::Outcome AiWorker::run(const Request& request)
{
    Outcome outcome;
    try {
        if (!request.image)
            throw core::Error(tr("no image to analyse").toStdString());
        if (!m_detector)
            loadModel();
        if (m_stopped)
            return outcome;
        core::AnalysisFrame frame = core::renderAnalysisFrame(*request.image, 0);
        const cv::Mat grey(frame.height, frame.width, CV_8U, frame.grey.data());
        std::string label = tr("mass").toStdString();
        if (!frame.pixelSpacingMm)
            label = tr("mass (spacing unknown, %1 mm assumed)").arg(kAssumedSpacingMm).toStdString();
        const double spacing = frame.pixelSpacingMm.value_or(kAssumedSpacingMm);
        if (m_stopped)
            return outcome;
        for (const ai::Detection& detection : m_detector->detect(grey, spacing))
            outcome.findings.push_back(toFinding(detection, request.sopInstanceUid.toStdString(), label));
    } catch (const core::Error& error) {
        outcome.error = QString::fromUtf8(error.what());
    } catch (const cv::Exception& error) {
        outcome.error = tr("image processing failed: %1").arg(QString::fromUtf8(error.what()));
    } catch (const std::bad_alloc&) {
        outcome.error = tr("not enough memory for the analysis");
    } catch (const std::exception& error) {
        outcome.error = tr("the analysis failed: %1").arg(QString::fromUtf8(error.what()));
    } catch (...) {
        outcome.error = tr("the analysis failed for an unknown reason");
    }
    return outcome;
}

void AiWorker::loadModel()
{
    const std::string name = m_modelName.toStdString();
    const QDir directory(m_modelsDirectory);
    const auto missing = [](const QString& detail) {
        return ModelMissing(tr("AI model missing: %1. The viewer works as usual without it.").arg(detail).toStdString());
    };
    if (!QFileInfo::exists(directory.filePath(QStringLiteral("manifest.json"))))
        throw missing(tr("no manifest.json in %1").arg(QDir::toNativeSeparators(m_modelsDirectory)));
    std::string path;
    std::vector<OperatingPoint> points;
    try {
        const auto manifest = ai::ModelManifest::read(m_modelsDirectory.toStdString());
        if (!manifest.contains(name))
            throw missing(tr("%1 lists no model \"%2\"")
                              .arg(QDir::toNativeSeparators(directory.filePath(QStringLiteral("manifest.json"))), m_modelName));
        const QString file = directory.filePath(QString::fromStdString(manifest.entry(name).value("file", "")));
        if (!QFileInfo(file).isFile())
            throw missing(tr("the file %1 does not exist").arg(QDir::toNativeSeparators(file)));
        path = manifest.verifiedPath(name);
        points = operatingPointsOf(manifest.entry(name));
        // Leave a core free for the GUI thread and the image loader.
        const int threads = std::max(1, QThread::idealThreadCount() - 1);
        m_detector = std::make_unique<ai::MassDetector>(path, ai::ComputeDevice::Automatic, threads);
    } catch (const ModelMissing&) {
        throw;
    } catch (const core::Error& error) {
        throw core::Error(tr("The AI model \"%1\" cannot be loaded: %2").arg(m_modelName, QString::fromUtf8(error.what())).toStdString());
    }
    Q_EMIT modelLoaded(tr("%1 on %2").arg(m_modelName, QString::fromStdString(m_detector->deviceName())), points);
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
}

void AiWorker::reportProgress()
{
    Q_EMIT progress(m_done, m_total);
    if (m_done >= m_total && m_pending.empty() && !m_inFlight)
        m_done = m_total = 0;   // idle: the next batch counts from zero
}

} // namespace mammo::app
