// What the AI commands share: where the models, the split and the data set are.
#include "Commands.h"
#include "core/MiasCatalog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace mammo::tools {

QString defaultSplitPath()
{
    return QString(MAMMO_SOURCE_DIR) + "/resources/splits/mias-5fold.json";
}

QString defaultModelsDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("MAMMO_MODELS_DIR");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString installed = QCoreApplication::applicationDirPath() + "/../share/mammoscope/models";
    if (QFileInfo::exists(installed + "/manifest.json"))
        return QDir(installed).absolutePath();
    return QString(MAMMO_SOURCE_DIR) + "/resources/models";
}

QString miasDirectoryOption(const QCommandLineParser& parser, const QCommandLineOption& option)
{
    return parser.isSet(option) ? parser.value(option)
                                : QString::fromStdString(core::miasDatasetDirectory(MAMMO_DEFAULT_MIAS_DIR));
}

} // namespace mammo::tools
