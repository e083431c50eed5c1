#include "ModelsDirectory.h"

#include "ai/ModelManifest.h"

#include <QCoreApplication>

namespace mammo::app {

QString modelsDirectory()
{
    return QString::fromStdString(
        ai::findModelsDirectory(QCoreApplication::applicationDirPath().toStdString(), MAMMO_SOURCE_DIR));
}

} // namespace mammo::app
