// eval-classifier: collects the held-out evaluations of COIN's training runs
// (TRAINING/<dataset>/<configuration>/fold<k>/evaluation.json) into
// results/coin.json (accuracy and ROC AUC, mean and std over folds, per
// data set and configuration) and the ROC plot results/coin-roc.png.
// A configuration whose runs are not at hand keeps its entry from the previous
// results/coin.json (a machine is not kept for the whole ablation; the held-out
// evaluations of finished runs are committed in results/coin-runs/); the plot is
// drawn again only when every reported configuration is at hand.
// Beside them, per data set, "lesion_radius": the reference that learns nothing
// from pixels (ai/coin/RadiusReference.h), from the catalogue and the split.
#include "CommandLine.h"
#include "Commands.h"
#include "ai/coin/CoinReport.h"
#include "ai/coin/CoinTrainer.h"
#include "ai/coin/RadiusReference.h"
#include "core/Error.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <fstream>

namespace mammo::tools {
namespace {

constexpr const char* kRadiusReference = "lesion_radius";

// What must be the same for figures to be averaged or compared: the training schedule.
nlohmann::json scheduleOf(const nlohmann::json& options)
{
    nlohmann::json schedule;
    for (const char* key : {"iterations", "batch", "learning_rate", "network"})
        if (options.contains(key))
            schedule[key] = options[key];
    return schedule;
}

// Whether two schedules agree on every key both give.
bool sameSchedule(const nlohmann::json& a, const nlohmann::json& b)
{
    for (const auto& [key, value] : a.items())
        if (b.contains(key) && b[key] != value)
            return false;
    return true;
}

// Adds to `summary` the entries of the previous results file that it lacks, in
// the ablation's order, when they were trained on `schedule`. Returns whether
// there were none (every entry is new).
template <typename Order>
bool keepEarlierEntries(const QString& previousPath, nlohmann::ordered_json& summary, const Order& order,
                        const nlohmann::json& schedule)
{
    if (!QFileInfo::exists(previousPath))
        return true;
    std::ifstream in(previousPath.toStdString());
    nlohmann::ordered_json previous;
    try {
        previous = nlohmann::ordered_json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw core::Error(previousPath.toStdString() + " is not valid JSON: " + e.what());
    }
    bool none = true;
    for (const auto& [dataset, configurations] : previous.items()) {
        nlohmann::ordered_json& current = summary[dataset];
        std::vector<std::string> names;
        for (const auto& [name, entry] : current.items())
            names.push_back(name);
        for (const auto& [name, entry] : configurations.items()) {
            if (current.contains(name))
                continue;
            // The reference is no run: kept as it was until addRadiusReference computes it afresh.
            if (name == kRadiusReference) {
                names.push_back(name);
                current[name] = entry;
                continue;
            }
            if (!sameSchedule(scheduleOf(entry.value("options", nlohmann::json::object())), schedule)) {
                printLine(QString("%1/%2: kept out, trained on another schedule than the runs at hand")
                              .arg(QString::fromStdString(dataset), QString::fromStdString(name)));
                continue;
            }
            none = false;
            names.push_back(name);
            current[name] = entry;
            printLine(QString("%1/%2: not at hand, kept from %3 (%4 folds)")
                          .arg(QString::fromStdString(dataset), QString::fromStdString(name), previousPath)
                          .arg(entry.value("folds", 0)));
        }
        std::stable_sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
            return order(QString::fromStdString(a)) < order(QString::fromStdString(b));
        });
        nlohmann::ordered_json sorted = nlohmann::ordered_json::object();
        for (const auto& name : names)
            sorted[name] = current[name];
        current = std::move(sorted);
    }
    return none;
}

