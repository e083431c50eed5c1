#pragma once
#include "LesionHandles.h"
#include "ViewGeometry.h"

#include <core/Finding.h>
#include <core/HangingProtocol.h>
#include <core/Image.h>
#include <core/ImageAttributes.h>

#include <QImage>
#include <QWidget>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <vtkSmartPointer.h>

#include <optional>
#include <vector>

class vtkGenericOpenGLRenderWindow;
class vtkRenderer;
class vtkImageActor;
class vtkImageData;
class QSlider;
class QPaintDevice;
class QOpenGLWindow;

namespace mammo::widgets {

class ViewSurface;

// One mammogram, drawn in its own native GL window (ViewSurface): VTK draws the
// image (through the core display chain), QPainter draws overlays, text, ruler
// and magnifier with the same ViewGeometry. The widget is given data and emits intent; it never
// touches files or the AI.
class MammoView : public QWidget {
    Q_OBJECT
public:
    // Region: a left drag draws a rectangle and emits regionDrawn (to have it classified).
    // Lesion: placed lesions of a synthetic case are picked, moved, scaled and rotated.
    enum class Tool { Pan, Ruler, Region, Lesion };
    enum class ZoomMode { Fit, Pixel, TrueSize, Free };

    explicit MammoView(QWidget* parent = nullptr);
    ~MammoView() override;

    void setImage(core::ImagePtr image, core::DisplayFlip flip);
    // The same image with other pixels (a synthetic case's preview): window,
    // zoom and pan stay. Ignored unless rows and columns match the shown image.
    void replacePixels(core::ImagePtr image);
    void clearImage(const QString& message = {});
    core::ImagePtr image() const { return m_image; }
    QString sopInstanceUid() const;

    // Window/level: the user's window replaces the image's VOI.
    void setWindow(double center, double width);
    void setWindowPreset(int index);          // index into the image's windows; -1 = default
    void resetWindow();
    double windowCenter() const { return m_center; }
    double windowWidth() const { return m_width; }
    int windowPresetCount() const;
    int windowPreset() const { return m_userWindow ? -1 : m_preset; }

    int frame() const { return m_frame; }
    void setFrame(int frame);

    // Zoom: screen pixels per image pixel.
    double zoom() const { return m_geometry.zoom(); }
    void setZoom(double zoom);
    void setZoomMode(ZoomMode mode);
    ZoomMode zoomMode() const { return m_zoomMode; }
    void centerOn(QPointF imagePoint, double zoom);
    const ViewGeometry& geometry() const { return m_geometry; }

    void setTool(Tool tool);
    Tool tool() const { return m_tool; }
    void setMagnifierEnabled(bool enabled);
    bool magnifierEnabled() const { return m_magnifier; }
    void setMagnification(double factor);
    void clearMeasurement();
    std::optional<double> measuredDistanceMm() const;

    // Findings for any image; only those whose SOP Instance UID matches are drawn.
    void setFindings(const std::vector<core::Finding>& findings);
    std::vector<core::Finding> visibleFindings() const;
    void setShowOverlays(bool show);
    void setShowCornerText(bool show);
    // A tag at the top centre saying which study this is when studies are
    // compared ("CURRENT 2024-03-02", "PRIOR 2023-02-20"); empty: none.
    void setStudyTag(const QString& tag, bool isPrior);
    QString studyTag() const { return m_studyTag; }
    // The text beside a mark: "mass 0.82 · P(malignant) 0.35", "drawn region · P(malignant) 0.35".
    static QString findingLabel(const core::Finding& finding);

    // Lesions placed for a synthetic case, drawn with handles; with the Lesion tool
    // they are edited by mouse and keyboard, which emits lesionEdited.
    void setLesionHandles(std::vector<LesionHandle> handles);
    const std::vector<LesionHandle>& lesionHandles() const { return m_lesionHandles; }
    // The MIME type a lesion library offers its entries by drag and drop (the payload is the lesion id, UTF-8).
    static QString lesionMimeType();
    // Image pixel (columns, rows) -> view point, for overlays and tests.
    QPointF viewPointOf(QPointF imagePixel) const;

    // The displayed 8-bit buffer (after the display chain), for tests and the lens.
    QImage displayImage() const;

