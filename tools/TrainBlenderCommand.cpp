// train-blender: trains the blending adversarial network (or one of its
// baselines) on ROI crops from the training images of one fold, resuming from
// the output folder's checkpoint, then writes model.pt, a manifest and a
// contact sheet of held-out draws (normal | paste | Poisson | the new model).
#include "CommandLine.h"
#include "Commands.h"
#include "ai/FoldSplit.h"
#include "ai/HeapReuse.h"
#include "ai/ban/BanBlender.h"
#include "ai/ban/BanContactSheet.h"
#include "ai/ban/BanTrainer.h"
#include "ai/synthesis/PasteBlender.h"
#include "ai/synthesis/PoissonBlender.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>

namespace mammo::tools {
namespace {

// A draw seed the trainer never uses for its batches, so the sheet shows held-out pastes.
constexpr std::uint64_t kSheetSeedOffset = 7777;

void writeManifest(const QString& path, const ai::ban::BanTrainingOptions& options, int fold, int roiSize,
                   const ai::ban::BanTrainingData& data, const QString& splitPath)
{
    const QJsonObject manifest{
        {"model", "model.pt"},
        {"kind", "blender"},
        {"method", QString::fromStdString(options.method)},
        {"preset", QString::fromStdString(options.preset)},
        {"roi_size", roiSize},
        {"iterations", options.iterations},
        {"batch", options.batchSize},
        {"learning_rate", options.learningRate},
        {"lambda_prior", options.lambdaPrior},
        {"seed", QString::number(options.seed)},
        {"held_out_fold", fold},
        {"split", QFileInfo(splitPath).fileName()},
        {"training_normal_images", int(data.normalCount())},
        {"training_lesions", int(data.lesionCount())},
        {"training_real_masses", int(data.realCount())},
        {"dataset", "mini-MIAS"},
        {"written", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {"note", "Blends lesions into normal tissue to make SYNTHETIC training cases; not a diagnostic model."}};
    QSaveFile file(path);
    const QByteArray text = QJsonDocument(manifest).toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        throw core::Error("cannot write " + path.toStdString());
}

} // namespace

int runTrainBlender(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Train the blending adversarial network (BAN) or a baseline on mini-MIAS ROI crops: lesions of the\n"
        "training fold's masses pasted into its normal images (generator input) and ROIs of its real masses\n"
        "(discriminator's real side). Resumes from OUT_DIR's checkpoint; writes OUT_DIR/model.pt,\n"
        "manifest.json, train-log.csv and contact-sheet.png.");
    const QCommandLineOption methodOption("method", "ban, no_prior (adversarial only) or vanilla_gan (default ban).",
                                          "METHOD", "ban");
    const QCommandLineOption presetOption("preset", "Network size: cpu or full (default cpu).", "NAME", "cpu");
    const QCommandLineOption foldOption("fold", "Hold out fold K (1-5); 0 trains on all images (default 0).", "K", "0");
    const QCommandLineOption miasOption = miasCommandOption();
    const QCommandLineOption splitOption = splitCommandOption();
    const QCommandLineOption roiOption("roi", "ROI side in mini-MIAS pixels, a multiple of 16 (default 128).", "PX", "128");
    const QCommandLineOption iterationsOption("iterations", "Training iterations (default 1200).", "N", "1200");
    const QCommandLineOption batchOption("batch", "ROIs per iteration (default 4).", "N", "4");
    const QCommandLineOption rateOption("lr", "Adam learning rate of both networks (default 0.0002).", "RATE", "0.0002");
    const QCommandLineOption lambdaOption("lambda", "Weight of the shape and background losses (default 100).", "W", "100");
    const QCommandLineOption seedOption("seed", "Seed of weights, batches and noise (default 1).", "N", "1");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N", "0");
    const QCommandLineOption checkpointOption("checkpoint-every", "Checkpoint every N iterations (default 50).", "N", "50");
    const QCommandLineOption deviceOption("device", "cpu, cuda or auto (default cpu).", "DEVICE", "cpu");
    const QCommandLineOption sheetOption("sheet", "Rows of the contact sheet; 0 for none (default 6).", "N", "6");
    parser.addOptions({methodOption, presetOption, foldOption, miasOption, splitOption, roiOption, iterationsOption,
                       batchOption, rateOption, lambdaOption, seedOption, threadsOption, checkpointOption, deviceOption,
                       sheetOption});
    parser.addPositionalArgument("OUT_DIR", "Folder for the checkpoints, logs and the trained model.pt.");
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1) {
        printError("give one output folder.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }
    bool ok[8] = {};
    const int fold = parser.value(foldOption).toInt(&ok[0]);
    const int roiSize = parser.value(roiOption).toInt(&ok[1]);
    ai::ban::BanTrainingOptions options;
    options.method = parser.value(methodOption).toStdString();
    options.preset = parser.value(presetOption).toStdString();
    options.iterations = parser.value(iterationsOption).toInt(&ok[2]);
    options.batchSize = parser.value(batchOption).toInt(&ok[3]);
    options.learningRate = parser.value(rateOption).toDouble(&ok[4]);
    options.lambdaPrior = parser.value(lambdaOption).toDouble(&ok[5]);
    options.seed = parser.value(seedOption).toULongLong(&ok[6]);
    options.threads = parser.value(threadsOption).toInt(&ok[7]);
    options.checkpointEvery = std::max(1, parser.value(checkpointOption).toInt());
    options.device = parser.value(deviceOption).toStdString();
    options.outputDirectory = QDir(parser.positionalArguments().first()).absolutePath().toStdString();
    const int sheetRows = parser.value(sheetOption).toInt();
    if (std::find(std::begin(ok), std::end(ok), false) != std::end(ok) || fold < 0 || roiSize < 16 || roiSize % 16 != 0 ||
        options.iterations <= 0 || options.batchSize <= 0 || options.learningRate <= 0 || options.lambdaPrior < 0) {
        printError("numbers expected: fold >= 0, ROI a multiple of 16, iterations, batch and rate positive, lambda >= 0.");
        return ExitUsage;
    }
    if (!QDir().mkpath(QString::fromStdString(options.outputDirectory)))
        throw core::Error("cannot create " + options.outputDirectory);

    const QString miasDirectory = miasDirectoryOption(parser, miasOption);
    const auto catalog = core::MiasCatalog::fromDirectory(miasDirectory.toStdString());
    std::vector<std::string> trainImages;   // empty: all images
    if (fold > 0)
        trainImages = ai::readFoldSplit(parser.value(splitOption).toStdString()).trainingImages(fold);
    ai::ban::BanTrainingDataOptions dataOptions;
    dataOptions.roiSize = roiSize;
    const auto data = ai::ban::BanTrainingData::fromMias(catalog, miasDirectory.toStdString(), trainImages, dataOptions);
    printLine(QString("Training %1 (%2) on %3 normal images, %4 lesions and %5 real masses (fold %6 held out)")
                  .arg(QString::fromStdString(options.method), QString::fromStdString(options.preset))
                  .arg(data.normalCount())
                  .arg(data.lesionCount())
                  .arg(data.realCount())
                  .arg(fold));

    ai::keepFreedMemoryForReuse();
    {
        ai::ban::BanTrainer trainer(options, data);
        trainer.run([](const std::string& line) { printLine(QString::fromStdString(line)); });
    }
    const QDir out(QString::fromStdString(options.outputDirectory));
    writeManifest(out.filePath("manifest.json"), options, fold, roiSize, data, parser.value(splitOption));

    if (sheetRows > 0) {
        const ai::ban::BanBlender trained(out.filePath("model.pt").toStdString());
        const ai::synthesis::PasteBlender paste;
        const ai::synthesis::PoissonBlender poisson(ai::synthesis::GuidanceField::Mixed);
        const auto samples = data.batch(options.seed + kSheetSeedOffset, 0, sheetRows);
        const cv::Mat sheet = ai::ban::blendContactSheet(samples, {&paste, &poisson, &trained});
        const QString file = out.filePath("contact-sheet.png");
        if (!cv::imwrite(file.toStdString(), sheet))
            throw core::Error("cannot write " + file.toStdString());
        printLine("Contact sheet: " + file);
    }
    printLine("Model: " + out.filePath("model.pt"));
    return ExitSuccess;
}

} // namespace mammo::tools
