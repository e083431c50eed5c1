#include "ViewGeometry.h"

#include <algorithm>

namespace mammo::widgets {

void ViewGeometry::setZoom(double zoom)
{
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
}

double ViewGeometry::fitZoom() const
{
    if (m_imageSize.isEmpty() || m_viewSize.isEmpty())
        return 1.0;
    return std::min(m_viewSize.width() / m_imageSize.width(), m_viewSize.height() / m_imageSize.height());
}

void ViewGeometry::fit()
{
    setZoom(fitZoom());
    m_center = QPointF(m_imageSize.width() / 2.0, m_imageSize.height() / 2.0);
}

void ViewGeometry::zoomAbout(double zoom, QPointF viewPoint)
{
    const QPointF anchor = toImage(viewPoint);
    setZoom(zoom);
    // Solve for the centre that maps anchor back to viewPoint.
    const QPointF shifted = toView(anchor);
    panBy(viewPoint - shifted);
}

void ViewGeometry::panBy(QPointF viewDelta)
{
    const double sx = m_flipH ? -1.0 : 1.0;
    const double sy = m_flipV ? -1.0 : 1.0;
    m_center -= QPointF(sx * viewDelta.x() / m_zoom, sy * viewDelta.y() / m_zoom);
}

QTransform ViewGeometry::imageToView() const
{
    const double sx = m_flipH ? -m_zoom : m_zoom;
    const double sy = m_flipV ? -m_zoom : m_zoom;
    QTransform t;
    t.translate(m_viewSize.width() / 2.0, m_viewSize.height() / 2.0);
    t.scale(sx, sy);
    t.translate(-m_center.x(), -m_center.y());
    return t;
}

QPointF ViewGeometry::toImage(QPointF viewPoint) const
{
    return imageToView().inverted().map(viewPoint);
}

} // namespace mammo::widgets
