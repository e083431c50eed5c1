#include "ViewSurface.h"

#include <QApplication>
#include <QMouseEvent>
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
        // The second press of a double click comes again as MouseButtonDblClick;
        // widgets never see it (QTBUG-25831), so neither does the view.
        if (static_cast<QMouseEvent*>(event)->flags() & Qt::MouseEventCreatedDoubleClick)
            return true;
        [[fallthrough]];
    case QEvent::MouseButtonDblClick:
        // A click into a top-level window activates it; this window takes no focus
        // itself, so activate the view's window (its shortcuts then work) and give
        // the view the keyboard, as a click into a widget does.
        if (QWidget* top = m_view->window(); !top->isActiveWindow())
            top->activateWindow();
        if (m_view->focusPolicy() & Qt::ClickFocus)
            m_view->setFocus(Qt::MouseFocusReason);
        [[fallthrough]];
    case QEvent::MouseButtonRelease:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::Enter:
    case QEvent::Leave:
    case QEvent::DragEnter:
    case QEvent::DragMove:
    case QEvent::DragLeave:
    case QEvent::Drop:
        // Drags normally reach the view through its top-level window (the container
        // takes none); these are the ones a platform delivers to this window itself.
        if (m_forwarding)
            return QOpenGLWindow::event(event);
        m_forwarding = true;
        // The window and the view share their top-left corner, so positions carry over.
        QApplication::sendEvent(m_view, event);
        m_forwarding = false;
        return true;
    default:
        return QOpenGLWindow::event(event);
    }
}

} // namespace mammo::widgets
