// What the AI commands share: where the models, the split and the data set
// are, and how an image is read for a model.
#include "AiCommandSupport.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ai/ModelManifest.h"
#include "core/AnalysisFrame.h"
#include "core/DicomReader.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QCommandLineOption>
#include <QFileInfo>

#include <opencv2/imgcodecs.hpp>

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

QCommandLineOption miasCommandOption()
{
    return {"mias", "mini-MIAS directory (default: $MAMMO_MIAS_DIR or the build's default).", "DIR"};
}

QCommandLineOption splitCommandOption()
{
    return {"split", "Fold split JSON (default: resources/splits/mias-5fold.json).", "FILE", defaultSplitPath()};
}

namespace {

bool looksLikeDicom(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(132);
    return head.size() == 132 && head.mid(128, 4) == "DICM";
}

} // namespace

InputImage readInput(const QString& path, double defaultSpacing)
{
    if (!QFileInfo(path).isFile())
        throw core::Error("the image " + path.toStdString() + " does not exist");
    InputImage input;
    if (looksLikeDicom(path) || path.endsWith(".dcm", Qt::CaseInsensitive)) {
        const auto image = core::readDicomImage(path.toStdString());
        auto frame = core::renderAnalysisFrame(*image);
        input.grey = cv::Mat(frame.height, frame.width, CV_8U, frame.grey.data()).clone();
        input.sopInstanceUid = QString::fromStdString(image->attributes().sopInstanceUid);
        if (frame.pixelSpacingMm) {
            input.spacingMm = *frame.pixelSpacingMm;
        } else {
            input.spacingMm = defaultSpacing;
            input.note = QString("no pixel spacing in the file; assumed %1 mm").arg(defaultSpacing);
        }
        return input;
    }
    input.grey = cv::imread(path.toStdString(), cv::IMREAD_UNCHANGED);
    if (input.grey.empty())
        throw core::Error("cannot read " + path.toStdString() + " as DICOM, PNG or PGM");
    if (input.grey.channels() != 1)
        throw core::Error(path.toStdString() + " is not a grey-scale image");
    input.spacingMm = defaultSpacing;
    return input;
}

QString modelPath(const QString& model)
{
    if (QFileInfo(model).isFile())
        return model;
    // A path, not a manifest name: say so rather than that the manifest lacks it.
    if (model.contains('/') || model.endsWith(".pt"))
        throw core::Error("the model file " + model.toStdString() + " does not exist");
    const auto manifest = ai::ModelManifest::read(defaultModelsDirectory().toStdString());
    return QString::fromStdString(manifest.verifiedPath(model.toStdString()));
}

std::optional<ai::ComputeDevice> computeDeviceOption(const QString& name)
{
    if (name == "cpu")
        return ai::ComputeDevice::Cpu;
    if (name == "cuda")
        return ai::ComputeDevice::Cuda;
    if (name == "auto")
        return ai::ComputeDevice::Automatic;
    printError("--device is cpu, cuda or auto.");
    return std::nullopt;
}

} // namespace mammo::tools
