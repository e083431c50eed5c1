#include "ModelsDirectory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace mammo::app {

QString modelsDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("MAMMO_MODELS_DIR");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;   // the user's choice wins, even when it is wrong: the error names it
    const QString installed = QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../share/mammoscope/models"));
    if (QFileInfo::exists(installed + QStringLiteral("/manifest.json")))
        return QDir::cleanPath(installed);
    return QStringLiteral(MAMMO_SOURCE_DIR "/resources/models");
}

} // namespace mammo::app
