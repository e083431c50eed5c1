#pragma once

namespace mammo::widgets {

// VTK's OpenGL2 backend needs a 3.2 core context; this must be set before the
// QApplication is constructed so every view's GL window gets it.
void installDefaultSurfaceFormat();

} // namespace mammo::widgets