    // Draws a frame soon (the view's state changed outside its own setters).
    void requestFrame();
    // The view as it is drawn, image and overlays, rendered now (for tests and captures).
    QImage grabFramebuffer();
    // The native window the view draws in (its GL context, e.g. to wait for the GPU).
    QOpenGLWindow* surface() const;
    // Where the image is drawn, in view coordinates: the view less its frame slider.
    QRect canvas() const;

Q_SIGNALS:
    void frameSwapped();   // a frame of this view reached the screen
    void windowChanged(double center, double width);
    void zoomChanged(double zoom);
    void frameChanged(int frame);
    void activated();              // the user clicked into this view
    void cursorMoved(QPointF imagePoint, int storedValue);
    // A rectangle drawn with the Region tool, in image pixels (columns, rows), clipped to the image.
    void regionDrawn(const QString& sopInstanceUid, const QRectF& imageBox);
    // A lesion dropped from the library, at an image point (pixels).
    void lesionDropped(const QString& sopInstanceUid, const QString& lesionId, QPointF imagePoint);
    void lesionSelected(int id);
    // A placed lesion moved, scaled or rotated: `finished` once per gesture (release, key),
    // so one gesture is one undo step; intermediate positions come with finished = false.
    void lesionEdited(int id, const mammo::widgets::LesionTransform& transform, bool finished);
    void lesionRemoveRequested(int id);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // The surface's GL stages.
    void initializeGL();
    void resizeGL(int w, int h);
    void paintGL();
    void paintInto(QPaintDevice* device);   // the image by VTK, then the overlays
    void applyDefaultWindow();
    void warmUpShaders();
    void rebuildLut();                    // when the window changed
    void renderVisibleRegion();           // the part of the image on screen, at the zoom's resolution
    double pixelAspect() const;
    void updateCamera();
    void applyZoomMode();
    void drawOverlays(QPainter& painter);
    void drawFindings(QPainter& painter);
    void drawCornerText(QPainter& painter);
    void drawStudyTag(QPainter& painter);
    void drawRuler(QPainter& painter);
    void drawRegion(QPainter& painter);
    bool pressOnLesion(QPointF viewPoint);
    bool keyOnLesion(QKeyEvent* event);
    QPointF imagePixelAt(QPointF viewPoint) const;   // unscaled rows, as findings and the ruler store them
    void drawMagnifier(QPainter& painter);
    void drawBanners(QPainter& painter);
    QString cornerTextTopLeft() const;
    QString cornerTextTopRight() const;
    QString cornerTextBottomLeft() const;
    double trueSizeZoom() const;

    vtkSmartPointer<vtkGenericOpenGLRenderWindow> m_renderWindow;
    vtkSmartPointer<vtkRenderer> m_renderer;
    vtkSmartPointer<vtkImageActor> m_actor;
    // What VTK shows: the visible region (plus a margin, so small pans need no
    // new render), one texel per step x step image pixels. Rendering only this
    // keeps W/L and memory independent of the detector size.
    vtkSmartPointer<vtkImageData> m_display;
    std::vector<std::uint8_t> m_lut;      // display chain as a table over stored values
    bool m_lutDirty = true;
    bool m_regionDirty = true;
    QRect m_region;                       // image pixels rendered into m_display
    int m_step = 1;
    int m_sampling = 1;   // of the region on display: > 1 while a window/level drag lasts

    core::ImagePtr m_image;
    core::ImagePtr m_setImage;   // as setImage gave it: replacePixels may show other pixels (a synthetic preview)
    QString m_message;
    int m_frame = 0;
    double m_center = 0.0;
    double m_width = 1.0;
    int m_preset = -1;                    // -1: the user's or the automatic window
    bool m_userWindow = false;

    ViewGeometry m_geometry;
    ZoomMode m_zoomMode = ZoomMode::Fit;
    Tool m_tool = Tool::Pan;

    bool m_magnifier = false;
    double m_magnification = 3.0;
    std::optional<QPointF> m_cursor;       // view coordinates

    enum class Drag { None, Pan, Window, Ruler, Region, Lesion };
    Drag m_drag = Drag::None;
    QPointF m_dragStart;
    QPointF m_lastPos;
    double m_dragCenter = 0.0;
    double m_dragWidth = 0.0;
    std::optional<QPointF> m_rulerStart;   // image coordinates
    std::optional<QPointF> m_rulerEnd;
    std::optional<QPointF> m_regionStart;  // image coordinates, while a region is drawn
    std::optional<QPointF> m_regionEnd;

    std::vector<LesionHandle> m_lesionHandles;
    LesionGrip m_lesionGrip = LesionGrip::None;   // while a lesion is dragged
    int m_lesionDragged = -1;                      // its index in m_lesionHandles
    LesionTransform m_lesionDragStart;
    QPointF m_lesionDragStartImage;

    std::vector<core::Finding> m_findings;
    bool m_showOverlays = true;
    bool m_showCornerText = true;
    QString m_studyTag;
    bool m_studyTagIsPrior = false;
    QSlider* m_frameSlider = nullptr;
    ViewSurface* m_surface = nullptr;   // owned by its window container, a child of this
};

} // namespace mammo::widgets