// The lesion-radius reference of one data set, computed from mini-MIAS's
// Info.txt and the split (not the images). When it cannot be, a line says why
// and the previous results' entry, if any, stays: the runs' figures are written
// either way.
void addRadiusReference(nlohmann::ordered_json& entries, const std::string& dataset, const QString& miasDirectory,
                        const QString& splitPath)
{
    const QString info = QDir(miasDirectory).filePath("Info.txt");
    const QString kept = entries.contains(kRadiusReference) ? QString("; the previous figures kept") : QString();
    nlohmann::ordered_json entry;
    try {
        if (!QFileInfo::exists(info) || !QFileInfo::exists(splitPath))
            throw core::Error("needs " + info.toStdString() + " and " + splitPath.toStdString());
        const auto catalog = core::MiasCatalog::fromInfoFile(info.toStdString());
        const auto lesions = ai::coin::miasLesionRois(catalog, dataset == "masses"
                                                                   ? ai::coin::LesionSelection::Masses
                                                                   : ai::coin::LesionSelection::AllAbnormalities);
        entry = ai::coin::configurationSummary(
            ai::coin::lesionRadiusReference(lesions, ai::readFoldSplit(splitPath.toStdString())));
    } catch (const std::exception& e) {
        printLine(QString("%1 %2: not computed (%3)%4")
                      .arg(QString::fromStdString(dataset), kRadiusReference, QString::fromUtf8(e.what()), kept));
        return;
    }
    entry["options"] = {{"reference", "the lesion radius of Info.txt as the score, no pixels; "
                                      "threshold fitted on the training folds"}};
    entries[kRadiusReference] = entry;
    printLine(QString("%1 %2 accuracy %3 +- %4   AUC %5 +- %6   (reference: radius alone)")
                  .arg(QString::fromStdString(dataset).leftJustified(6), QString(kRadiusReference).leftJustified(14))
                  .arg(entry["acc_mean"].get<double>(), 0, 'f', 3)
                  .arg(entry["acc_std"].get<double>(), 0, 'f', 3)
                  .arg(entry["auc_mean"].get<double>(), 0, 'f', 3)
                  .arg(entry["auc_std"].get<double>(), 0, 'f', 3));
}

} // namespace

