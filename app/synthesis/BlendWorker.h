#pragma once
// Blends the synthetic case on its own thread (Qt's worker pattern), so that
// dragging a lesion never waits for the network. Requests coalesce: while one
// blend runs, newer requests replace the waiting one, and only the latest
// position is blended next; results carry their generation so the GUI drops
// stale ones.
#include "SynthesisSession.h"
#include "SyntheticComposite.h"

#include <ai/synthesis/LesionLibrary.h>

#include <QMetaType>
#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace mammo::ai::synthesis {
class Blender;
}

namespace mammo::app {

struct BlendRequest {
    quint64 generation = 0;
    std::shared_ptr<const ai::synthesis::LesionLibrary> library;   // the panel's, at the time of the request
    core::ImagePtr base;
    std::vector<PlacedLesion> lesions;
    QString method;   // synthesisMethods()
};

struct BlendResult {
    quint64 generation = 0;
    QString method;
    SyntheticComposite composite;
    double milliseconds = 0.0;
};

class BlendWorker : public QObject {
    Q_OBJECT
public:
    // banModelPath: the BAN generator (models manifest "ban-cpu"); empty or
    // unreadable -> BAN requests fail with the reason, the others still work.
    explicit BlendWorker(QString banModelPath, QObject* parent = nullptr);
    ~BlendWorker() override;

    // Thread-safe (call from the GUI thread): the request replaces any waiting one.
    void submit(BlendRequest request);
    // Thread-safe: blended requests so far (tests check coalescing with it).
    quint64 blendsDone() const;

Q_SIGNALS:
    void blended(const mammo::app::BlendResult& result);
    void failed(quint64 generation, const QString& method, const QString& message);

private:
    void processLatest();
    const ai::synthesis::Blender& blenderFor(const QString& method);

    QString m_banModelPath;
    std::map<QString, std::unique_ptr<ai::synthesis::Blender>> m_blenders;   // worker thread only

    mutable std::mutex m_mutex;
    std::optional<BlendRequest> m_waiting;   // guarded by m_mutex
    bool m_scheduled = false;                // a processLatest() is queued; guarded
    quint64 m_done = 0;                      // guarded
};

} // namespace mammo::app

Q_DECLARE_METATYPE(mammo::app::BlendResult)
