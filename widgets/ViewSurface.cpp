#include "ViewSurface.h"

#include <QApplication>
#include <QWidget>

namespace mammo::widgets {

ViewSurface::ViewSurface(QWidget* view, Callbacks callbacks)
    : QOpenGLWindow(QOpenGLWindow::NoPartialUpdate), m_view(view), m_callbacks(std::move(callbacks))
{
    // Keyboard focus stays with the widgets (the view takes it on a click), so the
    // main window's shortcuts keep working while the pointer is over an image.
    setFlag(Qt::WindowDoesNotAcceptFocus);
}

void ViewSurface::initializeGL()
{
    m_callbacks.initialize();
}

void ViewSurface::resizeGL(int w, int h)
{
    m_callbacks.resize(w, h);
}

void ViewSurface::paintGL()
{
    m_callbacks.paint();
}

bool ViewSurface::event(QEvent* event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
        if (m_view->focusPolicy() & Qt::ClickFocus)
            m_view->setFocus(Qt::MouseFocusReason);
        [[fallthrough]];
    case QEvent::MouseButtonRelease:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::Enter:
    case QEvent::Leave:
    case QEvent::DragEnter:
    case QEvent::DragMove:
    case QEvent::DragLeave:
    case QEvent::Drop:
    case QEvent::ContextMenu:
        // The window and the view share their top-left corner, so positions carry over.
        QApplication::sendEvent(m_view, event);
        return true;
    default:
        return QOpenGLWindow::event(event);
    }
}

} // namespace mammo::widgets
