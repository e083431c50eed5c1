#include "MammoView.h"

#include "DisplayChainAdapter.h"
#include "ViewSurface.h"

#include <core/DisplayChain.h>
#include <core/Measurement.h>
#include <core/ViewCodes.h>

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLFramebufferObject>
#include <QOpenGLPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QScreen>
#include <QSlider>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <vtkCamera.h>
#include <vtkNew.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapper3D.h>
#include <vtkImageProperty.h>
#include <vtkOpenGLState.h>
#include <vtkPointData.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>

namespace mammo::widgets {
namespace {

QString fromStd(const std::string& text) { return QString::fromStdString(text); }

QString formatDicomDate(const std::string& date)
{
    if (date.size() != 8)
        return fromStd(date);
    return QStringLiteral("%1-%2-%3").arg(fromStd(date.substr(0, 4)), fromStd(date.substr(4, 2)), fromStd(date.substr(6, 2)));
}

QString formatPersonName(const std::string& name)
{
    QString text = fromStd(name);
    const QStringList parts = text.split(QLatin1Char('^'));
    if (parts.size() >= 2 && !parts[1].isEmpty())
        return parts[0] + QStringLiteral(", ") + parts[1];
    return parts.value(0);
}

} // namespace

MammoView::MammoView(QWidget* parent)
    : QWidget(parent),
      m_renderWindow(vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New()),
      m_renderer(vtkSmartPointer<vtkRenderer>::New()),
      m_actor(vtkSmartPointer<vtkImageActor>::New()),
      m_display(vtkSmartPointer<vtkImageData>::New())
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(64, 64);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAcceptDrops(true);   // lesions from the synthetic-case library; other drops go to the window

    // Qt owns the context; VTK renders into its own framebuffer and blits
    // into the widget's when it finishes.
    m_renderWindow->SetOwnContext(false);
    m_renderWindow->SetFrameBlitModeToBlitToCurrent();
    m_renderWindow->SetMultiSamples(0);
    m_renderWindow->SetReadyForRendering(false);
    m_renderWindow->AddRenderer(m_renderer);
    m_renderer->SetBackground(0.0, 0.0, 0.0);
    m_renderer->GetActiveCamera()->ParallelProjectionOn();
    m_actor->GetProperty()->SetInterpolationTypeToLinear();
    m_actor->GetProperty()->SetColorWindow(255.0);   // the core chain already mapped to 8 bits
    m_actor->GetProperty()->SetColorLevel(127.5);
    m_actor->SetVisibility(false);
    m_renderer->AddActor(m_actor);

    m_surface = new ViewSurface(this, {[this] { initializeGL(); }, [this](int w, int h) { resizeGL(w, h); },
                                       [this] { paintGL(); }});
    connect(m_surface, &QOpenGLWindow::frameSwapped, this, &MammoView::frameSwapped);
    QWidget* container = QWidget::createWindowContainer(m_surface, this);   // owns the surface
    container->setFocusPolicy(Qt::NoFocus);
    // Drags go to the view, which takes lesions (a container that took them would
    // pass them to the surface, which passes them back).
    container->setAcceptDrops(false);
    container->setMinimumSize(1, 1);

    m_frameSlider = new QSlider(Qt::Horizontal, this);
    m_frameSlider->setVisible(false);
    m_frameSlider->setFocusPolicy(Qt::NoFocus);
    connect(m_frameSlider, &QSlider::valueChanged, this, &MammoView::setFrame);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(container, 1);
    layout->addWidget(m_frameSlider);
}

MammoView::~MammoView()
{
    if (m_surface->isValid()) {   // VTK's GL resources go with the context they were made in
        m_surface->makeCurrent();
        m_renderer->RemoveAllViewProps();
        m_renderWindow->Finalize();
        m_surface->doneCurrent();
    }
}

void MammoView::requestFrame()
{
    m_surface->update();
}

QOpenGLWindow* MammoView::surface() const
{
    return m_surface;
}

QRect MammoView::canvas() const
{
    return QRect(QPoint(0, 0), m_surface->size());
}

QImage MammoView::grabFramebuffer()
{
    if (!m_surface->isValid())
        return {};   // never shown: no context yet
    m_surface->makeCurrent();
    const qreal ratio = m_surface->devicePixelRatio();
    QOpenGLFramebufferObject target(m_surface->size() * ratio, QOpenGLFramebufferObject::CombinedDepthStencil);
    target.bind();
    QOpenGLPaintDevice device(target.size());
    device.setDevicePixelRatio(ratio);
    paintInto(&device);
    QImage image = target.toImage();
    target.release();
    m_surface->doneCurrent();
    image.setDevicePixelRatio(ratio);
    return image;
}

QString MammoView::sopInstanceUid() const
{
    return m_image ? fromStd(m_image->attributes().sopInstanceUid) : QString();
}

