// eval-augmentation: the FROC table of the BAN paper's experiment. Reads the
// held-out detections of the detector trained on original images only with the
// same schedule (results/augmentation/original/, a copy of the fold models'
// detections from before the app's detector got a longer one) and of the detectors
// trained with each method's synthetic cases (scripts/augmentation-experiment.sh
// writes RUNS/detector/METHOD-foldK/evaluation.json and commits a copy as
// results/augmentation/METHOD-foldK-detections.json), and writes
// results/augmentation.json plus a contact sheet of the same pastes blended by
// every method. The experiment takes longer than a machine is kept, so folds
// accumulate: a fold whose detections are not at hand keeps the figures the
// previous results/augmentation.json gave it, if its settings were the same.
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
#include <map>
#include <memory>
#include <optional>

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

// TPR at the standard FPPI per hit rule ("iou0.5", "centre") on one held-out fold.
using FoldFigures = std::map<std::string, std::vector<double>>;

struct Sources {
    QDir runs;          // RUNS/detector/METHOD-foldK/evaluation.json: this machine's runs
    QDir detections;    // METHOD-foldK-detections.json: the committed copies
    QDir originals;     // detector-foldK-detections.json: the original-only detector
    nlohmann::json previous;   // the previous results, when its settings match
};

FoldFigures figuresOf(const std::vector<ai::FrocImage>& images)
{
    FoldFigures figures;
    for (ai::HitRule rule : {ai::HitRule::IouAboveHalf, ai::HitRule::CentreInCircle})
        figures[ai::hitRuleKey(rule)] = ai::tprAtStandardFppi(images, rule);
    return figures;
}

std::optional<FoldFigures> foldFigures(const Sources& sources, const QString& method, int fold)
{
    const QStringList paths =
        method == "original"
            ? QStringList{sources.originals.filePath(QString("detector-fold%1-detections.json").arg(fold))}
            : QStringList{sources.runs.filePath(QString("detector/%1-fold%2/evaluation.json").arg(method).arg(fold)),
                          sources.detections.filePath(QString("%1-fold%2-detections.json").arg(method).arg(fold))};
    for (const QString& path : paths)
        if (QFileInfo::exists(path))
            return figuresOf(ai::foldImagesFromJson(readJson(path)));
    const auto entry = sources.previous.find("methods");
    if (entry == sources.previous.end() || !entry->contains(method.toStdString()))
        return std::nullopt;
    const auto& reported = (*entry)[method.toStdString()];
    const auto& folds = reported.at("folds");
    for (std::size_t i = 0; i < folds.size(); ++i) {
        if (folds[i].get<int>() != fold)
            continue;
        FoldFigures figures;
        for (const auto& [rule, summary] : reported.at("rules").items())
            figures[rule] = summary.at("per_fold").at(i).get<std::vector<double>>();
        return figures;
    }
    return std::nullopt;
}

