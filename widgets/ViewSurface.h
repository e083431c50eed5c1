#pragma once
// The native OpenGL window a MammoView draws in.
//
// Why not a QOpenGLWidget: Qt composes a window that holds QOpenGLWidgets on
// every frame of any of them (the backing store and each widget's texture,
// about 3 Mpx for a 1600x1000 window), so a window/level frame of one view cost
// the whole window. A native window per view swaps only its own pixels.
// Measured under Xvfb with Mesa llvmpipe, four views in a 1600x1000 window, one
// updated: 25 ms per frame as QOpenGLWidgets, 5.4 ms as native windows.
#include <QOpenGLWindow>

#include <functional>

class QWidget;

namespace mammo::widgets {

class ViewSurface : public QOpenGLWindow {
    Q_OBJECT
public:
    struct Callbacks {
        std::function<void()> initialize;          // the context is current
        std::function<void(int, int)> resize;      // device-independent pixels
        std::function<void()> paint;               // the window's framebuffer is bound
    };

    // Pointer input that reaches this window (mouse, wheel, enter/leave, drag and
    // drop) goes to `view`, as if it had reached the widget. Keys never come here:
    // the window takes no focus, they go to the focus widget.
    ViewSurface(QWidget* view, Callbacks callbacks);

protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;
    bool event(QEvent* event) override;

private:
    QWidget* m_view;
    Callbacks m_callbacks;
    bool m_forwarding = false;   // an event sent to the view may come back (drag targets)
};

} // namespace mammo::widgets
