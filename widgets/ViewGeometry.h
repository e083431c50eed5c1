#pragma once
#include <QPointF>
#include <QSizeF>
#include <QTransform>

namespace mammo::widgets {

// Where the image sits in a view: zoom (screen pixels per image pixel), the
// image point at the view centre, and the display flips. One transform serves
// both the VTK camera and the QPainter overlays, so they cannot drift apart.
class ViewGeometry {
public:
    void setViewSize(QSizeF size) { m_viewSize = size; }
    void setImageSize(QSizeF size) { m_imageSize = size; }
    void setFlips(bool horizontal, bool vertical) { m_flipH = horizontal; m_flipV = vertical; }
    void setZoom(double zoom);
    void setCenter(QPointF imagePoint) { m_center = imagePoint; }

    QSizeF viewSize() const { return m_viewSize; }
    QSizeF imageSize() const { return m_imageSize; }
    bool flipHorizontal() const { return m_flipH; }
    bool flipVertical() const { return m_flipV; }
    double zoom() const { return m_zoom; }
    QPointF center() const { return m_center; }

    // Zoom at which the whole image fits the view.
    double fitZoom() const;
    void fit();
    // Changes zoom keeping the image point under viewPoint fixed on screen.
    void zoomAbout(double zoom, QPointF viewPoint);
    // Moves the image by a screen-space delta.
    void panBy(QPointF viewDelta);

    QTransform imageToView() const;
    QPointF toView(QPointF imagePoint) const { return imageToView().map(imagePoint); }
    QPointF toImage(QPointF viewPoint) const;

    static constexpr double kMinZoom = 0.01;
    static constexpr double kMaxZoom = 64.0;

private:
    QSizeF m_viewSize{1, 1};
    QSizeF m_imageSize{1, 1};
    QPointF m_center{0.5, 0.5};
    double m_zoom = 1.0;
    bool m_flipH = false;
    bool m_flipV = false;
};

} // namespace mammo::widgets
