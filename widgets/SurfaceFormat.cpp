#include "SurfaceFormat.h"

#include <QSurfaceFormat>

namespace mammo::widgets {

void installDefaultSurfaceFormat()
{
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setRedBufferSize(8);
    format.setGreenBufferSize(8);
    format.setBlueBufferSize(8);
    format.setDepthBufferSize(8);
    format.setAlphaBufferSize(8);
    format.setStencilBufferSize(0);
    format.setSamples(0);          // no multisampling: image pixels must stay crisp
    format.setSwapInterval(0);     // W/L drags must not wait for vsync
    QSurfaceFormat::setDefaultFormat(format);
}

} // namespace mammo::widgets
