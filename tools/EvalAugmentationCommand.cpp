// eval-augmentation: the FROC table of the BAN paper's experiment. Reads the
// held-out detections of the detector trained on original images only (the
// committed results/detector-foldK-detections.json) and of the detectors
// trained with each method's synthetic cases (scripts/augmentation-experiment.sh
// writes RUNS/detector/METHOD-foldK/evaluation.json, the same format), and
// writes results/augmentation.json plus a contact sheet of the same pastes
// blended by every method.
#include "CommandLine.h"
#include "Commands.h"
#include "ai/FoldSplit.h"
#include "ai/FrocReport.h"
#include "ai/ban/BanBlender.h"
#include "ai/ban/BanContactSheet.h"
#include "ai/ban/BanTrainingData.h"
#include "ai/synthesis/PasteBlender.h"
#include "ai/synthesis/PoissonBlender.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>
#include <memory>

namespace mammo::tools {
namespace {

const char* const kMethods[] = {"original", "paste", "poisson", "no_prior", "ban", "vanilla_gan"};

nlohmann::json readJson(const QString& path)
{
    std::ifstream in(path.toStdString());
    if (!in)
        throw core::Error("cannot read " + path.toStdString());
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw core::Error(path.toStdString() + " is not valid JSON: " + e.what());
    }
}

QString evaluationPath(const QDir& runs, const QDir& originals, const QString& method, int fold)
{
    if (method == "original")
        return originals.filePath(QString("detector-fold%1-detections.json").arg(fold));
    return runs.filePath(QString("detector/%1-fold%2/evaluation.json").arg(method).arg(fold));
}

QString tprCells(const nlohmann::ordered_json& rule, std::size_t index)
{
    return QString("%1 ± %2")
        .arg(rule["tpr_mean"][index].get<double>(), 0, 'f', 2)
        .arg(rule["tpr_std"][index].get<double>(), 0, 'f', 2);
}

// Rows: the held-out pastes of a fold's training data; columns: the normal ROI, then every method's blend.
void writeContactSheet(const QString& path, const QDir& runs, const QString& miasDirectory, const QString& splitPath,
                       int fold)
{
    const auto catalog = core::MiasCatalog::fromDirectory(miasDirectory.toStdString());
    const auto train = ai::readFoldSplit(splitPath.toStdString()).trainingImages(fold);
    const auto data = ai::ban::BanTrainingData::fromMias(catalog, miasDirectory.toStdString(), train, {});
    const ai::synthesis::PasteBlender paste;
    const ai::synthesis::PoissonBlender poisson(ai::synthesis::GuidanceField::Mixed);
    std::vector<std::unique_ptr<ai::ban::BanBlender>> networks;
    std::vector<const ai::synthesis::Blender*> blenders{&paste, &poisson};
    for (const char* method : {"vanilla_gan", "no_prior", "ban"}) {
        const QString model = runs.filePath(QString("blender/%1-fold%2/model.pt").arg(method).arg(fold));
        if (!QFileInfo::exists(model))
            continue;
        networks.push_back(std::make_unique<ai::ban::BanBlender>(model.toStdString()));
        blenders.push_back(networks.back().get());
    }
    const std::uint64_t heldOutSeed = 424242;   // no training batch is drawn with it
    const cv::Mat sheet = ai::ban::blendContactSheet(data.batch(heldOutSeed, 0, 6), blenders);
    if (!cv::imwrite(path.toStdString(), sheet))
        throw core::Error("cannot write " + path.toStdString());
    printLine(QString("Contact sheet (fold %1, %2 methods): %3").arg(fold).arg(blenders.size()).arg(path));
}

} // namespace

