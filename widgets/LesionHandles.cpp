#include "LesionHandles.h"

#include <QLineF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace mammo::widgets {
namespace {

constexpr double kGripRadiusView = 7.0;   // screen pixels: knobs stay grabbable at any zoom
constexpr double kRotateReach = 1.35;     // the rotation knob sits this many radii from the centre

QPointF rotated(QPointF v, double degrees)
{
    // Counter-clockwise on screen, where y points down.
    const double a = -degrees * M_PI / 180.0;
    return {v.x() * std::cos(a) - v.y() * std::sin(a), v.x() * std::sin(a) + v.y() * std::cos(a)};
}

QPointF scaleKnob(const LesionTransform& t)
{
    return t.centre + rotated(QPointF(t.radius, t.radius) / std::sqrt(2.0), t.rotationDeg);
}

QPointF rotateKnob(const LesionTransform& t)
{
    return t.centre + rotated(QPointF(0.0, -kRotateReach * t.radius), t.rotationDeg);
}

double distance(QPointF a, QPointF b)
{
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

} // namespace

LesionGrip lesionGripAt(const LesionHandle& handle, QPointF viewPoint, const ImageToView& toView)
{
    const LesionTransform& t = handle.transform;
    if (handle.selected) {
        if (distance(toView(scaleKnob(t)), viewPoint) <= kGripRadiusView)
            return LesionGrip::Scale;
        if (distance(toView(rotateKnob(t)), viewPoint) <= kGripRadiusView)
            return LesionGrip::Rotate;
    }
    const double radiusView = distance(toView(t.centre), toView(t.centre + QPointF(t.radius, 0.0)));
    return distance(toView(t.centre), viewPoint) <= std::max(radiusView, kGripRadiusView) ? LesionGrip::Body
                                                                                          : LesionGrip::None;
}

int lesionHandleAt(const std::vector<LesionHandle>& handles, QPointF viewPoint, const ImageToView& toView)
{
    for (std::size_t i = 0; i < handles.size(); ++i)
        if (handles[i].selected && lesionGripAt(handles[i], viewPoint, toView) != LesionGrip::None)
            return int(i);
    for (std::size_t i = handles.size(); i-- > 0;)   // drawn last = on top
        if (lesionGripAt(handles[i], viewPoint, toView) != LesionGrip::None)
            return int(i);
    return -1;
}

LesionTransform dragLesion(const LesionTransform& start, LesionGrip grip, QPointF startImage, QPointF nowImage)
{
    LesionTransform t = start;
    switch (grip) {
    case LesionGrip::Body:
        t.centre = start.centre + (nowImage - startImage);
        break;
    case LesionGrip::Scale: {
        // The knob follows the cursor's distance from the centre.
        const double from = std::max(1.0, distance(startImage, start.centre));
        t.radius = std::clamp(start.radius * distance(nowImage, start.centre) / from, kMinLesionRadius, kMaxLesionRadius);
        break;
    }
    case LesionGrip::Rotate: {
        const QPointF a = startImage - start.centre;
        const QPointF b = nowImage - start.centre;
        // Screen y points down: counter-clockwise is a negative mathematical angle.
        const double turn = -(std::atan2(b.y(), b.x()) - std::atan2(a.y(), a.x())) * 180.0 / M_PI;
        t.rotationDeg = std::remainder(start.rotationDeg + turn, 360.0);
        break;
    }
    case LesionGrip::None:
        break;
    }
    return t;
}

bool keyEditLesion(LesionTransform& t, int key, bool shift)
{
    const double step = shift ? 10.0 : 1.0;
    switch (key) {
    case Qt::Key_Left: t.centre.rx() -= step; return true;
    case Qt::Key_Right: t.centre.rx() += step; return true;
    case Qt::Key_Up: t.centre.ry() -= step; return true;
    case Qt::Key_Down: t.centre.ry() += step; return true;
    case Qt::Key_Plus:
    case Qt::Key_Equal: t.radius = std::min(kMaxLesionRadius, t.radius * 1.05); return true;
    case Qt::Key_Minus: t.radius = std::max(kMinLesionRadius, t.radius / 1.05); return true;
    case Qt::Key_BracketLeft: t.rotationDeg = std::remainder(t.rotationDeg + 5.0, 360.0); return true;
    case Qt::Key_BracketRight: t.rotationDeg = std::remainder(t.rotationDeg - 5.0, 360.0); return true;
    default: return false;
    }
}

void drawLesionHandles(QPainter& painter, const std::vector<LesionHandle>& handles, const ImageToView& toView)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    for (const LesionHandle& handle : handles) {
        const LesionTransform& t = handle.transform;
        const QColor colour = handle.selected ? QColor(255, 170, 40) : QColor(255, 220, 120, 200);
        // The outline: a circle of the lesion's radius, with a tick showing its orientation.
        QPainterPath outline;
        constexpr int kSegments = 48;
        for (int i = 0; i <= kSegments; ++i) {
            const double a = 2.0 * M_PI * i / kSegments;
            const QPointF p = toView(t.centre + QPointF(t.radius * std::cos(a), t.radius * std::sin(a)));
            i == 0 ? outline.moveTo(p) : outline.lineTo(p);
        }
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(colour, handle.selected ? 2.0 : 1.2, Qt::DashLine));
        painter.drawPath(outline);
        painter.setPen(QPen(colour, 1.5));
        painter.drawLine(QLineF(toView(t.centre + rotated(QPointF(0, -t.radius), t.rotationDeg)), toView(rotateKnob(t))));
        if (handle.selected) {
            painter.setBrush(colour);
            const QPointF s = toView(scaleKnob(t));
            painter.drawRect(QRectF(s - QPointF(5, 5), QSizeF(10, 10)));
            painter.drawEllipse(toView(rotateKnob(t)), 6.0, 6.0);
        }
        if (!handle.label.isEmpty()) {
            painter.setPen(colour);
            painter.drawText(toView(t.centre + QPointF(t.radius, -t.radius)) + QPointF(6, 0), handle.label);
        }
    }
    painter.restore();
}

} // namespace mammo::widgets
