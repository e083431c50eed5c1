// synth: synthetic training cases for the detector: lesions of the training
// fold's masses, randomly resized and rotated, blended into the training
// fold's normal images. Writes a mini-MIAS-shaped folder (PNG + Info.txt) that
// `train-detector --synthetic DIR` adds to a fold's training images.
#include "CommandLine.h"
#include "Commands.h"
#include "ai/FoldSplit.h"
#include "ai/ban/BanBlender.h"
#include "ai/synthesis/BreastMask.h"
#include "ai/synthesis/LesionLibrary.h"
#include "ai/synthesis/LesionSynthesis.h"
#include "ai/synthesis/PasteBlender.h"
#include "ai/synthesis/PoissonBlender.h"
#include "ai/synthesis/RandomPlacer.h"
#include "ai/synthesis/SyntheticCaseFolder.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <QDir>

#include <opencv2/imgcodecs.hpp>

#include <memory>

namespace mammo::tools {
namespace {

bool isNetworkMethod(const QString& method)
{
    return method == "ban" || method == "no_prior" || method == "vanilla_gan";
}

// The network methods load a model made by train-blender; its method must be the one asked for,
// so a BAN file is never reported as a baseline's result (or the reverse).
std::unique_ptr<ai::synthesis::Blender> blenderNamed(const QString& method, const QString& modelPath, std::uint64_t seed)
{
    if (method == "paste")
        return std::make_unique<ai::synthesis::PasteBlender>();
    if (method == "poisson")
        return std::make_unique<ai::synthesis::PoissonBlender>();
    if (!isNetworkMethod(method))
        return nullptr;
    ai::ban::BanBlenderOptions options;
    options.noiseSeed = seed;
    auto blender = std::make_unique<ai::ban::BanBlender>(modelPath.toStdString(), options);
    if (QString::fromStdString(blender->method()) != method)
        throw core::Error("the model " + modelPath.toStdString() + " was trained as " + blender->method() + ", not " +
                          method.toStdString());
    return blender;
}

} // namespace

int runSynth(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Make SYNTHETIC training cases: masses of the training fold pasted, resized and rotated at random, into\n"
        "the training fold's normal mini-MIAS images and blended. Writes OUT_DIR/mdbNNNN.png, an Info.txt in\n"
        "mini-MIAS format (references from mdb1001 up, so they never collide with real ones) and cases.json;\n"
        "a folder that has cases already gets the new ones added.\n"
        "The images are synthetic, not patient acquisitions: use them only to train.");
    const QCommandLineOption methodOption(
        "method", "Blending: paste, poisson, ban, no_prior or vanilla_gan (default poisson).", "METHOD", "poisson");
    const QCommandLineOption modelOption("model", "Model of ban, no_prior and vanilla_gan (made by train-blender).",
                                         "FILE");
    const QCommandLineOption foldOption("fold", "Use only the training images of fold K (1-5); 0 uses all images (default 0).",
                                        "K", "0");
    const QCommandLineOption countOption("count", "Number of cases (default 100).", "N", "100");
    const QCommandLineOption seedOption("seed", "Seed of the placements and choices (default 1).", "N", "1");
    const QCommandLineOption miasOption = miasCommandOption();
    const QCommandLineOption splitOption = splitCommandOption();
    parser.addOptions({methodOption, modelOption, foldOption, countOption, seedOption, miasOption, splitOption});
    parser.addPositionalArgument("OUT_DIR", "Folder for the synthetic cases (created when missing).");
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1) {
        printError("give one output folder.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }
    const QString method = parser.value(methodOption);
    if (method != "paste" && method != "poisson" && !isNetworkMethod(method)) {
        printError("--method must be paste, poisson, ban, no_prior or vanilla_gan.");
        return ExitUsage;
    }
    if (isNetworkMethod(method) != parser.isSet(modelOption)) {
        printError("--model FILE goes with ban, no_prior and vanilla_gan, and only with them.");
        return ExitUsage;
    }
    bool countOk = false, foldOk = false;
    const int count = parser.value(countOption).toInt(&countOk);
    const int fold = parser.value(foldOption).toInt(&foldOk);
    if (!countOk || count < 1 || count > 100000 || !foldOk || fold < 0) {
        printError("--count must be 1 to 100000 and --fold 0 or a fold number.");
        return ExitUsage;
    }
    const std::uint64_t seed = parser.value(seedOption).toULongLong();
    const auto blender = blenderNamed(method, parser.value(modelOption), seed);

    const QString miasDirectory = miasDirectoryOption(parser, miasOption);
    const auto catalog = core::MiasCatalog::fromDirectory(miasDirectory.toStdString());
    std::vector<std::string> allowed;
    if (fold > 0)
        allowed = ai::readFoldSplit(parser.value(splitOption).toStdString()).trainingImages(fold);
    else
        for (const auto& image : catalog.images())
            allowed.push_back(image.reference);
    std::vector<const core::MiasImage*> normals;
    for (const std::string& reference : allowed)
        if (const core::MiasImage* image = catalog.find(reference); image && image->isNormal())
            normals.push_back(image);
    const auto library = ai::synthesis::LesionLibrary::fromMias(catalog, miasDirectory.toStdString(), allowed);
    if (normals.empty() || library.empty())
        throw core::Error("fold " + std::to_string(fold) + " has no normal images or no masses to synthesise from");

    const QDir out(parser.positionalArguments().first());
    if (!QDir().mkpath(out.path()))
        throw core::Error("cannot create " + out.path().toStdString());
    printLine(QString("Synthesising %1 case(s) by %2 from %3 masses and %4 normal images (fold %5) into %6")
                  .arg(count)
                  .arg(QString::fromStdString(blender->name()))
                  .arg(library.size())
                  .arg(normals.size())
                  .arg(fold)
                  .arg(out.path()));

    ai::synthesis::SyntheticFolderHeader header;
    header.description = "SYNTHETIC cases made by mammoscope-cli synth (" + blender->name() +
                         "), not patient images. Columns as mini-MIAS Info.txt.";
    header.method = blender->name();
    header.fold = fold;
    header.seed = std::to_string(seed);
    ai::synthesis::SyntheticCaseFolder folder(out.path().toStdString(), header);
    std::mt19937_64 choose(seed);
    int made = 0;
    for (int i = 0; made < count && i < count * 4; ++i) {
        const core::MiasImage& normal = *normals[std::size_t(i) % normals.size()];
        const cv::Mat grey = cv::imread(QDir(miasDirectory).filePath(QString::fromStdString(normal.fileName())).toStdString(),
                                        cv::IMREAD_GRAYSCALE);
        if (grey.empty())
            throw core::Error("cannot read " + normal.fileName() + " in " + miasDirectory.toStdString());
        const auto& lesion = library.at(std::size_t(choose() % library.size()));
        ai::synthesis::RandomPlacer placer(ai::synthesis::segmentBreastMask(grey), seed * 7919u + std::uint64_t(i));
        const auto placement = placer.next(lesion);
        if (!placement)
            continue;   // this lesion does not fit in this breast at the drawn scale
        const auto synthetic = ai::synthesis::synthesizeLesion(grey, lesion, *placement, *blender);
        ai::synthesis::SyntheticFolderCase syntheticCase;
        syntheticCase.image = synthetic.image;
        syntheticCase.laterality = normal.laterality;   // the folder keeps mini-MIAS's odd = right numbering
        syntheticCase.tissue = normal.tissue;
        syntheticCase.method = blender->name();
        syntheticCase.normalImage = normal.reference;
        ai::synthesis::SyntheticFolderLesion row;
        row.lesionClass = lesion.lesionClass;
        // mini-MIAS masses always carry a severity; imported ones may not: benign, as before.
        row.severity = lesion.severity == ai::synthesis::LesionSeverity::Malignant ? lesion.severity
                                                                                   : ai::synthesis::LesionSeverity::Benign;
        row.centre = synthetic.centre;
        row.radiusPx = synthetic.radiusPx;
        row.id = lesion.id;
        row.scale = placement->scale;
        row.rotationDeg = placement->rotationDeg;
        syntheticCase.lesions = {row};
        const std::string reference = folder.add(syntheticCase);
        ++made;
        if (made % 10 == 0 || made == count)
            printLine(QString("[%1/%2] %3 from %4 + %5").arg(made).arg(count).arg(QString::fromStdString(reference),
                                                                                 QString::fromStdString(normal.reference),
                                                                                 QString::fromStdString(lesion.id)));
    }
    if (made == 0)
        throw core::Error("no lesion fitted into any normal image");
    folder.commit();
    printLine(QString("Wrote %1 synthetic case(s) to %2").arg(made).arg(out.path()));
    return made == count ? ExitSuccess : ExitFailure;
}

} // namespace mammo::tools