int runEvalAugmentation(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "FROC of the detector trained with SYNTHETIC cases of each method (paste, Poisson, no-prior, BAN)\n"
        "against the detector trained on original images only, on the same held-out folds. Reads the runs\n"
        "of scripts/augmentation-experiment.sh; writes results/augmentation.json and a contact sheet.");
    const QCommandLineOption runsOption("runs", "Experiment folder (default: training/augmentation).", "DIR",
                                        QString(MAMMO_SOURCE_DIR) + "/training/augmentation");
    const QCommandLineOption resultsOption("results", "Results directory (default: the source tree's results/).", "DIR",
                                           QString(MAMMO_SOURCE_DIR) + "/results");
    const QCommandLineOption originalOption(
        "original", "Folder of detector-foldK-detections.json of the original-only detector (default: results/).", "DIR",
        QString(MAMMO_SOURCE_DIR) + "/results");
    const QCommandLineOption sheetOption("sheet-fold", "Draw the contact sheet from fold K's models (0: none; default 1).",
                                         "K", "1");
    const QCommandLineOption miasOption = miasCommandOption();
    const QCommandLineOption splitOption = splitCommandOption();
    parser.addOptions({runsOption, resultsOption, originalOption, sheetOption, miasOption, splitOption});
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;
    const QDir runs(parser.value(runsOption));
    const QDir results(parser.value(resultsOption));
    const QDir originals(parser.value(originalOption));
    const int foldCount = ai::readFoldSplit(parser.value(splitOption).toStdString()).foldCount();

    // Only folds every method has finished are compared: a method is never judged on easier folds.
    std::vector<int> folds;
    std::vector<QString> methods;
    for (const char* name : kMethods) {
        const QString method(name);
        bool any = false;
        for (int fold = 1; fold <= foldCount; ++fold)
            any = any || QFileInfo::exists(evaluationPath(runs, originals, method, fold));
        if (any)
            methods.push_back(method);
    }
    for (int fold = 1; fold <= foldCount; ++fold) {
        bool all = true;
        for (const QString& method : methods)
            all = all && QFileInfo::exists(evaluationPath(runs, originals, method, fold));
        if (all)
            folds.push_back(fold);
    }
    if (methods.size() < 2 || folds.empty())
        throw core::Error("no fold has both the original detector's and a synthetic run's held-out detections under " +
                          runs.absolutePath().toStdString());

    nlohmann::ordered_json output;
    output["experiment"] = {
        {"folds", folds},
        {"note", "Detector (cpu configuration, the committed schedule) trained per fold on original mini-MIAS "
                 "images, or on them plus SYNTHETIC cases made from that fold's training images only by each "
                 "method; TPR on the held-out fold at the given false positives per image."}};
    if (QFileInfo::exists(runs.filePath("experiment.json")))
        output["experiment"]["settings"] = readJson(runs.filePath("experiment.json"));
    printLine(QString("Folds compared: %1").arg(folds.size()));
    printLine("method        TPR@0.5 FPPI (IoU>0.5)  TPR@1 FPPI (IoU>0.5)  TPR@2 FPPI (IoU>0.5)  TPR@1 FPPI (centre)");
    for (const QString& method : methods) {
        std::vector<std::vector<ai::FrocImage>> perFold;
        for (int fold : folds)
            perFold.push_back(ai::foldImagesFromJson(readJson(evaluationPath(runs, originals, method, fold))));
        const auto summary = ai::frocSummaryJson("cpu", perFold);
        output["methods"][method.toStdString()] = {{"folds", folds}, {"rules", summary["rules"]}};
        const auto& rules = summary["rules"];
        printLine(QString("%1  %2        %3        %4        %5")
                      .arg(method.leftJustified(12))
                      .arg(tprCells(rules["iou0.5"], 1), tprCells(rules["iou0.5"], 2), tprCells(rules["iou0.5"], 3),
                           tprCells(rules["centre"], 2)));
    }
    QDir().mkpath(results.absolutePath());
    const QString path = results.filePath("augmentation.json");
    std::ofstream out(path.toStdString());
    out << output.dump(1) << "\n";
    if (!out)
        throw core::Error("cannot write " + path.toStdString());
    printLine("Wrote " + path);

    if (const int sheetFold = parser.value(sheetOption).toInt(); sheetFold > 0)
        writeContactSheet(results.filePath("augmentation-contact-sheet.png"), runs,
                          miasDirectoryOption(parser, miasOption), parser.value(splitOption), sheetFold);
    return ExitSuccess;
}

} // namespace mammo::tools