void MammoView::setImage(core::ImagePtr image, core::DisplayFlip flip)
{
    m_image = std::move(image);
    m_setImage = m_image;
    m_message.clear();
    m_frame = 0;
    m_preset = -1;
    m_userWindow = false;
    m_rulerStart.reset();
    m_rulerEnd.reset();
    if (!m_image) {
        clearImage();
        return;
    }
    const core::ImageAttributes& a = m_image->attributes();
    const double aspect = pixelAspect();
    m_region = QRect();
    m_lutDirty = true;
    m_regionDirty = true;
    m_actor->SetInputData(m_display);
    m_actor->SetVisibility(true);

    m_geometry.setImageSize(QSizeF(a.columns, a.rows * aspect));
    m_geometry.setFlips(flip.horizontal, flip.vertical);
    m_frameSlider->setRange(0, std::max(0, a.frames - 1));
    m_frameSlider->setValue(0);
    m_frameSlider->setVisible(a.frames > 1);
    applyDefaultWindow();
    applyZoomMode();
    requestFrame();
}

void MammoView::replacePixels(core::ImagePtr image)
{
    if (!image || !m_image || image->rows() != m_image->rows() || image->columns() != m_image->columns())
        return;
    m_image = std::move(image);
    m_lutDirty = true;      // the stored range may differ
    m_regionDirty = true;
    requestFrame();
}

void MammoView::setLesionHandles(std::vector<LesionHandle> handles)
{
    m_lesionHandles = std::move(handles);
    if (m_drag == Drag::Lesion && (m_lesionDragged < 0 || std::size_t(m_lesionDragged) >= m_lesionHandles.size()))
        m_drag = Drag::None;
    requestFrame();
}

QString MammoView::lesionMimeType()
{
    return QStringLiteral("application/x-mammoscope-lesion");
}

QPointF MammoView::viewPointOf(QPointF imagePixel) const
{
    const double aspect = m_image ? m_geometry.imageSize().height() / std::max(1, m_image->rows()) : 1.0;
    return m_geometry.toView(QPointF(imagePixel.x(), imagePixel.y() * aspect));
}

bool MammoView::pressOnLesion(QPointF viewPoint)
{
    const ImageToView toView = [this](QPointF p) { return viewPointOf(p); };
    const int index = lesionHandleAt(m_lesionHandles, viewPoint, toView);
    if (index < 0)
        return false;
    LesionHandle& handle = m_lesionHandles[std::size_t(index)];
    if (!handle.selected) {
        for (auto& other : m_lesionHandles)
            other.selected = false;
        handle.selected = true;
        Q_EMIT lesionSelected(handle.id);
    }
    m_lesionGrip = lesionGripAt(handle, viewPoint, toView);
    m_lesionDragged = index;
    m_lesionDragStart = handle.transform;
    m_lesionDragStartImage = imagePixelAt(viewPoint);
    m_drag = Drag::Lesion;
    requestFrame();
    return true;
}

bool MammoView::keyOnLesion(QKeyEvent* event)
{
    const auto selected = std::find_if(m_lesionHandles.begin(), m_lesionHandles.end(),
                                       [](const LesionHandle& h) { return h.selected; });
    if (m_tool != Tool::Lesion || selected == m_lesionHandles.end())
        return false;
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        Q_EMIT lesionRemoveRequested(selected->id);
        return true;
    }
    LesionTransform t = selected->transform;
    if (!keyEditLesion(t, event->key(), event->modifiers() & Qt::ShiftModifier))
        return false;
    selected->transform = t;
    requestFrame();
    Q_EMIT lesionEdited(selected->id, t, true);
    return true;
}

