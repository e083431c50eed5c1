// classify: P(malignant) from COIN for boxes on one DICOM or PNG/PGM mammogram.
#include "AiCommandSupport.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ai/HeapReuse.h"
#include "ai/coin/MalignancyClassifier.h"
#include "core/Error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>
#include <cstdio>
#include <optional>
#include <vector>

namespace mammo::tools {
namespace {

const char* const kNote = "decision support, not a diagnosis";

// "x,y,w,h" in image pixels, width and height positive.
std::optional<cv::Rect2d> parseBox(const QString& text)
{
    const QStringList parts = text.split(',');
    if (parts.size() != 4)
        return std::nullopt;
    double values[4];
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        values[i] = parts[i].trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(values[i]))
            return std::nullopt;
    }
    if (!(values[2] > 0) || !(values[3] > 0))
        return std::nullopt;
    return cv::Rect2d(values[0], values[1], values[2], values[3]);
}

QString boxText(const cv::Rect2d& box)
{
    return QString("x %1 y %2 w %3 h %4")
        .arg(box.x, 0, 'f', 1)
        .arg(box.y, 0, 'f', 1)
        .arg(box.width, 0, 'f', 1)
        .arg(box.height, 0, 'f', 1);
}

void writeJson(const QString& path, const QJsonObject& document)
{
    const QByteArray bytes = QJsonDocument(document).toJson();
    if (path == "-") {
        std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
        std::fflush(stdout);
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit())
        throw core::Error("cannot write " + path.toStdString());
}

} // namespace

int runClassify(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Estimate P(malignant) for masses on a mammogram with COIN's benign/malignant classifier\n"
        "(decision support, not a diagnosis). Each --box is a region in image pixels, e.g. a finding of\n"
        "mammoscope-cli detect; the classifier sees it with the surrounding tissue, at least 25.6 mm wide.");
    const QCommandLineOption boxOption("box", "A region x,y,width,height in image pixels (repeat for more).",
                                       "X,Y,W,H");
    const QCommandLineOption modelOption("model", "A model file, or a model name from the manifest (default coin-cpu).",
                                         "MODEL", "coin-cpu");
    const QCommandLineOption deviceOption("device", "cpu, cuda or auto (default auto).", "DEVICE", "auto");
    const QCommandLineOption spacingOption("spacing", "Pixel spacing in mm for PNG/PGM input (default 0.2, mini-MIAS).",
                                           "MM", "0.2");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N", "0");
    const QCommandLineOption jsonOption("json", "Write the results to this JSON file (- for standard output).", "OUT");
    parser.addOptions({boxOption, modelOption, deviceOption, spacingOption, threadsOption, jsonOption});
    parser.addPositionalArgument("IMAGE", "A DICOM, PNG or PGM mammogram.");
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1) {
        printError("give exactly one image.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }
    if (!parser.isSet(boxOption)) {
        printError("give at least one --box X,Y,W,H.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }
    std::vector<cv::Rect2d> boxes;
    for (const QString& text : parser.values(boxOption)) {
        const auto box = parseBox(text);
        if (!box) {
            printError(QString("--box \"%1\" is not X,Y,W,H in pixels with a positive width and height.").arg(text));
            return ExitUsage;
        }
        boxes.push_back(*box);
    }
    bool spacingOk = false;
    const double spacing = parser.value(spacingOption).toDouble(&spacingOk);
    if (!spacingOk || !(spacing > 0) || !std::isfinite(spacing)) {
        printError("--spacing is a positive number of millimetres.");
        return ExitUsage;
    }
    const auto device = computeDeviceOption(parser.value(deviceOption));
    if (!device)
        return ExitUsage;

    const QString path = parser.positionalArguments().front();
    const auto input = readInput(path, spacing);
    const cv::Rect2d image(0, 0, input.grey.cols, input.grey.rows);
    for (const auto& box : boxes)
        if ((box & image).area() <= 0)
            throw core::Error(QString("the box %1 lies outside the image (%2 x %3 px)")
                                  .arg(boxText(box))
                                  .arg(input.grey.cols)
                                  .arg(input.grey.rows)
                                  .toStdString());

    const QString model = parser.value(modelOption);
    QString file;
    try {
        file = modelPath(model);
    } catch (const core::Error& error) {
        if (parser.isSet(modelOption))
            throw;
        throw core::Error(std::string(error.what()) + "; give a COIN model file with --model");
    }
    ai::keepFreedMemoryForReuse();
    ai::coin::MalignancyClassifier classifier(file.toStdString(), *device, parser.value(threadsOption).toInt());
    const auto probabilities = classifier.malignancy(input.grey, input.spacingMm, boxes);

    QString text = QString("%1 (%2 x %3 px, %4 mm/px, %5)")
                       .arg(path)
                       .arg(input.grey.cols)
                       .arg(input.grey.rows)
                       .arg(input.spacingMm)
                       .arg(QString::fromStdString(classifier.deviceName()));
    if (!input.note.isEmpty())
        text += "\n  note: " + input.note;
    if (classifier.configuration() == "untrained")
        text += "\n  note: the model is untrained; its figures mean nothing";
    QJsonArray results;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        text += QString("\n  box %1  P(malignant) %2").arg(boxText(boxes[i])).arg(probabilities[i], 0, 'f', 3);
        results.append(QJsonObject{{"box", QJsonArray{boxes[i].x, boxes[i].y, boxes[i].width, boxes[i].height}},
                                   {"malignancy", probabilities[i]}});
    }
    text += QString("\nP(malignant) is %1 (COIN: %2 network, configuration %3).")
                .arg(kNote, QString::fromStdString(classifier.configName()),
                     QString::fromStdString(classifier.configuration()));
    if (parser.value(jsonOption) != "-")
        printLine(text);

    if (parser.isSet(jsonOption)) {
        QJsonObject document{{"path", path},
                             {"model", model},
                             {"note", kNote},
                             {"pixelSpacingMm", input.spacingMm},
                             {"regions", results}};
        if (!input.sopInstanceUid.isEmpty())
            document["sopInstanceUid"] = input.sopInstanceUid;
        writeJson(parser.value(jsonOption), document);
    }
    return ExitSuccess;
}

} // namespace mammo::tools
