#include "SynthesisSession.h"

#include <QJsonArray>
#include <QUndoCommand>

#include <algorithm>

namespace mammo::app {
namespace {

class AddLesionCommand : public QUndoCommand {
public:
    AddLesionCommand(SynthesisSession& session, PlacedLesion lesion)
        : QUndoCommand(QObject::tr("Place lesion")), m_session(session), m_lesion(std::move(lesion)) {}
    void redo() override { m_session.applyLesion(m_lesion); }
    void undo() override { m_session.applyRemoval(m_lesion.id); }

private:
    SynthesisSession& m_session;
    PlacedLesion m_lesion;
};

class RemoveLesionCommand : public QUndoCommand {
public:
    // index: the lesion's place in the list, which is the blending (and SEG segment) order.
    RemoveLesionCommand(SynthesisSession& session, PlacedLesion lesion, std::size_t index)
        : QUndoCommand(QObject::tr("Remove lesion")), m_session(session), m_lesion(std::move(lesion)), m_index(index) {}
    void redo() override { m_session.applyRemoval(m_lesion.id); }
    void undo() override { m_session.applyLesion(m_lesion, m_index); }

private:
    SynthesisSession& m_session;
    PlacedLesion m_lesion;
    std::size_t m_index;
};

class MoveLesionCommand : public QUndoCommand {
public:
    MoveLesionCommand(SynthesisSession& session, PlacedLesion before, PlacedLesion after)
        : QUndoCommand(QObject::tr("Move lesion")), m_session(session), m_before(std::move(before)), m_after(std::move(after))
    {}
    void redo() override { m_session.applyLesion(m_after); }
    void undo() override { m_session.applyLesion(m_before); }

private:
    SynthesisSession& m_session;
    PlacedLesion m_before;
    PlacedLesion m_after;
};

class MethodCommand : public QUndoCommand {
public:
    MethodCommand(SynthesisSession& session, QString before, QString after)
        : QUndoCommand(QObject::tr("Blending method")), m_session(session), m_before(std::move(before)),
          m_after(std::move(after)) {}
    void redo() override { m_session.applyMethod(m_after); }
    void undo() override { m_session.applyMethod(m_before); }

private:
    SynthesisSession& m_session;
    QString m_before;
    QString m_after;
};

} // namespace

SynthesisSession::SynthesisSession(QObject* parent) : QObject(parent)
{
    // An undo or redo ends any gesture a view left unfinished (e.g. dragged back to
    // where it began): the next edit must record its start from the lesion as it is now.
    connect(&m_undo, &QUndoStack::indexChanged, this, [this] { m_gestureId = 0; });
}

SynthesisSession::~SynthesisSession()
{
    m_undo.disconnect(this);   // ~QUndoStack clears itself and would reach the lambda above
}

void SynthesisSession::start(core::ImagePtr base, const QString& method)
{
    m_undo.clear();
    m_lesions.clear();
    m_nextId = 1;
    m_gestureId = 0;
    m_base = std::move(base);
    m_method = synthesisMethods().contains(method) ? method : QStringLiteral("ban");
    Q_EMIT started();
    Q_EMIT changed();
}

QString SynthesisSession::baseSopInstanceUid() const
{
    return m_base ? QString::fromStdString(m_base->attributes().sopInstanceUid) : QString();
}

const PlacedLesion* SynthesisSession::lesion(int id) const
{
    const auto it = std::find_if(m_lesions.begin(), m_lesions.end(), [id](const PlacedLesion& l) { return l.id == id; });
    return it == m_lesions.end() ? nullptr : &*it;
}

int SynthesisSession::addLesion(const std::string& lesionId, QPointF centre, double scale, double rotationDeg)
{
    if (!m_base)
        return 0;
    PlacedLesion placed{m_nextId++, lesionId, centre, scale, rotationDeg};
    m_undo.push(new AddLesionCommand(*this, placed));
    return placed.id;
}

void SynthesisSession::removeLesion(int id)
{
    if (const PlacedLesion* placed = lesion(id))
        m_undo.push(new RemoveLesionCommand(*this, *placed, std::size_t(placed - m_lesions.data())));
}

void SynthesisSession::setMethod(const QString& method)
{
    if (method != m_method && synthesisMethods().contains(method))
        m_undo.push(new MethodCommand(*this, m_method, method));
}

void SynthesisSession::moveLesion(int id, QPointF centre, double scale, double rotationDeg, bool finished)
{
    const PlacedLesion* placed = lesion(id);
    if (!placed)
        return;
    if (m_gestureId != id) {
        m_gestureId = id;
        m_gestureStart = *placed;
    }
    PlacedLesion moved = *placed;
    moved.centre = centre;
    moved.scale = scale;
    moved.rotationDeg = rotationDeg;
    if (!finished) {
        applyLesion(moved);
        return;
    }
    const PlacedLesion before = m_gestureStart;
    m_gestureId = 0;
    if (!(before == moved))
        m_undo.push(new MoveLesionCommand(*this, before, moved));
}

void SynthesisSession::applyLesion(const PlacedLesion& placed, std::size_t index)
{
    const auto it = std::find_if(m_lesions.begin(), m_lesions.end(), [&](const PlacedLesion& l) { return l.id == placed.id; });
    if (it == m_lesions.end())
        m_lesions.insert(m_lesions.begin() + std::ptrdiff_t(std::min(index, m_lesions.size())), placed);
    else if (*it == placed)
        return;
    else
        *it = placed;
    m_nextId = std::max(m_nextId, placed.id + 1);
    Q_EMIT changed();
}

void SynthesisSession::applyRemoval(int id)
{
    const auto it = std::find_if(m_lesions.begin(), m_lesions.end(), [id](const PlacedLesion& l) { return l.id == id; });
    if (it == m_lesions.end())
        return;
    m_lesions.erase(it);
    Q_EMIT changed();
}

void SynthesisSession::applyMethod(const QString& method)
{
    if (method == m_method)
        return;
    m_method = method;
    Q_EMIT changed();
}

QJsonObject SynthesisSession::toJson() const
{
    QJsonArray lesions;
    for (const PlacedLesion& l : m_lesions)
        lesions.append(QJsonObject{{"id", l.id},
                                   {"lesion", QString::fromStdString(l.lesionId)},
                                   {"x", l.centre.x()},
                                   {"y", l.centre.y()},
                                   {"scale", l.scale},
                                   {"rotation_deg", l.rotationDeg}});
    return {{"format", "mammoscope-synthesis-session/1"},
            {"synthetic", true},
            {"base_sop_instance_uid", baseSopInstanceUid()},
            {"base_file", m_base ? QString::fromStdString(m_base->attributes().filePath) : QString()},
            {"method", m_method},
            {"lesions", lesions}};
}

bool SynthesisSession::restore(const QJsonObject& json, core::ImagePtr base)
{
    if (!base || json["format"].toString() != "mammoscope-synthesis-session/1" ||
        json["base_sop_instance_uid"].toString().toStdString() != base->attributes().sopInstanceUid)
        return false;
    std::vector<PlacedLesion> lesions;
    for (const auto& value : json["lesions"].toArray()) {
        const QJsonObject o = value.toObject();
        const double scale = o["scale"].toDouble();
        if (o["lesion"].toString().isEmpty() || !(scale > 0))
            return false;
        lesions.push_back({o["id"].toInt(), o["lesion"].toString().toStdString(), QPointF(o["x"].toDouble(), o["y"].toDouble()),
                           scale, o["rotation_deg"].toDouble()});
    }
    start(std::move(base), json["method"].toString());
    // Restored lesions are the starting point, not steps to undo.
    for (const PlacedLesion& l : lesions)
        applyLesion(l);
    return true;
}

} // namespace mammo::app
