#pragma once
#include <QString>

namespace mammo::app {

// Where the trained models and their manifest.json are: $MAMMO_MODELS_DIR,
// else <exe dir>/../share/mammoscope/models (installed), else the source
// tree's resources/models (a build tree). The last candidate when none has a manifest.
QString modelsDirectory();

} // namespace mammo::app
