#pragma once
// The handles of lesions placed on a mammogram for a synthetic case: the
// outline to move it by, a square to scale it by and a knob to rotate it by.
// Geometry in image pixels; drawing and hit tests through a mapping to the
// view, so flips and zoom need no special cases. No state: MammoView keeps
// the handles it was given and asks these functions.
#include <QPointF>
#include <QString>

#include <functional>
#include <vector>

class QPainter;

namespace mammo::widgets {

// Where one placed lesion is: centre and radius (image pixels) and rotation
// (degrees, counter-clockwise on the image as displayed unflipped).
struct LesionTransform {
    QPointF centre;
    double radius = 1.0;
    double rotationDeg = 0.0;
    bool operator==(const LesionTransform& o) const
    {
        return centre == o.centre && radius == o.radius && rotationDeg == o.rotationDeg;
    }
};

struct LesionHandle {
    int id = 0;
    LesionTransform transform;
    QString label;        // e.g. "malignant 14 mm"
    bool selected = false;
};

enum class LesionGrip { None, Body, Scale, Rotate };

using ImageToView = std::function<QPointF(QPointF imagePixel)>;

// The grip under a view point (the selected handle's knobs first), or None.
LesionGrip lesionGripAt(const LesionHandle& handle, QPointF viewPoint, const ImageToView& toView);
// The handle topmost under a view point: index into handles, or -1.
int lesionHandleAt(const std::vector<LesionHandle>& handles, QPointF viewPoint, const ImageToView& toView);
// The transform after dragging `grip` from startImage to nowImage (image pixels).
LesionTransform dragLesion(const LesionTransform& start, LesionGrip grip, QPointF startImage, QPointF nowImage);
void drawLesionHandles(QPainter& painter, const std::vector<LesionHandle>& handles, const ImageToView& toView);

// Keyboard edits of the selected lesion: arrows move (1 px, Shift 10 px), + and -
// scale by 5 %, [ and ] rotate by 5 degrees. Returns false for other keys.
bool keyEditLesion(LesionTransform& transform, int key, bool shift);

// Radius limits so a lesion stays visible and inside reason (image pixels).
inline constexpr double kMinLesionRadius = 3.0;
inline constexpr double kMaxLesionRadius = 400.0;

} // namespace mammo::widgets