// The experiment's settings: this machine's run folder and the committed copy,
// which must agree (the detections of both are compared as one experiment).
nlohmann::json experimentSettings(const Sources& sources)
{
    nlohmann::json settings;
    for (const QDir& dir : {sources.runs, sources.detections}) {
        if (!QFileInfo::exists(dir.filePath("experiment.json")))
            continue;
        const nlohmann::json these = readJson(dir.filePath("experiment.json"));
        if (!settings.is_null() && these != settings)
            throw core::Error("the runs in " + sources.runs.absolutePath().toStdString() + " and the detections in " +
                              sources.detections.absolutePath().toStdString() +
                              " were made with other settings (experiment.json): compare them separately");
        settings = these;
    }
    return settings;
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
    if (networks.empty()) {
        printLine(QString("Contact sheet kept: no blender model of fold %1 under %2").arg(fold).arg(runs.absolutePath()));
        return;
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
    const QCommandLineOption detectionsOption(
        "detections", "Folder of the committed METHOD-foldK-detections.json (default: results/augmentation).", "DIR",
        QString(MAMMO_SOURCE_DIR) + "/results/augmentation");
    const QCommandLineOption originalOption(
        "original",
        "Folder of detector-foldK-detections.json of the original-only detector trained with the augmented runs' "
        "schedule (default: results/augmentation/original).",
        "DIR", QString(MAMMO_SOURCE_DIR) + "/results/augmentation/original");
    const QCommandLineOption sheetOption("sheet-fold", "Draw the contact sheet from fold K's models (0: none; default 1).",
                                         "K", "1");
    const QCommandLineOption miasOption = miasCommandOption();
    const QCommandLineOption splitOption = splitCommandOption();
    parser.addOptions({runsOption, detectionsOption, resultsOption, originalOption, sheetOption, miasOption, splitOption});
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;
    const QDir results(parser.value(resultsOption));
    Sources sources{QDir(parser.value(runsOption)), QDir(parser.value(detectionsOption)),
                    QDir(parser.value(originalOption)), nullptr};
    const int foldCount = ai::readFoldSplit(parser.value(splitOption).toStdString()).foldCount();
    const nlohmann::json settings = experimentSettings(sources);
    const QString previousPath = results.filePath("augmentation.json");
    if (QFileInfo::exists(previousPath)) {
        nlohmann::json previous = readJson(previousPath);
        const auto earlier = previous["experiment"].value("settings", nlohmann::json());
        if (earlier == settings)
            sources.previous = std::move(previous);
        else
            printLine("Earlier figures in " + previousPath + " are not carried: their settings differ.");
    }

    std::map<QString, std::map<int, FoldFigures>> figures;   // method -> fold -> figures
    for (const char* name : kMethods)
        for (int fold = 1; fold <= foldCount; ++fold)
            if (auto found = foldFigures(sources, name, fold))
                figures[name][fold] = std::move(*found);
    // Only folds every method has finished are compared: a method is never judged on easier folds.
    std::vector<int> folds;
    for (int fold = 1; fold <= foldCount; ++fold) {
        bool all = true;
        for (const auto& [method, byFold] : figures)
            all = all && byFold.count(fold) > 0;
        if (all)
            folds.push_back(fold);
    }
    if (figures.size() < 2 || !figures.count("original") || folds.empty())
        throw core::Error("no fold has both the original detector's and a synthetic run's held-out detections under " +
                          sources.runs.absolutePath().toStdString() + " or " +
                          sources.detections.absolutePath().toStdString());

    nlohmann::ordered_json output;
    output["experiment"] = {
        {"folds", folds},
        {"note", "Detector (cpu configuration, the committed schedule) trained per fold on original mini-MIAS "
                 "images, or on them plus SYNTHETIC cases made from that fold's training images only by each "
                 "method; TPR on the held-out fold at the given false positives per image."}};
    if (!settings.is_null())
        output["experiment"]["settings"] = settings;
    printLine(QString("Folds compared: %1").arg(folds.size()));
    printLine("method        TPR@0.5 FPPI (IoU>0.5)  TPR@1 FPPI (IoU>0.5)  TPR@2 FPPI (IoU>0.5)  TPR@1 FPPI (centre)");
    for (const char* name : kMethods) {
        const QString method(name);
        if (!figures.count(method))
            continue;
        nlohmann::ordered_json rules;
        for (ai::HitRule rule : {ai::HitRule::IouAboveHalf, ai::HitRule::CentreInCircle}) {
            std::vector<std::vector<double>> perFold;
            for (int fold : folds)
                perFold.push_back(figures[method][fold].at(ai::hitRuleKey(rule)));
            rules[ai::hitRuleKey(rule)] = ai::frocRuleSummaryJson(perFold);
        }
        output["methods"][method.toStdString()] = {{"folds", folds}, {"rules", rules}};
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
        writeContactSheet(results.filePath("augmentation-contact-sheet.png"), sources.runs,
                          miasDirectoryOption(parser, miasOption), parser.value(splitOption), sheetFold);
    return ExitSuccess;
}

} // namespace mammo::tools
