// train-detector: trains the Mask R-CNN mass detector on mini-MIAS, one fold
// held out (or all images), resuming from the output folder's checkpoint.
#include "CommandLine.h"
#include "Commands.h"
#include "ai/DetectorTrainer.h"
#include "ai/FoldSplit.h"
#include "ai/HeapReuse.h"
#include "core/MiasCatalog.h"

#include <QCommandLineParser>

#include <QDir>

namespace mammo::tools {

int runTrainDetector(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Train the mass detector (Mask R-CNN) on mini-MIAS patches with the paper's three stages.\n"
        "Re-running with the same OUT_DIR resumes from its last checkpoint.");
    const QCommandLineOption configOption("config", "Detector configuration: cpu or full (default cpu).", "NAME", "cpu");
    const QCommandLineOption foldOption("fold", "Hold out fold K (1-5) for testing; 0 trains on all images (default 0).",
                                        "K", "0");
    const QCommandLineOption miasOption = miasCommandOption();
    const QCommandLineOption splitOption = splitCommandOption();
    const QCommandLineOption iterationsOption("iterations", "Training iterations (default 3000).", "N", "3000");
    const QCommandLineOption batchOption("batch", "Patches per iteration (default 8).", "N", "8");
    const QCommandLineOption patchOption("patch", "Patch size in model pixels (default 256).", "PX", "256");
    const QCommandLineOption rateOption("lr", "AdamW learning rate (default 0.001).", "RATE", "0.001");
    const QCommandLineOption stagesOption("stages", "Fractions of the iterations for the three stages (default 0.3,0.3,0.4).",
                                          "A,B,C", "0.3,0.3,0.4");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N", "0");
    const QCommandLineOption validateOption("validate-every", "FROC on the held-out fold every N iterations (default 500).",
                                            "N", "500");
    const QCommandLineOption seedOption("seed", "Random seed (default 1).", "N", "1");
    const QCommandLineOption deviceOption("device", "cpu, cuda or auto (default cpu).", "DEVICE", "cpu");
    const QCommandLineOption syntheticOption("synthetic", "Add the SYNTHETIC cases of this folder (made by synth) to training.",
                                             "DIR");
    parser.addOptions({configOption, foldOption, miasOption, splitOption, iterationsOption, batchOption, patchOption,
                       rateOption, stagesOption, threadsOption, validateOption, seedOption, deviceOption, syntheticOption});
    parser.addPositionalArgument("OUT_DIR", "Folder for the checkpoints, logs and the trained model.pt.");
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1) {
        printError("give one output folder.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }

    ai::TrainingOptions options;
    options.configName = parser.value(configOption).toStdString();
    options.fold = parser.value(foldOption).toInt();
    options.datasetDirectory = miasDirectoryOption(parser, miasOption).toStdString();
    options.splitPath = parser.value(splitOption).toStdString();
    options.iterations = parser.value(iterationsOption).toInt();
    options.batchSize = parser.value(batchOption).toInt();
    options.patchSize = parser.value(patchOption).toInt();
    options.learningRate = parser.value(rateOption).toDouble();
    options.threads = parser.value(threadsOption).toInt();
    options.validateEvery = parser.value(validateOption).toInt();
    options.seed = parser.value(seedOption).toUInt();
    options.device = parser.value(deviceOption).toStdString();
    if (parser.isSet(syntheticOption))
        options.syntheticDirectory = QDir(parser.value(syntheticOption)).absolutePath().toStdString();
    options.stageFractions.clear();
    for (const QString& part : parser.value(stagesOption).split(','))
        options.stageFractions.push_back(part.toDouble());
    options.outputDirectory = QDir(parser.positionalArguments().first()).absolutePath().toStdString();
    if (options.iterations <= 0 || options.batchSize <= 0 || options.patchSize < 64 || options.patchSize % 32 != 0) {
        printError("iterations and batch must be positive, the patch size a multiple of 32 from 64.");
        return ExitUsage;
    }
    ai::keepFreedMemoryForReuse();
    ai::trainDetector(options, [](const std::string& line) { printLine(QString::fromStdString(line)); });
    return ExitSuccess;
}

int runMakeSplit(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Write the patient-level k-fold split of mini-MIAS (pairs together, masses spread).");
    const QCommandLineOption miasOption = miasCommandOption();
    const QCommandLineOption foldsOption("folds", "Number of folds (default 5).", "K", "5");
    const QCommandLineOption seedOption("seed", "Seed for tie-breaking (default 2026).", "N", "2026");
    parser.addOptions({miasOption, foldsOption, seedOption});
    parser.addPositionalArgument("OUT_JSON", "Where to write the split.");
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1) {
        printError("give one output file.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }
    const auto catalog = core::MiasCatalog::fromDirectory(miasDirectoryOption(parser, miasOption).toStdString());
    const auto split = ai::makeMiasSplit(catalog, parser.value(foldsOption).toInt(), parser.value(seedOption).toUInt());
    ai::writeFoldSplit(split, catalog, parser.positionalArguments().first().toStdString());
    for (int k = 1; k <= split.foldCount(); ++k)
        printLine(QString("fold %1: %2 images").arg(k).arg(split.testImages(k).size()));
    return ExitSuccess;
}

} // namespace mammo::tools
