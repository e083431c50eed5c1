// train-classifier: trains COIN's benign/malignant classifier on mini-MIAS
// lesion ROIs for one configuration of the ablation, one fold held out (or
// all images), resuming from the output folder's checkpoint.
#include "CommandLine.h"
#include "Commands.h"
#include "ai/HeapReuse.h"
#include "ai/coin/AdversarialNeighbourProvider.h"
#include "ai/coin/CoinTrainer.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace mammo::tools {

int runTrainClassifier(const QStringList& arguments)
{
    QString names;
    for (const auto& name : ai::coin::coinConfigurationNames())
        names += (names.isEmpty() ? "" : ", ") + QString::fromStdString(name);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Train COIN's benign/malignant classifier on 224 x 224 mini-MIAS lesion ROIs.\n"
        "Configurations (the paper's Table I ablation): baseline (originals), conventional (+ flips and\n"
        "rotations), adversarial (+ positive neighbours, (n+, n-) = (5, 0), lambda 0), lambda0 (+ positive\n"
        "and negative neighbours, lambda 0), coin (the signed graph and J = Jl + lambda Jg, n+ 1, n- 4, lambda 1).\n"
        "Re-running with the same OUT_DIR resumes from its last checkpoint.");
    const QCommandLineOption configurationOption("configuration", "One of " + names + " (default coin).", "NAME",
                                                 "coin");
    const QCommandLineOption datasetOption("dataset", "masses (CIRC, SPIC, MISC) or all abnormalities (default masses).",
                                           "NAME", "masses");
    const QCommandLineOption foldOption("fold", "Hold out fold K (1-5) for testing; 0 trains on all images (default 0).",
                                        "K", "0");
    const QCommandLineOption miasOption = miasCommandOption();
    const QCommandLineOption splitOption = splitCommandOption();
    const QCommandLineOption nPlusOption("n-plus", "n+: positive neighbours per sample in the signed graph (eq. 4).", "N");
    const QCommandLineOption nMinusOption("n-minus", "n-: negative neighbours per sample in the signed graph (eq. 4).",
                                          "N");
    const QCommandLineOption lambdaOption("lambda", "lambda of J = Jl + lambda Jg (eq. 7).", "X");
    const QCommandLineOption marginOption("margin", "Margin m of the graph loss (eq. 5; default 0.5).", "X");
    const QCommandLineOption conventionalOption("conventional", "Add random flips and rotations to any configuration.");
    const QCommandLineOption augmentationOption(
        "augmentation", "Adversarial neighbours of this fold's training ROIs (a directory with samples.json).", "DIR");
    const QCommandLineOption networkOption("network", "cpu (narrow, for 2 cores) or full (the paper's widths; default cpu).",
                                           "NAME", "cpu");
    const QCommandLineOption iterationsOption("iterations", "Training iterations (default 250).", "N", "250");
    const QCommandLineOption batchOption("batch", "ROIs per iteration, half of each class (default 16).", "N", "16");
    const QCommandLineOption rateOption("lr", "AdamW learning rate (default 0.0001).", "RATE", "0.0001");
    const QCommandLineOption roiOption("roi-size", "ROI side in pixels, a multiple of 32 (default 224).", "PX", "224");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N", "0");
    const QCommandLineOption checkpointOption("checkpoint-every", "Checkpoint every N iterations (default 100).", "N",
                                              "100");
    const QCommandLineOption validateOption(
        "validate-every", "Accuracy and AUC on the held-out fold every N iterations (default 200; 0 never).", "N", "200");
    const QCommandLineOption seedOption("seed", "Random seed (default 1).", "N", "1");
    const QCommandLineOption deviceOption("device", "cpu, cuda or auto (default cpu).", "DEVICE", "cpu");
    parser.addOptions({configurationOption, datasetOption, foldOption, miasOption, splitOption, nPlusOption,
                       nMinusOption, lambdaOption, marginOption, conventionalOption, augmentationOption,
                       networkOption, iterationsOption, batchOption, rateOption, roiOption, threadsOption, checkpointOption,
                       validateOption, seedOption, deviceOption});
    parser.addPositionalArgument("OUT_DIR", "Folder for the checkpoints, logs, model.pt and evaluation.json.");
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1) {
        printError("give one output folder.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }

    auto options = ai::coin::coinConfiguration(parser.value(configurationOption).toStdString());
    options.dataset = parser.value(datasetOption).toStdString();
    options.fold = parser.value(foldOption).toInt();
    options.datasetDirectory = miasDirectoryOption(parser, miasOption).toStdString();
    options.splitPath = parser.value(splitOption).toStdString();
    if (parser.isSet(nPlusOption))
        options.positiveNeighbours = parser.value(nPlusOption).toInt();
    if (parser.isSet(nMinusOption))
        options.negativeNeighbours = parser.value(nMinusOption).toInt();
    if (parser.isSet(lambdaOption))
        options.lambda = parser.value(lambdaOption).toDouble();
    if (parser.isSet(marginOption))
        options.margin = parser.value(marginOption).toDouble();
    if (parser.isSet(conventionalOption))
        options.conventionalAugmentation = true;
    if (parser.isSet(augmentationOption))
        options.augmentationDirectory = QDir(parser.value(augmentationOption)).absolutePath().toStdString();
    options.network = parser.value(networkOption).toStdString();
    options.iterations = parser.value(iterationsOption).toInt();
    options.batchSize = parser.value(batchOption).toInt();
    options.learningRate = parser.value(rateOption).toDouble();
    options.roiSize = parser.value(roiOption).toInt();
    options.threads = parser.value(threadsOption).toInt();
    options.checkpointEvery = parser.value(checkpointOption).toInt();
    options.validateEvery = parser.value(validateOption).toInt();
    options.seed = parser.value(seedOption).toUInt();
    options.device = parser.value(deviceOption).toStdString();
    options.outputDirectory = QDir(parser.positionalArguments().first()).absolutePath().toStdString();
    if (options.dataset != "masses" && options.dataset != "all") {
        printError("--dataset is masses or all.");
        return ExitUsage;
    }
    if (options.network != "cpu" && options.network != "full") {
        printError("--network is cpu or full.");
        return ExitUsage;
    }
    if (options.iterations <= 0 || options.batchSize < 2 || options.roiSize < 32 || options.roiSize % 32 != 0) {
        printError("iterations must be positive, the batch at least 2, the ROI size a multiple of 32.");
        return ExitUsage;
    }
    // Adversarial neighbours: made here from the fold's training ROIs (contact
    // sheets in OUT/augmentation), or taken from --augmentation, or from OUT's
    // augmentation/ when resuming.
    ai::coin::AugmentationProvider provider;
    if (ai::coin::needsAdversarialNeighbours(options) && options.augmentationDirectory.empty())
        provider = ai::coin::adversarialNeighbourProvider({});
    ai::keepFreedMemoryForReuse();
    ai::coin::trainCoin(options, [](const std::string& line) { printLine(QString::fromStdString(line)); }, provider);
    return ExitSuccess;
}

} // namespace mammo::tools
