// detect: finds masses in DICOM or PNG/PGM mammograms and prints them (or writes JSON).
#include "AiCommandSupport.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ai/HeapReuse.h"
#include "ai/MassDetector.h"
#include "core/DicomReader.h"
#include "core/Error.h"
#include "core/cad/CadResultsExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QFileInfo>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

namespace mammo::tools {

int runDetect(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Find masses in mammograms (decision support, not a diagnosis). Prints each image's findings:\n"
        "box (x, y, width, height) and outline in image pixels, and the score.");
    const QCommandLineOption modelOption("model", "A model file, or a model name from the manifest (default detector-cpu).",
                                         "MODEL", "detector-cpu");
    const QCommandLineOption deviceOption("device", "cpu, cuda or auto (default auto).", "DEVICE", "auto");
    const QCommandLineOption jsonOption("json", "Write the findings to this JSON file.", "OUT");
    const QCommandLineOption spacingOption("spacing", "Pixel spacing in mm for PNG/PGM input (default 0.2, mini-MIAS).",
                                           "MM", "0.2");
    const QCommandLineOption minScoreOption("min-score", "Report findings scoring at least this (default 0.5).", "S", "0.5");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N", "0");
    const QCommandLineOption srOption("sr", "Also write the findings as a Mammography CAD SR (DICOM input of one study).", "OUT.dcm");
    const QCommandLineOption segOption("seg", "Also write one DICOM SEG per image with findings into this folder.", "DIR");
    parser.addOptions({modelOption, deviceOption, jsonOption, spacingOption, minScoreOption, threadsOption, srOption, segOption});
    parser.addPositionalArgument("PATH", "DICOM, PNG or PGM mammograms.", "PATH...");
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;
    if (parser.positionalArguments().isEmpty()) {
        printError("give at least one image.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }
    const auto device = computeDeviceOption(parser.value(deviceOption));
    if (!device)
        return ExitUsage;
    ai::keepFreedMemoryForReuse();
    ai::MassDetector detector(modelPath(parser.value(modelOption)).toStdString(), *device,
                              parser.value(threadsOption).toInt());
    const double minScore = parser.value(minScoreOption).toDouble();

    QJsonArray results;
    int failures = 0;
    std::vector<core::ImageAttributes> dicomImages;   // for --sr/--seg
    std::vector<core::Finding> reported;
    for (const QString& path : parser.positionalArguments()) {
        QJsonObject result{{"path", path}};
        try {
            const auto input = readInput(path, parser.value(spacingOption).toDouble());
            if (!input.sopInstanceUid.isEmpty() && (parser.isSet(srOption) || parser.isSet(segOption)))
                dicomImages.push_back(core::readDicomHeader(path.toStdString()).attributes);
            const auto detections = detector.detect(input.grey, input.spacingMm);
            QJsonArray findings;
            QString text = QString("%1 (%2 x %3 px, %4 mm/px, %5)")
                               .arg(path)
                               .arg(input.grey.cols)
                               .arg(input.grey.rows)
                               .arg(input.spacingMm)
                               .arg(QString::fromStdString(detector.deviceName()));
            if (!input.note.isEmpty())
                text += "\n  note: " + input.note;
            for (const auto& detection : detections) {
                if (detection.score < minScore)
                    continue;
                QJsonArray contour;
                for (const auto& point : detection.contour)
                    contour.append(QJsonArray{std::round(point.x * 10) / 10, std::round(point.y * 10) / 10});
                core::Finding finding;
                finding.sopInstanceUid = input.sopInstanceUid.toStdString();
                finding.box = {detection.x1, detection.y1, detection.x2 - detection.x1, detection.y2 - detection.y1};
                for (const auto& point : detection.contour)
                    finding.contour.push_back({point.x, point.y});
                finding.score = detection.score;
                finding.label = "mass";
                if (!finding.sopInstanceUid.empty())
                    reported.push_back(finding);
                findings.append(QJsonObject{
                    {"box", QJsonArray{detection.x1, detection.y1, detection.x2 - detection.x1, detection.y2 - detection.y1}},
                    {"score", detection.score},
                    {"contour", contour}});
                text += QString("\n  mass  score %1  box x %2 y %3 w %4 h %5  outline %6 points")
                            .arg(detection.score, 0, 'f', 3)
                            .arg(detection.x1, 0, 'f', 1)
                            .arg(detection.y1, 0, 'f', 1)
                            .arg(detection.x2 - detection.x1, 0, 'f', 1)
                            .arg(detection.y2 - detection.y1, 0, 'f', 1)
                            .arg(detection.contour.size());
            }
            if (findings.isEmpty())
                text += QString("\n  no finding scoring %1 or more").arg(minScore);
            printLine(text);
            if (!input.sopInstanceUid.isEmpty())
                result["sopInstanceUid"] = input.sopInstanceUid;
            result["pixelSpacingMm"] = input.spacingMm;
            result["findings"] = findings;
        } catch (const core::Error& error) {
            ++failures;
            printError(QString::fromStdString(error.what()));
            result["error"] = QString::fromStdString(error.what());
        }
        results.append(result);
    }
    if (parser.isSet(jsonOption)) {
        QSaveFile file(parser.value(jsonOption));
        const QJsonObject document{{"model", parser.value(modelOption)},
                                   {"note", "decision support, not a diagnosis"},
                                   {"minScore", minScore},
                                   {"images", results}};
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(document).toJson()) < 0 || !file.commit())
            throw core::Error("cannot write " + parser.value(jsonOption).toStdString());
    }
    if (parser.isSet(srOption) || parser.isSet(segOption)) {
        if (dicomImages.empty())
            throw core::Error("--sr and --seg need DICOM images: the results must reference their SOP Instance UIDs.");
        core::cad::CadProducer producer;
        producer.softwareVersion = MAMMO_VERSION;
        producer.algorithmName = "Mammoscope mass detector " + QFileInfo(parser.value(modelOption)).completeBaseName().toStdString();
        producer.algorithmVersion = MAMMO_VERSION;
        const auto written = core::cad::exportCadResults(dicomImages, reported, producer, parser.value(srOption).toStdString(),
                                                         parser.value(segOption).toStdString());
        if (!written.srPath.empty())
            printLine(QString("CAD SR with %1 finding(s): %2").arg(written.findingsWritten).arg(QString::fromStdString(written.srPath)));
        for (const std::string& seg : written.segPaths)
            printLine(QString("SEG: %1").arg(QString::fromStdString(seg)));
    }
    return failures == 0 ? ExitSuccess : ExitFailure;
}

} // namespace mammo::tools
