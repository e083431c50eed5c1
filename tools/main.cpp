// mammoscope-cli: command-line tools of Mammoscope, one subcommand per task.
#include "CommandLine.h"
#include "Commands.h"
#include "core/Error.h"

#include <QCoreApplication>

#include <opencv2/core.hpp>

#include <exception>

namespace {

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& arguments);
};

const Command kCommands[] = {
    {"import-mias", "convert mini-MIAS images to MG DICOM with their ground truth", mammo::tools::runImportMias},
    {"make-ffdm-study", "generate a synthetic FFDM-sized phantom study for tests and benchmarks",
     mammo::tools::runMakeFfdmStudy},
    {"make-split", "write the patient-level k-fold split of mini-MIAS", mammo::tools::runMakeSplit},
    {"train-detector", "train the mass detector on mini-MIAS (one fold held out, or all images)",
     mammo::tools::runTrainDetector},
    {"eval-detector", "FROC of the committed fold models on their held-out folds", mammo::tools::runEvalDetector},
    {"detect", "find masses in DICOM or PNG/PGM mammograms", mammo::tools::runDetect},
    {"classify", "P(malignant) of regions on a mammogram (COIN)", mammo::tools::runClassify},
    {"train-classifier", "train COIN's benign/malignant classifier on mini-MIAS lesion ROIs",
     mammo::tools::runTrainClassifier},
    {"eval-classifier", "accuracy and ROC AUC of COIN's 5-fold runs: results/coin.json and the ROC plot",
     mammo::tools::runEvalClassifier},
    {"synth", "make SYNTHETIC detector training cases: masses blended into normal images", mammo::tools::runSynth},
    {"train-blender", "train the blending adversarial network (or a baseline) for synth and the annotation panel",
     mammo::tools::runTrainBlender},
    {"eval-augmentation", "FROC of detectors trained with each method's synthetic cases: results/augmentation.json",
     mammo::tools::runEvalAugmentation},
    {"make-lesion-library", "cut mini-MIAS masses into the lesion library of the synthetic-case panel",
     mammo::tools::runMakeLesionLibrary},
};

void printUsage()
{
    QString text = "Usage: mammoscope-cli COMMAND [OPTIONS] [ARGUMENTS]\n\nCommands:\n";
    for (const Command& command : kCommands)
        text += QString("  %1  %2\n").arg(QString(command.name).leftJustified(16), command.summary);
    text += "\nRun mammoscope-cli COMMAND --help for the options of one command.";
    mammo::tools::printLine(text);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName("mammoscope-cli");
    QCoreApplication::setApplicationVersion(MAMMO_VERSION);

    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2 || arguments[1] == "--help" || arguments[1] == "-h" || arguments[1] == "help") {
        printUsage();
        return arguments.size() < 2 ? mammo::tools::ExitUsage : mammo::tools::ExitSuccess;
    }
    if (arguments[1] == "--version") {
        mammo::tools::printLine(QString("mammoscope-cli %1").arg(MAMMO_VERSION));
        return mammo::tools::ExitSuccess;
    }
    const QString name = arguments[1];
    for (const Command& command : kCommands) {
        if (name != command.name)
            continue;
        // The command's parser sees "mammoscope-cli import-mias ..." as its program name and arguments.
        arguments[0] = arguments[0] + " " + name;
        arguments.removeAt(1);
        try {
            return command.run(arguments);
        } catch (const mammo::core::Error& error) {
            mammo::tools::printError(QString::fromStdString(error.what()));
            return mammo::tools::ExitFailure;
        } catch (const cv::Exception& error) {
            mammo::tools::printError(QString("image processing failed: %1").arg(error.what()));
            return mammo::tools::ExitFailure;
        } catch (const std::exception& error) {
            mammo::tools::printError(QString("unexpected failure: %1").arg(error.what()));
            return mammo::tools::ExitFailure;
        }
    }
    mammo::tools::printError(QString("unknown command \"%1\".").arg(name));
    printUsage();
    return mammo::tools::ExitUsage;
}
