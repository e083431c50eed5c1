#pragma once
// One synthetic case being made: the normal image it starts from, the lesions
// placed on it (library id, centre, scale, rotation) and the blending method.
// Every edit goes through the undo stack, one gesture = one step; the whole
// state round-trips through JSON for the autosave. No pixels here: the
// BlendWorker turns a snapshot of this into an image.
#include <core/Image.h>

#include <QJsonObject>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QUndoStack>

#include <string>
#include <vector>

namespace mammo::app {

struct PlacedLesion {
    int id = 0;                 // unique within the session, stable across undo/redo
    std::string lesionId;       // the library's id, e.g. "mdb023-1"
    QPointF centre;             // image pixels (columns, rows)
    double scale = 1.0;         // image pixels per lesion-patch pixel
    double rotationDeg = 0.0;   // counter-clockwise on screen
    bool operator==(const PlacedLesion& o) const
    {
        return id == o.id && lesionId == o.lesionId && centre == o.centre && scale == o.scale &&
               rotationDeg == o.rotationDeg;
    }
};

// Blending methods offered to the annotator; names as in mammoscope-cli synth.
inline const QStringList& synthesisMethods()
{
    static const QStringList methods{QStringLiteral("ban"), QStringLiteral("poisson"), QStringLiteral("paste")};
    return methods;
}

class SynthesisSession : public QObject {
    Q_OBJECT
public:
    explicit SynthesisSession(QObject* parent = nullptr);
    ~SynthesisSession() override;

    // Starts over on `base` (clears lesions and history); nullptr ends the session.
    void start(core::ImagePtr base, const QString& method = QStringLiteral("ban"));
    core::ImagePtr base() const { return m_base; }
    bool isActive() const { return m_base != nullptr; }
    QString baseSopInstanceUid() const;

    const std::vector<PlacedLesion>& lesions() const { return m_lesions; }
    const PlacedLesion* lesion(int id) const;
    QString method() const { return m_method; }
    QUndoStack* undoStack() { return &m_undo; }

    // Undoable edits.
    int addLesion(const std::string& lesionId, QPointF centre, double scale, double rotationDeg = 0.0);
    void removeLesion(int id);
    void setMethod(const QString& method);
    // A gesture in progress (finished = false) changes the lesion without an undo
    // step; its end (finished = true) records one step from where the gesture began.
    void moveLesion(int id, QPointF centre, double scale, double rotationDeg, bool finished);

    QJsonObject toJson() const;
    // Restores lesions and method onto `base`; false when the JSON is for another
    // image or malformed (the session is then unchanged).
    bool restore(const QJsonObject& json, core::ImagePtr base);

    // For the undo commands (SynthesisSession.cpp): set without recording.
    // Adds (at index, default the end) or replaces by id.
    void applyLesion(const PlacedLesion& lesion, std::size_t index = std::size_t(-1));
    void applyRemoval(int id);
    void applyMethod(const QString& method);

Q_SIGNALS:
    // Anything that changes the composite: lesions, their placement or the method.
    void changed();
    void started();

private:
    core::ImagePtr m_base;
    std::vector<PlacedLesion> m_lesions;
    QString m_method = QStringLiteral("ban");
    QUndoStack m_undo;
    int m_nextId = 1;
    // The lesion as it was when the current gesture began.
    int m_gestureId = 0;
    PlacedLesion m_gestureStart;
};

} // namespace mammo::app