void MammoView::dragEnterEvent(QDragEnterEvent* event)
{
    if (m_image && event->mimeData()->hasFormat(lesionMimeType()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void MammoView::dragMoveEvent(QDragMoveEvent* event)
{
    if (m_image && event->mimeData()->hasFormat(lesionMimeType()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void MammoView::dropEvent(QDropEvent* event)
{
    if (!m_image || !event->mimeData()->hasFormat(lesionMimeType())) {
        event->ignore();
        return;
    }
    const QString id = QString::fromUtf8(event->mimeData()->data(lesionMimeType()));
    const QPointF point = imagePixelAt(event->position());
    if (point.x() < 0 || point.y() < 0 || point.x() >= m_image->columns() || point.y() >= m_image->rows()) {
        event->ignore();   // outside the image: nothing to place on
        return;
    }
    event->acceptProposedAction();
    Q_EMIT activated();
    Q_EMIT lesionDropped(sopInstanceUid(), id, point);
}

void MammoView::clearImage(const QString& message)
{
    m_image.reset();
    m_setImage.reset();
    m_message = message;
    m_actor->SetVisibility(false);
    m_frameSlider->setVisible(false);
    requestFrame();
}

int MammoView::windowPresetCount() const
{
    if (!m_image)
        return 0;
    return int(m_image->attributes().windows.size() + m_image->attributes().voiLuts.size());
}

void MammoView::applyDefaultWindow()
{
    if (windowPresetCount() > 0) {
        setWindowPreset(0);
        return;
    }
    const core::VoiWindow automatic = core::automaticWindow(*m_image, m_frame);
    m_center = automatic.center;
    m_width = automatic.width;
    m_preset = -1;
    m_userWindow = false;
    m_lutDirty = true;
    Q_EMIT windowChanged(m_center, m_width);
}

void MammoView::setWindowPreset(int index)
{
    if (!m_image || index < -1 || index >= windowPresetCount())
        return;
    if (index == -1) {
        resetWindow();
        return;
    }
    m_preset = index;
    m_userWindow = false;
    const auto& windows = m_image->attributes().windows;
    if (index < int(windows.size())) {
        m_center = windows[std::size_t(index)].center;
        m_width = windows[std::size_t(index)].width;
    } else {
        const core::VoiWindow equivalent = lutEquivalentWindow(*m_image, std::size_t(index) - windows.size());
        m_center = equivalent.center;
        m_width = equivalent.width;
    }
    m_lutDirty = true;
    Q_EMIT windowChanged(m_center, m_width);
    requestFrame();
}

void MammoView::resetWindow()
{
    if (!m_image)
        return;
    applyDefaultWindow();
    requestFrame();
}

void MammoView::setWindow(double center, double width)
{
    if (!m_image)
        return;
    width = std::max(1.0, width);
    if (m_userWindow && center == m_center && width == m_width)
        return;
    // The user's window keeps the VOI function of the preset it started from.
    m_userWindow = true;
    m_center = center;
    m_width = width;
    m_lutDirty = true;
    Q_EMIT windowChanged(m_center, m_width);
    requestFrame();
}

void MammoView::setFrame(int frame)
{
    if (!m_image)
        return;
    frame = std::clamp(frame, 0, m_image->frames() - 1);
    if (frame == m_frame)
        return;
    m_frame = frame;
    m_regionDirty = true;
    if (m_frameSlider->value() != frame)
        m_frameSlider->setValue(frame);
    Q_EMIT frameChanged(frame);
    requestFrame();
}

double MammoView::pixelAspect() const
{
    // World y = row x (row spacing / column spacing), so non-square pixels keep their shape.
    if (!m_image)
        return 1.0;
    const auto spacing = core::measurementSpacing(m_image->attributes());
    return spacing && spacing->spacing.columnMm > 0 ? spacing->spacing.rowMm / spacing->spacing.columnMm : 1.0;
}

void MammoView::rebuildLut()
{
    if (!m_image || !m_lutDirty)
        return;
    DisplaySelection selection;
    selection.center = m_center;
    selection.width = m_width;
    selection.preset = m_userWindow ? -1 : m_preset;
    selection.userWindow = m_userWindow || m_preset < 0;
    if (m_preset >= 0 && std::size_t(m_preset) < m_image->attributes().windows.size())
        selection.function = m_image->attributes().windows[std::size_t(m_preset)].function;
    m_lut = displayLutFor(*m_image, selection);
    m_lutDirty = false;
    m_regionDirty = true;
}

void MammoView::renderVisibleRegion()
{
    if (!m_image)
        return;
    rebuildLut();
    const double aspect = pixelAspect();
    const QRect bounds(0, 0, m_image->columns(), m_image->rows());
    const QRectF world = m_geometry.imageToView().inverted().mapRect(QRectF(canvas()));
    const QRect visible = QRectF(world.left(), world.top() / aspect, world.width(), world.height() / aspect)
                              .toAlignedRect()
                              .intersected(bounds);
    if (visible.isEmpty()) {
        m_actor->SetVisibility(false);
        return;
    }
    m_actor->SetVisibility(true);
    // One texel per screen pixel or finer: the largest power of two not above 1/zoom.
    int step = 1;
    while (step * 2 <= int(1.0 / std::max(1e-6, m_geometry.zoom() * devicePixelRatioF())))
        step *= 2;
    // While the window is dragged, minified views average every few pixels of each
    // block only (at most 4 x 4 samples): the drag follows the mouse; the release
    // renders the exact means.
    const int sampling = m_drag == Drag::Window ? std::max(1, step / 4) : 1;
    if (!m_regionDirty && step == m_step && sampling == m_sampling && m_region.contains(visible))
        return;
    const int marginX = visible.width() / 4, marginY = visible.height() / 4;
    QRect region = visible.adjusted(-marginX, -marginY, marginX, marginY).intersected(bounds);
    // Align to the step so texels map to whole blocks of image pixels.
    region.setLeft(region.left() / step * step);
    region.setTop(region.top() / step * step);
    const int outWidth = (region.width() + step - 1) / step;
    const int outHeight = (region.height() + step - 1) / step;
    m_display->SetDimensions(outWidth, outHeight, 1);
    m_display->SetSpacing(step, step * aspect, 1.0);
    // Texel i covers image pixels [x0 + i*step, x0 + (i+1)*step): the origin is the centre of texel 0.
    m_display->SetOrigin(region.left() + step / 2.0, (region.top() + step / 2.0) * aspect, 0.0);
    m_display->AllocateScalars(VTK_UNSIGNED_CHAR, 1);
    core::renderDisplayRegion(*m_image, m_frame, m_lut, region.left(), region.top(), region.width(), region.height(), step,
                              static_cast<std::uint8_t*>(m_display->GetScalarPointer()), sampling);
    m_display->Modified();
    m_region = region;
    m_step = step;
    m_sampling = sampling;
    m_regionDirty = false;
}

void MammoView::setZoom(double zoom)
{
    const double before = m_geometry.zoom();
    m_geometry.zoomAbout(zoom, QPointF(canvas().width() / 2.0, canvas().height() / 2.0));
    m_zoomMode = ZoomMode::Free;
    if (m_geometry.zoom() != before)
        Q_EMIT zoomChanged(m_geometry.zoom());
    requestFrame();
}

double MammoView::trueSizeZoom() const
{
    // Screen pixels per image pixel so 1 mm on the screen is 1 mm in the image.
    if (!m_image)
        return 1.0;
    const auto spacing = core::measurementSpacing(m_image->attributes());
    const QScreen* s = screen() ? screen() : QGuiApplication::primaryScreen();
    if (!spacing || !s || s->physicalDotsPerInchX() <= 0)
        return 1.0;
    const double screenPixelsPerMm = s->physicalDotsPerInchX() / 25.4 / devicePixelRatioF();
    return spacing->spacing.columnMm * screenPixelsPerMm;
}

void MammoView::setZoomMode(ZoomMode mode)
{
    m_zoomMode = mode;
    applyZoomMode();
    Q_EMIT zoomChanged(m_geometry.zoom());
    requestFrame();
}

void MammoView::applyZoomMode()
{
    m_geometry.setViewSize(QSizeF(canvas().width(), canvas().height()));
    switch (m_zoomMode) {
    case ZoomMode::Fit:
        m_geometry.fit();
        break;
    case ZoomMode::Pixel:
        // One image pixel per device pixel.
        m_geometry.setZoom(1.0 / devicePixelRatioF());
        break;
    case ZoomMode::TrueSize:
        m_geometry.setZoom(trueSizeZoom());
        break;
    case ZoomMode::Free:
        break;
    }
}

void MammoView::centerOn(QPointF imagePoint, double zoom)
{
    m_geometry.setZoom(zoom);
    m_geometry.setCenter(imagePoint);
    m_zoomMode = ZoomMode::Free;
    Q_EMIT zoomChanged(m_geometry.zoom());
    requestFrame();
}

void MammoView::setMagnifierEnabled(bool enabled)
{
    m_magnifier = enabled;
    requestFrame();
}

void MammoView::setMagnification(double factor)
{
    m_magnification = std::clamp(factor, 1.5, 16.0);
    requestFrame();
}

void MammoView::setTool(Tool tool)
{
    if (tool == m_tool)
        return;
    m_tool = tool;
    // A region half drawn with the old tool is abandoned.
    if (m_drag == Drag::Region || m_drag == Drag::Ruler)
        m_drag = Drag::None;
    m_regionStart.reset();
    m_regionEnd.reset();
    // The pointer is over the surface (a native window), which shows its own cursor.
    if (tool == Tool::Region)
        m_surface->setCursor(Qt::CrossCursor);
    else
        m_surface->unsetCursor();
    requestFrame();
}

void MammoView::clearMeasurement()
{
    m_rulerStart.reset();
    m_rulerEnd.reset();
    requestFrame();
}

std::optional<double> MammoView::measuredDistanceMm() const
{
    if (!m_image || !m_rulerStart || !m_rulerEnd)
        return std::nullopt;
    const auto spacing = core::measurementSpacing(m_image->attributes());
    if (!spacing)
        return std::nullopt;
    return core::distanceMm(*spacing, m_rulerStart->x(), m_rulerStart->y(), m_rulerEnd->x(), m_rulerEnd->y());
}

void MammoView::setFindings(const std::vector<core::Finding>& findings)
{
    const std::vector<core::Finding> shownBefore = visibleFindings();
    m_findings = findings;
    // Findings arrive image by image for the whole study: only the view whose
    // marks changed renders again (a frame of each view costs a render).
    if (visibleFindings() != shownBefore)
        requestFrame();
}

std::vector<core::Finding> MammoView::visibleFindings() const
{
    std::vector<core::Finding> visible;
    // The assistant's marks belong to the pixels they were found on, never to a
    // synthetic preview shown in their place.
    if (!m_image || m_image != m_setImage)
        return visible;
    for (const core::Finding& f : m_findings)
        if (f.sopInstanceUid == m_image->attributes().sopInstanceUid)
            visible.push_back(f);
    return visible;
}

void MammoView::setShowOverlays(bool show)
{
    m_showOverlays = show;
    requestFrame();
}

void MammoView::setShowCornerText(bool show)
{
    m_showCornerText = show;
    requestFrame();
}

QImage MammoView::displayImage() const
{
    if (!m_image)
        return {};
    const_cast<MammoView*>(this)->rebuildLut();
    QImage out(m_image->columns(), m_image->rows(), QImage::Format_Grayscale8);
    for (int r = 0; r < m_image->rows(); ++r)
        core::applyDisplayLut(m_image->frame(m_frame) + std::size_t(r) * std::size_t(m_image->columns()),
                              std::size_t(m_image->columns()), m_lut, out.scanLine(r));
    return out;
}

// --- OpenGL ---------------------------------------------------------------

void MammoView::initializeGL()
{
    m_renderWindow->SetIsCurrent(true);
    m_renderWindow->OpenGLInitContext();
    m_renderWindow->SetReadyForRendering(true);
    warmUpShaders();
}

void MammoView::warmUpShaders()
{
    // Compiling the image shaders (LLVM under Mesa llvmpipe) takes a noticeable
    // time; do it when the view is created, not when the first study arrives.
    if (m_image)
        return;
    vtkNew<vtkImageData> probe;
    probe->SetDimensions(2, 2, 1);
    probe->AllocateScalars(VTK_UNSIGNED_CHAR, 1);
    m_actor->SetInputData(probe);
    m_actor->SetVisibility(true);
    m_renderWindow->Render();
    m_actor->SetVisibility(false);
    m_actor->SetInputData(m_display);
}

void MammoView::resizeGL(int w, int h)
{
    const qreal ratio = devicePixelRatioF();
    m_renderWindow->SetSize(int(std::lround(w * ratio)), int(std::lround(h * ratio)));
    m_renderWindow->SetPosition(0, 0);
    const double oldFit = m_geometry.fitZoom();
    m_geometry.setViewSize(QSizeF(w, h));
    if (m_zoomMode == ZoomMode::Fit)
        applyZoomMode();
    else if (m_zoomMode == ZoomMode::Free && oldFit > 0)
        m_geometry.setZoom(m_geometry.zoom());   // keep the user's zoom
}

void MammoView::updateCamera()
{
    vtkCamera* camera = m_renderer->GetActiveCamera();
    const QPointF c = m_geometry.center();
    // Looking along +z with view-up -y shows row 0 at the top and column 0 on
    // the left; moving the camera to the other side mirrors horizontally and
    // flipping view-up mirrors vertically.
    const bool h = m_geometry.flipHorizontal();
    const bool v = m_geometry.flipVertical();
    const double side = (h != v) ? 1.0 : -1.0;
    camera->SetFocalPoint(c.x(), c.y(), 0.0);
    camera->SetPosition(c.x(), c.y(), side * 1000.0);
    camera->SetViewUp(0.0, v ? 1.0 : -1.0, 0.0);
    camera->SetParallelScale(std::max(1e-6, canvas().height() / 2.0 / m_geometry.zoom()));
    camera->SetClippingRange(1.0, 3000.0);
}

void MammoView::paintGL()
{
    paintInto(m_surface);
}

void MammoView::paintInto(QPaintDevice* device)
{
    QPainter painter(device);
    painter.beginNativePainting();
    updateCamera();
    renderVisibleRegion();
    vtkOpenGLState* state = m_renderWindow->GetState();
    state->Reset();     // Qt changed GL state behind VTK's cache
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL);
    m_renderWindow->Render();
    state->Pop();
    painter.endNativePainting();
    drawOverlays(painter);
}

// --- Overlays --------------------------------------------------------------

void MammoView::drawOverlays(QPainter& painter)
{
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    if (!m_image) {
        painter.setPen(QColor(200, 200, 200));
        painter.drawText(canvas(), Qt::AlignCenter | Qt::TextWordWrap,
                         m_message.isEmpty() ? tr("No image") : m_message);
        return;
    }
    if (m_showOverlays)
        drawFindings(painter);
    drawRuler(painter);
    drawRegion(painter);
    if (!m_lesionHandles.empty())
        drawLesionHandles(painter, m_lesionHandles, [this](QPointF p) { return viewPointOf(p); });
    if (m_showCornerText)
        drawCornerText(painter);
    drawStudyTag(painter);
    drawBanners(painter);
    if (m_magnifier && m_cursor)
        drawMagnifier(painter);
}

QString MammoView::findingLabel(const core::Finding& f)
{
    QString label = f.drawnByReader ? tr("drawn region")
                                    : QStringLiteral("%1 %2").arg(fromStd(f.label.empty() ? std::string("mass") : f.label))
                                          .arg(f.score, 0, 'f', 2);
    if (f.malignancy)
        label += tr(" · P(malignant) %1").arg(*f.malignancy, 0, 'f', 2);
    return label;
}

void MammoView::drawFindings(QPainter& painter)
{
    const QTransform toView = m_geometry.imageToView();
    const double aspect = m_geometry.imageSize().height() / std::max(1, m_image->rows());
    for (const core::Finding& f : visibleFindings()) {
        const QColor colour = f.malignancy && *f.malignancy >= 0.5 ? QColor(255, 80, 60) : QColor(255, 200, 0);
        // The reader's own regions are dashed, so they are not taken for the assistant's marks.
        painter.setPen(QPen(colour, 1.5, f.drawnByReader ? Qt::DashLine : Qt::SolidLine));
        painter.setBrush(Qt::NoBrush);
        QPolygonF outline;
        if (!f.contour.empty()) {
            for (const core::ImagePoint& p : f.contour)
                outline << toView.map(QPointF(p.x, p.y * aspect));
            painter.drawPolygon(outline);
        } else {
            outline = toView.map(QPolygonF(QRectF(f.box.x, f.box.y * aspect, f.box.width, f.box.height * aspect)));
            painter.drawPolygon(outline);
        }
        const QString label = findingLabel(f);
        const QRectF bounds = outline.boundingRect();
        QPointF anchor(bounds.left(), bounds.top() - 4);
        if (anchor.y() < 16)
            anchor.setY(bounds.bottom() + 14);
        painter.setPen(Qt::black);
        painter.drawText(anchor + QPointF(1, 1), label);
        painter.setPen(colour);
        painter.drawText(anchor, label);
    }
}

void MammoView::drawCornerText(QPainter& painter)
{
    QFont font = painter.font();
    font.setPointSizeF(std::max(7.0, std::min(11.0, canvas().height() / 70.0)));
    painter.setFont(font);
    const QRect area = canvas().adjusted(6, 4, -6, -4);
    auto shadowed = [&](const QRect& r, int flags, const QString& text) {
        painter.setPen(QColor(0, 0, 0, 200));
        painter.drawText(r.translated(1, 1), flags, text);
        painter.setPen(QColor(235, 235, 200));
        painter.drawText(r, flags, text);
    };
    shadowed(area, Qt::AlignLeft | Qt::AlignTop, cornerTextTopLeft());
    shadowed(area, Qt::AlignRight | Qt::AlignTop, cornerTextTopRight());
    shadowed(area, Qt::AlignLeft | Qt::AlignBottom, cornerTextBottomLeft());
}

QString MammoView::cornerTextTopLeft() const
{
    const core::ImageAttributes& a = m_image->attributes();
    return QStringLiteral("%1\n%2\n%3").arg(formatPersonName(a.patientName), fromStd(a.patientId),
                                            formatDicomDate(a.studyDate));
}

QString MammoView::cornerTextTopRight() const
{
    const core::ImageAttributes& a = m_image->attributes();
    QString view = fromStd(core::lateralityLetter(a.laterality)) + fromStd(core::viewPositionName(a.view));
    if (view.isEmpty())
        view = tr("view unknown");
    QString text = view;
    if (!a.viewModifier.empty())
        text += QStringLiteral(" (%1)").arg(fromStd(a.viewModifier));
    if (a.frames > 1)
        text += QStringLiteral("\n") + tr("Frame %1/%2").arg(m_frame + 1).arg(a.frames);
    return text;
}

QString MammoView::cornerTextBottomLeft() const
{
    const core::ImageAttributes& a = m_image->attributes();
    QString voi;
    if (!m_userWindow && m_preset >= int(a.windows.size()) && m_preset < windowPresetCount()) {
        const auto& lut = a.voiLuts[std::size_t(m_preset) - a.windows.size()];
        voi = tr("VOI LUT %1").arg(fromStd(lut.explanation));
    } else {
        voi = tr("W %1 L %2").arg(std::lround(m_width)).arg(std::lround(m_center));
        if (m_preset >= 0 && !m_userWindow && std::size_t(m_preset) < a.windows.size()) {
            const core::VoiWindow& w = a.windows[std::size_t(m_preset)];
            if (w.function == core::VoiFunction::Sigmoid)
                voi += tr(" (sigmoid)");
            if (!w.explanation.empty())
                voi += QStringLiteral(" ") + fromStd(w.explanation);
        }
    }
    return tr("Zoom %1%").arg(std::lround(m_geometry.zoom() * 100.0)) + QStringLiteral("\n") + voi;
}

void MammoView::drawRuler(QPainter& painter)
{
    if (!m_rulerStart || !m_rulerEnd)
        return;
    const double aspect = m_geometry.imageSize().height() / std::max(1, m_image->rows());
    const QPointF a = m_geometry.toView(QPointF(m_rulerStart->x(), m_rulerStart->y() * aspect));
    const QPointF b = m_geometry.toView(QPointF(m_rulerEnd->x(), m_rulerEnd->y() * aspect));
    painter.setPen(QPen(QColor(80, 220, 255), 1.5));
    painter.drawLine(a, b);
    painter.drawEllipse(a, 3, 3);
    painter.drawEllipse(b, 3, 3);
    QString text;
    const auto spacing = core::measurementSpacing(m_image->attributes());
    if (const auto mm = measuredDistanceMm()) {
        text = tr("%1 mm").arg(*mm, 0, 'f', 1);
        if (spacing && spacing->basis == core::SpacingBasis::Imager)
            text += tr(" (at detector)");
    } else {
        const double px = std::hypot(m_rulerEnd->x() - m_rulerStart->x(), m_rulerEnd->y() - m_rulerStart->y());
        text = tr("%1 px (no pixel spacing)").arg(px, 0, 'f', 1);
    }
    painter.drawText(b + QPointF(8, -8), text);
}

void MammoView::drawRegion(QPainter& painter)
{
    if (!m_regionStart || !m_regionEnd)
        return;
    const double aspect = m_geometry.imageSize().height() / std::max(1, m_image->rows());
    const QPointF a = m_geometry.toView(QPointF(m_regionStart->x(), m_regionStart->y() * aspect));
    const QPointF b = m_geometry.toView(QPointF(m_regionEnd->x(), m_regionEnd->y() * aspect));
    painter.setPen(QPen(QColor(80, 220, 255), 1.5, Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(a, b).normalized());
}

void MammoView::setStudyTag(const QString& tag, bool isPrior)
{
    if (tag == m_studyTag && isPrior == m_studyTagIsPrior)
        return;
    m_studyTag = tag;
    m_studyTagIsPrior = isPrior;
    requestFrame();
}

void MammoView::drawStudyTag(QPainter& painter)
{
    if (m_studyTag.isEmpty())
        return;
    QFont font = painter.font();
    font.setBold(true);
    painter.setFont(font);
    const QFontMetrics metrics = painter.fontMetrics();
    const QRect box(0, 0, metrics.horizontalAdvance(m_studyTag) + 16, metrics.height() + 6);
    const QRect placed = box.translated((canvas().width() - box.width()) / 2, 4);
    // Prior amber, current blue: the two rows must never be confused at a glance.
    painter.fillRect(placed, m_studyTagIsPrior ? QColor(150, 100, 0, 210) : QColor(20, 80, 150, 210));
    painter.setPen(Qt::white);
    painter.drawText(placed, Qt::AlignCenter, m_studyTag);
}

void MammoView::drawBanners(QPainter& painter)
{
    const core::ImageAttributes& a = m_image->attributes();
    QStringList banners;
    if (a.isSynthetic())
        banners << tr("SYNTHETIC IMAGE — not a real patient acquisition");
    if (a.intent == core::PresentationIntent::ForProcessing)
        banners << tr("FOR PROCESSING — raw detector image, not for diagnosis");
    QFont font = painter.font();
    font.setBold(true);
    painter.setFont(font);
    // Wrapped, never cut: a narrow view (four-up, side panels open) still shows all of it.
    const int flags = Qt::AlignCenter | Qt::TextWordWrap;
    std::vector<QRect> bands;
    int total = 0;
    for (const QString& text : banners) {
        const QRect needed = painter.fontMetrics().boundingRect(QRect(0, 0, std::max(40, canvas().width() - 12), 10000), flags, text);
        bands.emplace_back(0, 0, canvas().width(), needed.height() + 6);
        total += bands.back().height();
    }
    // Below the corner text (three lines), not across the middle where the tissue
    // being read or a lesion being placed usually is.
    int y = std::min(3 * painter.fontMetrics().height() + 12, std::max(0, canvas().height() - total));
    for (int i = 0; i < banners.size(); ++i) {
        QRect band = bands[std::size_t(i)];
        band.moveTop(y);
        painter.fillRect(band, QColor(160, 20, 20, 190));
        painter.setPen(Qt::white);
        painter.drawText(band.adjusted(6, 0, -6, 0), flags, banners[i]);
        y += band.height();
    }
}

void MammoView::drawMagnifier(QPainter& painter)
{
    const double radius = std::min(canvas().width(), canvas().height()) / 6.0;
    const QPointF at = *m_cursor;
    const double aspect = m_geometry.imageSize().height() / std::max(1, m_image->rows());
    // Lens geometry: the same view, zoomed about the cursor.
    ViewGeometry lens = m_geometry;
    lens.zoomAbout(m_geometry.zoom() * m_magnification, at);
    const QRectF source = lens.imageToView().inverted().mapRect(QRectF(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius));
    const QRect pixels = QRect(int(std::floor(source.left())) - 1, int(std::floor(source.top() / aspect)) - 1,
                               int(std::ceil(source.width())) + 3, int(std::ceil(source.height() / aspect)) + 3)
                             .intersected(QRect(0, 0, m_image->columns(), m_image->rows()));
    if (pixels.isEmpty())
        return;
    rebuildLut();
    // The lens shows full-resolution pixels of just its own crop.
    QImage crop(pixels.size(), QImage::Format_Grayscale8);
    for (int r = 0; r < pixels.height(); ++r)
        core::applyDisplayLut(m_image->frame(m_frame) + std::size_t(pixels.top() + r) * std::size_t(m_image->columns()) +
                                  std::size_t(pixels.left()),
                              std::size_t(pixels.width()), m_lut, crop.scanLine(r));
    painter.save();
    QPainterPath circle;
    circle.addEllipse(at, radius, radius);
    painter.setClipPath(circle);
    painter.fillPath(circle, Qt::black);
    painter.setTransform(lens.imageToView());
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(QRectF(pixels.x(), pixels.y() * aspect, pixels.width(), pixels.height() * aspect), crop);
    painter.resetTransform();
    painter.setClipping(false);
    painter.setPen(QPen(QColor(255, 255, 255, 200), 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(at, radius, radius);
    painter.restore();
}

// --- Interaction -------------------------------------------------------------

void MammoView::mousePressEvent(QMouseEvent* event)
{
    Q_EMIT activated();
    setFocus();
    m_dragStart = event->position();
    m_lastPos = event->position();
    if (!m_image)
        return;
    if (event->button() == Qt::LeftButton && m_tool == Tool::Lesion && pressOnLesion(event->position())) {
        return;
    } else if (event->button() == Qt::RightButton) {
        m_drag = Drag::Window;
        m_dragCenter = m_center;
        m_dragWidth = m_width;
    } else if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && (m_tool == Tool::Pan || m_tool == Tool::Lesion))) {
        m_drag = Drag::Pan;
    } else if (event->button() == Qt::LeftButton && m_tool == Tool::Ruler) {
        m_drag = Drag::Ruler;
        m_rulerStart = imagePixelAt(event->position());
        m_rulerEnd = m_rulerStart;
        requestFrame();
    } else if (event->button() == Qt::LeftButton && m_tool == Tool::Region) {
        m_drag = Drag::Region;
        m_regionStart = imagePixelAt(event->position());
        m_regionEnd = m_regionStart;
        requestFrame();
    }
}

QPointF MammoView::imagePixelAt(QPointF viewPoint) const
{
    const double aspect = m_geometry.imageSize().height() / std::max(1, m_image->rows());
    const QPointF p = m_geometry.toImage(viewPoint);
    return {p.x(), p.y() / aspect};
}

void MammoView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    m_cursor = pos;
    if (m_image) {
        const double aspect = m_geometry.imageSize().height() / std::max(1, m_image->rows());
        const QPointF p = m_geometry.toImage(pos);
        const int c = int(std::floor(p.x()));
        const int r = int(std::floor(p.y() / aspect));
        if (c >= 0 && r >= 0 && c < m_image->columns() && r < m_image->rows())
            Q_EMIT cursorMoved(QPointF(p.x(), p.y() / aspect),
                               m_image->storedValue(m_image->frame(m_frame)[std::size_t(r) * std::size_t(m_image->columns()) + std::size_t(c)]));
    }
    switch (m_drag) {
    case Drag::Window: {
        // Full value range over ~500 screen pixels: coarse enough for 16-bit data.
        const double range = std::max(16.0, double(m_image->maxStoredValue() - m_image->minStoredValue()) *
                                                 std::abs(m_image->attributes().modalityLut.slope));
        const double perPixel = range / 500.0;
        const QPointF d = pos - m_dragStart;
        setWindow(m_dragCenter + d.y() * perPixel, m_dragWidth + d.x() * perPixel);
        break;
    }
    case Drag::Pan:
        m_geometry.panBy(pos - m_lastPos);
        m_zoomMode = ZoomMode::Free;
        requestFrame();
        break;
    case Drag::Ruler:
        m_rulerEnd = imagePixelAt(pos);
        requestFrame();
        break;
    case Drag::Region:
        m_regionEnd = imagePixelAt(pos);
        requestFrame();
        break;
    case Drag::Lesion: {
        LesionHandle& handle = m_lesionHandles[std::size_t(m_lesionDragged)];
        const LesionTransform t = dragLesion(m_lesionDragStart, m_lesionGrip, m_lesionDragStartImage, imagePixelAt(pos));
        if (!(t == handle.transform)) {
            handle.transform = t;
            requestFrame();
            Q_EMIT lesionEdited(handle.id, t, false);
        }
        break;
    }
    case Drag::None:
        if (m_magnifier)
            requestFrame();
        break;
    }
    m_lastPos = pos;
}

void MammoView::mouseReleaseEvent(QMouseEvent* event)
{
    const Drag finished = m_drag;
    m_drag = Drag::None;
    if (finished == Drag::Window && m_sampling > 1)
        requestFrame();   // the exact frame after the drag's sampled ones
    if (finished == Drag::Lesion) {
        const LesionHandle& handle = m_lesionHandles[std::size_t(m_lesionDragged)];
        if (!(handle.transform == m_lesionDragStart))
            Q_EMIT lesionEdited(handle.id, handle.transform, true);
        return;
    }
    if (finished != Drag::Region || !m_image || !m_regionStart)
        return;
    const QPointF start = *m_regionStart;
    const QPointF end = imagePixelAt(event->position());
    m_regionStart.reset();
    m_regionEnd.reset();
    requestFrame();
    // A click, or a drag of a few screen pixels, is no region.
    const QPointF dragged = event->position() - m_dragStart;
    if (std::abs(dragged.x()) < 4 || std::abs(dragged.y()) < 4)
        return;
    const QRectF box = QRectF(start, end).normalized().intersected(QRectF(0, 0, m_image->columns(), m_image->rows()));
    if (box.width() > 0 && box.height() > 0)
        Q_EMIT regionDrawn(sopInstanceUid(), box);
}

void MammoView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && m_image)
        setZoomMode(ZoomMode::Fit);
}

void MammoView::wheelEvent(QWheelEvent* event)
{
    if (!m_image)
        return;
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ControlModifier && m_image->frames() > 1) {
        setFrame(m_frame - int(std::round(steps)));
        return;
    }
    const double before = m_geometry.zoom();
    m_geometry.zoomAbout(before * std::pow(1.15, steps), event->position());
    m_zoomMode = ZoomMode::Free;
    if (m_geometry.zoom() != before)
        Q_EMIT zoomChanged(m_geometry.zoom());
    requestFrame();
}

void MammoView::keyPressEvent(QKeyEvent* event)
{
    if (keyOnLesion(event))
        return;
    switch (event->key()) {
    case Qt::Key_PageUp:
        setFrame(m_frame - 1);
        return;
    case Qt::Key_PageDown:
        setFrame(m_frame + 1);
        return;
    case Qt::Key_Escape:
        if (m_drag == Drag::Region) {
            m_drag = Drag::None;
            m_regionStart.reset();
            m_regionEnd.reset();
        }
        clearMeasurement();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void MammoView::leaveEvent(QEvent* event)
{
    m_cursor.reset();
    if (m_magnifier)
        requestFrame();
    QWidget::leaveEvent(event);
}

} // namespace mammo::widgets
