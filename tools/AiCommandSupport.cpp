// What the AI commands share: where the models, the split and the data set are.
#include "Commands.h"
#include "ai/ModelManifest.h"
#include "core/MiasCatalog.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace mammo::tools {

QString defaultSplitPath()
{
    return QString(MAMMO_SOURCE_DIR) + "/resources/splits/mias-5fold.json";
}

QString defaultModelsDirectory()
{
    return QString::fromStdString(
        ai::findModelsDirectory(QCoreApplication::applicationDirPath().toStdString(), MAMMO_SOURCE_DIR));
}

QString miasDirectoryOption(const QCommandLineParser& parser, const QCommandLineOption& option)
{
    return parser.isSet(option) ? parser.value(option)
                                : QString::fromStdString(core::miasDatasetDirectory(MAMMO_DEFAULT_MIAS_DIR));
}

} // namespace mammo::tools
