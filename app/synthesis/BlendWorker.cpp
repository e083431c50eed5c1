#include "BlendWorker.h"

#include <ai/HeapReuse.h>
#include <ai/synthesis/Blender.h>
#include <core/Error.h>

#include <QElapsedTimer>
#include <QMetaObject>

namespace mammo::app {

BlendWorker::BlendWorker(QString banModelPath, QObject* parent)
    : QObject(parent), m_banModelPath(std::move(banModelPath))
{
    qRegisterMetaType<mammo::app::BlendResult>();
}

BlendWorker::~BlendWorker() = default;

void BlendWorker::submit(BlendRequest request)
{
    std::lock_guard lock(m_mutex);
    m_waiting = std::move(request);
    if (m_scheduled)
        return;   // the queued call will take this one
    m_scheduled = true;
    QMetaObject::invokeMethod(this, &BlendWorker::processLatest, Qt::QueuedConnection);
}

quint64 BlendWorker::blendsDone() const
{
    std::lock_guard lock(m_mutex);
    return m_done;
}

const ai::synthesis::Blender& BlendWorker::blenderFor(const QString& method)
{
    auto& blender = m_blenders[method];
    if (!blender)
        blender = makeSynthesisBlender(method, m_banModelPath);
    return *blender;
}

void BlendWorker::processLatest()
{
    BlendRequest request;
    {
        std::lock_guard lock(m_mutex);
        m_scheduled = false;
        if (!m_waiting)
            return;
        request = std::move(*m_waiting);
        m_waiting.reset();
    }
    QElapsedTimer timer;
    timer.start();
    try {
        BlendResult result;
        result.generation = request.generation;
        result.method = request.method;
        if (!request.base || !request.library)
            throw core::Error("no image to blend into");
        result.composite = composeSyntheticImage(*request.base, request.lesions, *request.library, blenderFor(request.method));
        result.milliseconds = double(timer.nsecsElapsed()) / 1e6;
        {
            std::lock_guard lock(m_mutex);
            ++m_done;
        }
        Q_EMIT blended(result);
    } catch (const std::exception& e) {
        // A blender that failed to load is not kept: the next request tries again.
        if (const auto it = m_blenders.find(request.method); it != m_blenders.end() && !it->second)
            m_blenders.erase(it);
        Q_EMIT failed(request.generation, request.method, QString::fromStdString(e.what()));
    }
    // Idle, no newer position waiting: the blend's working copies go back to the
    // system instead of staying resident (ai/HeapReuse.h); they lie below the
    // composite, so malloc_trim's part is needed too, not only this heap's top.
    bool idle = false;
    {
        std::lock_guard lock(m_mutex);
        idle = !m_waiting;
    }
    if (idle)
        ai::releaseFreedMemory();
}

} // namespace mammo::app