int runEvalClassifier(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Accuracy and ROC AUC of COIN's 5-fold cross-validation, mean +- std over folds, per data set\n"
        "(masses, all) and configuration, from TRAINING/<dataset>/<configuration>/fold1..5/evaluation.json.");
    const QCommandLineOption resultsOption("results", "Results directory (default: the source tree's results/).", "DIR",
                                           QString(MAMMO_SOURCE_DIR) + "/results");
    const QCommandLineOption foldsOption("folds", "Folds each configuration must have (default 5).", "K", "5");
    const QCommandLineOption partialOption("allow-partial", "Report configurations with fewer folds too (marked).");
    const QCommandLineOption miasOption = miasCommandOption();
    const QCommandLineOption splitOption = splitCommandOption();
    parser.addOptions({resultsOption, foldsOption, partialOption, miasOption, splitOption});
    parser.addPositionalArgument("TRAINING", "Folder of the training runs.");
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1) {
        printError("give the training folder.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }
    const QDir training(parser.positionalArguments().first());
    const int foldCount = parser.value(foldsOption).toInt();

    // Known configurations first, in the ablation's order, then any other (grid points) by name.
    const auto known = ai::coin::coinConfigurationNames();
    auto order = [&](const QString& name) {
        const auto at = std::find(known.begin(), known.end(), name.toStdString());
        return at == known.end() ? known.size() : std::size_t(at - known.begin());
    };
    nlohmann::ordered_json summary;
    nlohmann::json schedule;   // of the first run read; every other must match it
    std::vector<std::pair<std::string, ai::coin::DatasetResults>> plotted;
    for (const QString& dataset : {QString("masses"), QString("all")}) {
        const QDir datasetDir(training.filePath(dataset));
        if (!datasetDir.exists())
            continue;
        auto configurations = datasetDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        std::stable_sort(configurations.begin(), configurations.end(),
                         [&](const QString& a, const QString& b) { return order(a) < order(b); });
        ai::coin::DatasetResults results;
        for (const QString& configuration : configurations) {
            std::vector<ai::coin::FoldResult> folds;
            for (int fold = 1; fold <= foldCount; ++fold) {
                const QString path = datasetDir.filePath(QString("%1/fold%2/evaluation.json").arg(configuration).arg(fold));
                if (QFileInfo::exists(path))
                    folds.push_back(ai::coin::readFoldResult(path.toStdString()));
            }
            if (folds.empty())
                continue;
            if (int(folds.size()) < foldCount && !parser.isSet(partialOption)) {
                printLine(QString("%1/%2: %3 of %4 folds, left out (--allow-partial to report it)")
                              .arg(dataset, configuration).arg(folds.size()).arg(foldCount));
                continue;
            }
            auto entry = ai::coin::configurationSummary(folds);
            // Every fold of a configuration, and every configuration, on one schedule.
            nlohmann::json options;
            for (int fold = foldCount; fold >= 1; --fold) {
                const QString path = datasetDir.filePath(QString("%1/fold%2/options.json").arg(configuration).arg(fold));
                std::ifstream in(path.toStdString());
                if (!in)
                    continue;
                const auto foldOptions = nlohmann::json::parse(in, nullptr, false);
                if (foldOptions.is_discarded())
                    throw core::Error(path.toStdString() + " is not valid JSON");
                if (schedule.is_null())
                    schedule = scheduleOf(foldOptions);
                if (!sameSchedule(scheduleOf(foldOptions), schedule))
                    throw core::Error(path.toStdString() + " was trained on another schedule (" +
                                      scheduleOf(foldOptions).dump() + ") than " + schedule.dump() +
                                      ": keep each schedule's runs in their own folder");
                options = foldOptions;
            }
            if (!options.is_null()) {
                entry["options"] = {{"conventional_augmentation", options.value("conventional_augmentation", false)},
                                    {"adversarial_augmentation", options.value("adversarial_augmentation", false)},
                                    {"n_plus", options.value("n_plus", 0)},
                                    {"n_minus", options.value("n_minus", 0)},
                                    {"lambda", options.value("lambda", 0.0)},
                                    {"margin", options.value("margin", 0.0)},
                                    {"iterations", options.value("iterations", 0)},
                                    {"batch", options.value("batch", 0)},
                                    {"learning_rate", options.value("learning_rate", 0.0)},
                                    {"network", options.value("network", std::string())}};
            }
            summary[dataset.toStdString()][configuration.toStdString()] = entry;
            auto number = [](const nlohmann::ordered_json& value) {
                return value.is_null() ? QString("  n/a") : QString::number(value.get<double>(), 'f', 3);
            };
            printLine(QString("%1 %2 accuracy %3 +- %4   AUC %5 +- %6   (%7 folds, %8 ROIs)")
                          .arg(dataset.leftJustified(6), configuration.leftJustified(14), number(entry["acc_mean"]),
                               number(entry["acc_std"]), number(entry["auc_mean"]), number(entry["auc_std"]))
                          .arg(entry["folds"].get<int>())
                          .arg(entry["rois"].get<int>()));
            results.emplace_back(configuration.toStdString(), std::move(folds));
        }
        if (!results.empty())
            plotted.emplace_back(dataset == "masses" ? "masses (CIRC, SPIC, MISC)" : "all abnormalities",
                                 std::move(results));
    }
    if (plotted.empty())
        throw core::Error("no complete cross-validation under " + training.absolutePath().toStdString() +
                          " (expected <dataset>/<configuration>/fold1..5/evaluation.json)");

    const QDir results(parser.value(resultsOption));
    QDir().mkpath(results.absolutePath());
    const QString jsonPath = results.filePath("coin.json");
    const bool everyEntryAtHand = keepEarlierEntries(jsonPath, summary, order, schedule);
    for (auto& [dataset, entries] : summary.items())
        addRadiusReference(entries, dataset, miasDirectoryOption(parser, miasOption), parser.value(splitOption));
    std::ofstream out(jsonPath.toStdString());
    if (!out)
        throw core::Error("cannot write " + jsonPath.toStdString());
    out << summary.dump(2) << "\n";
    const QString plotPath = results.filePath("coin-roc.png");
    if (everyEntryAtHand) {
        ai::coin::writeCoinRocPlot(plotPath.toStdString(),
                                   "COIN, mini-MIAS 5-fold cross-validation: ROC, held-out ROIs of all folds",
                                   plotted);
        printLine("wrote " + jsonPath + " and " + plotPath);
    } else {
        printLine("wrote " + jsonPath + "; " + plotPath + " kept (it needs the held-out ROIs of every configuration)");
    }
    if (summary.contains("masses") && summary["masses"].contains("coin") && !summary["masses"]["coin"]["auc_mean"].is_null())
        printLine(QString("COIN on masses: AUC %1 +- %2, accuracy %3 +- %4")
                      .arg(summary["masses"]["coin"]["auc_mean"].get<double>(), 0, 'f', 3)
                      .arg(summary["masses"]["coin"]["auc_std"].get<double>(), 0, 'f', 3)
                      .arg(summary["masses"]["coin"]["acc_mean"].get<double>(), 0, 'f', 3)
                      .arg(summary["masses"]["coin"]["acc_std"].get<double>(), 0, 'f', 3));
    return ExitSuccess;
}

} // namespace mammo::tools
