// eval-detector: FROC of the committed fold models on their held-out folds,
// through the same MassDetector the app uses. All folds: writes
// results/detector-froc.json, the per-fold detections and the FROC plot.
// --fold K: re-runs one fold and checks it reproduces the committed figures.
#include "CommandLine.h"
#include "Commands.h"
#include "ai/FoldSplit.h"
#include "ai/FrocReport.h"
#include "ai/LearningCurvePlot.h"
#include "ai/MassDetector.h"
#include "ai/MiasGroundTruth.h"
#include "ai/ModelManifest.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <fstream>

namespace mammo::tools {
namespace {

QString foldModelName(int fold)
{
    return QString("detector-cpu-fold%1").arg(fold);
}

std::vector<ai::FrocImage> evaluateFold(const ai::ModelManifest& manifest, const core::MiasCatalog& catalog,
                                        const QString& miasDirectory, const ai::FoldSplit& split, int fold,
                                        int threads, std::vector<std::string>& references)
{
    const auto path = manifest.verifiedPath(foldModelName(fold).toStdString());
    ai::MassDetector detector(path, ai::ComputeDevice::Cpu, threads);
    QElapsedTimer timer;
    timer.start();
    std::vector<ai::FrocImage> images;
    references = split.testImages(fold);
    for (const auto& reference : references) {
        const auto file = QDir(miasDirectory).filePath(QString::fromStdString(reference) + ".png").toStdString();
        const cv::Mat grey = cv::imread(file, cv::IMREAD_GRAYSCALE);
        if (grey.empty())
            throw core::Error("cannot read the mini-MIAS image " + file);
        ai::FrocImage image;
        image.masses = ai::miasMassCircles(catalog.at(reference));
        for (const auto& d : detector.detect(grey, core::kMiasPixelSpacingMm))
            image.detections.push_back({d.x1, d.y1, d.x2, d.y2, d.score});
        images.push_back(std::move(image));
    }
    printLine(QString("fold %1: %2 images in %3 s").arg(fold).arg(references.size()).arg(timer.elapsed() / 1000.0, 0, 'f', 1));
    return images;
}

QString tprRow(const std::vector<double>& values)
{
    QString row;
    for (double value : values)
        row += QString("  %1").arg(value, 5, 'f', 3);
    return row;
}

void writeJson(const QString& path, const nlohmann::ordered_json& json)
{
    std::ofstream out(path.toStdString());
    if (!out)
        throw core::Error("cannot write " + path.toStdString());
    out << json.dump(2) << "\n";
}

} // namespace

int runEvalDetector(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "FROC of the committed fold models (detector-cpu-fold1..5) on their held-out mini-MIAS folds:\n"
        "TPR at 0.25, 0.5, 1, 2 and 4 false positives per image, IoU > 0.5 and centre-in-circle rules.");
    const QCommandLineOption foldOption("fold", "Re-run fold K only and compare with the committed figures.", "K");
    const QCommandLineOption miasOption = miasCommandOption();
    const QCommandLineOption splitOption = splitCommandOption();
    const QCommandLineOption modelsOption("models", "Models directory with manifest.json.", "DIR", defaultModelsDirectory());
    const QCommandLineOption resultsOption("results", "Results directory (default: the source tree's results/).", "DIR",
                                           QString(MAMMO_SOURCE_DIR) + "/results");
    const QCommandLineOption manifestOption("update-manifest",
                                            "Write the measured metrics and operating points into the manifest.");
    const QCommandLineOption trainingOption("training", "Training runs folder (fold1..5, all) for the learning curves.",
                                            "DIR");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N", "0");
    parser.addOptions({foldOption, miasOption, splitOption, modelsOption, resultsOption, manifestOption, trainingOption,
                       threadsOption});
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;

    const QString miasDirectory = miasDirectoryOption(parser, miasOption);
    const auto catalog = core::MiasCatalog::fromDirectory(miasDirectory.toStdString());
    const auto split = ai::readFoldSplit(parser.value(splitOption).toStdString());
    const auto manifest = ai::ModelManifest::read(parser.value(modelsOption).toStdString());
    const int threads = parser.value(threadsOption).toInt();
    const QDir results(parser.value(resultsOption));
    const QString summaryPath = results.filePath("detector-froc.json");

    QString header = "rule     ";
    for (double fppi : ai::standardFppi())
        header += QString("  %1").arg(QString("@%1").arg(fppi), 5);
    header += "  (TPR at FPPI)";

