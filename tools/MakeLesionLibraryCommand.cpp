// make-lesion-library: the lesion patches (grey + mask + labels) that the
// annotation panel offers, cut from mini-MIAS masses, as a library folder.
#include "CommandLine.h"
#include "Commands.h"
#include "ai/FoldSplit.h"
#include "ai/synthesis/LesionLibrary.h"
#include "core/MiasCatalog.h"

#include <QCommandLineParser>

namespace mammo::tools {

int runMakeLesionLibrary(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Cut the mini-MIAS masses (CIRC, SPIC, MISC with coordinates) into a lesion library folder: PATCH.png\n"
        "(16-bit grey), PATCH-mask.png (thresholded inside the annotated circle) and library.json.");
    const QCommandLineOption foldOption("fold", "Only the training images of fold K (1-5); 0: all images (default 0).",
                                        "K", "0");
    const QCommandLineOption miasOption = miasCommandOption();
    const QCommandLineOption splitOption = splitCommandOption();
    parser.addOptions({foldOption, miasOption, splitOption});
    parser.addPositionalArgument("OUT_DIR", "Library folder (created when missing).");
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;
    if (parser.positionalArguments().size() != 1) {
        printError("give one output folder.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }
    const int fold = parser.value(foldOption).toInt();
    const QString miasDirectory = miasDirectoryOption(parser, miasOption);
    const auto catalog = core::MiasCatalog::fromDirectory(miasDirectory.toStdString());
    std::vector<std::string> images;
    if (fold > 0)
        images = ai::readFoldSplit(parser.value(splitOption).toStdString()).trainingImages(fold);
    const auto library = ai::synthesis::LesionLibrary::fromMias(catalog, miasDirectory.toStdString(), images);
    library.save(parser.positionalArguments().first().toStdString());
    printLine(QString("Wrote %1 lesions to %2").arg(library.size()).arg(parser.positionalArguments().first()));
    return ExitSuccess;
}

} // namespace mammo::tools