    if (parser.isSet(foldOption)) {
        const int fold = parser.value(foldOption).toInt();
        std::vector<std::string> references;
        const auto images = evaluateFold(manifest, catalog, miasDirectory, split, fold, threads, references);
        std::ifstream in(summaryPath.toStdString());
        if (!in)
            throw core::Error("no committed results to compare with: " + summaryPath.toStdString());
        const auto committed = nlohmann::json::parse(in);
        printLine(header);
        bool same = true;
        for (auto rule : {ai::HitRule::IouAboveHalf, ai::HitRule::CentreInCircle}) {
            const auto measured = ai::tprAtStandardFppi(images, rule);
            const auto expected =
                committed.at("rules").at(ai::hitRuleKey(rule)).at("per_fold").at(std::size_t(fold - 1)).get<std::vector<double>>();
            for (std::size_t i = 0; i < measured.size(); ++i)
                same = same && std::abs(measured[i] - expected[i]) < 1e-9;
            printLine(QString::fromStdString(ai::hitRuleKey(rule)).leftJustified(9) + tprRow(measured) + "   measured");
            printLine(QString(9, ' ') + tprRow(expected) + "   committed");
        }
        printLine(same ? QString("fold %1 reproduces the committed figures.").arg(fold)
                       : QString("fold %1 DIFFERS from the committed figures.").arg(fold));
        return same ? ExitSuccess : ExitFailure;
    }

    QDir().mkpath(results.absolutePath());
    std::vector<std::vector<ai::FrocImage>> folds;
    for (int fold = 1; fold <= split.foldCount(); ++fold) {
        std::vector<std::string> references;
        folds.push_back(evaluateFold(manifest, catalog, miasDirectory, split, fold, threads, references));
        writeJson(results.filePath(QString("detector-fold%1-detections.json").arg(fold)),
                  ai::foldEvaluationJson(fold, references, folds.back()));
    }
    const auto configName = manifest.entry(foldModelName(1).toStdString()).value("config", "cpu");
    const auto summary = ai::frocSummaryJson(configName, folds);
    writeJson(summaryPath, summary);
    ai::writeFrocPlot(results.filePath("detector-froc.png").toStdString(),
                      "Mass detector (" + configName + "), mini-MIAS 5-fold cross-validation: FROC", folds);
    printLine(header);
    for (auto rule : {ai::HitRule::IouAboveHalf, ai::HitRule::CentreInCircle}) {
        const auto& entry = summary["rules"][ai::hitRuleKey(rule)];
        QString row = QString::fromStdString(ai::hitRuleKey(rule)).leftJustified(9);
        for (std::size_t i = 0; i < ai::standardFppi().size(); ++i)
            row += QString("  %1±%2").arg(entry["tpr_mean"][i].get<double>(), 0, 'f', 2).arg(entry["tpr_std"][i].get<double>(), 0, 'f', 2);
        printLine(row);
    }
    printLine("wrote " + summaryPath + " and " + results.filePath("detector-froc.png"));

    if (parser.isSet(trainingOption)) {
        std::vector<ai::TrainingRun> runs;
        const QDir training(parser.value(trainingOption));
        for (const QString& name : QStringList{"fold1", "fold2", "fold3", "fold4", "fold5", "all"}) {
            if (!QFileInfo::exists(training.filePath(name + "/train-log.csv")))
                continue;
            runs.push_back({name.toStdString(), training.filePath(name + "/train-log.csv").toStdString(),
                            training.filePath(name + "/validation-log.csv").toStdString()});
            QDir().mkpath(results.filePath("detector-training"));
            for (const QString& log : QStringList{"train-log.csv", "validation-log.csv"}) {
                const QString target = results.filePath("detector-training/" + name + "-" + log);
                QFile::remove(target);
                QFile::copy(training.filePath(name + "/" + log), target);
            }
        }
        ai::writeLearningCurvePlot(results.filePath("detector-learning-curves.png").toStdString(), runs);
        printLine("wrote " + results.filePath("detector-learning-curves.png"));
    }

    if (parser.isSet(manifestOption)) {
        auto json = manifest.json();
        for (int fold = 1; fold <= split.foldCount(); ++fold) {
            auto& metrics = json["models"][foldModelName(fold).toStdString()]["metrics"];
            metrics["test_fold"] = fold;
            metrics["fppi"] = ai::standardFppi();
            for (auto rule : {ai::HitRule::IouAboveHalf, ai::HitRule::CentreInCircle})
                metrics["tpr_" + ai::hitRuleKey(rule)] = ai::tprAtStandardFppi(folds[std::size_t(fold - 1)], rule);
        }
        if (json["models"].contains("detector-cpu")) {
            auto& app = json["models"]["detector-cpu"];
            app["metrics"] = {{"cross_validation", "results/detector-froc.json (the five fold models)"},
                              {"fppi", ai::standardFppi()},
                              {"tpr_mean_iou0.5", summary["rules"]["iou0.5"]["tpr_mean"]},
                              {"tpr_mean_centre", summary["rules"]["centre"]["tpr_mean"]}};
            app["operating_points"] = ai::operatingPointsJson(folds, 16);
        }
        writeJson(QDir(parser.value(modelsOption)).filePath("manifest.json"), json);
        printLine("updated " + QDir(parser.value(modelsOption)).filePath("manifest.json"));
    }
    return ExitSuccess;
}

} // namespace mammo::tools
