// import-mias: mini-MIAS PNG + Info.txt -> MG DICOM files, ground-truth.json and the licence.
#include "CommandLine.h"
#include "Commands.h"
#include "DeterministicUid.h"
#include "core/DicomImageWriter.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"
#include "core/ViewCodes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <set>

namespace mammo::tools {
namespace {

const char* const kCitation =
    "J Suckling et al (1994) \"The Mammographic Image Analysis Society Digital Mammogram Database\" "
    "Exerpta Medica. International Congress Series 1069 pp375-378.";

// Grey values of mini-MIAS: film background stays at or below the first, tissue
// lies between the two, unexposed film borders and lead markers reach the second.
constexpr int kTissueThreshold = 40;
constexpr int kUnexposedFilmThreshold = 235;

enum class ImageSide { Left, Right };

struct ChestWallEstimate {
    ImageSide side = ImageSide::Left;
    double tissueShare = 0.5;   // part of the counted tissue on that side, 0.5 .. 1
};

// On an MLO view the pectoral muscle and the axillary tissue fill the upper
// corner on the chest-wall side while the upper corner on the nipple side is air.
// Counting tissue pixels in the upper part of each half tells them apart on all
// 322 mini-MIAS images; whole-image sums do not (large breasts fill both halves,
// bright film borders weigh on one).
ChestWallEstimate estimateChestWall(const std::vector<std::uint16_t>& pixels, int rows, int columns)
{
    const int upperRows = rows * 45 / 100;
    std::size_t left = 0;
    std::size_t right = 0;
    for (int y = 0; y < upperRows; ++y)
        for (int x = 0; x < columns; ++x) {
            const int value = pixels[std::size_t(y) * std::size_t(columns) + std::size_t(x)];
            if (value > kTissueThreshold && value < kUnexposedFilmThreshold)
                ++(x < columns / 2 ? left : right);
        }
    const double total = std::max<double>(1.0, double(left + right));
    return left >= right ? ChestWallEstimate{ImageSide::Left, double(left) / total}
                         : ChestWallEstimate{ImageSide::Right, double(right) / total};
}

// A window over the tissue (background excluded), from the 1st to the 99.5th percentile.
core::VoiWindow tissueWindow(const std::vector<std::uint16_t>& pixels)
{
    std::vector<std::size_t> histogram(256, 0);
    std::size_t count = 0;
    for (const std::uint16_t value : pixels)
        if (value > kTissueThreshold && value < kUnexposedFilmThreshold) {
            ++histogram[std::min<std::size_t>(value, 255)];
            ++count;
        }
    auto percentile = [&](double fraction) {
        std::size_t seen = 0;
        for (int value = 0; value < 256; ++value) {
            seen += histogram[std::size_t(value)];
            if (double(seen) >= fraction * double(count))
                return value;
        }
        return 255;
    };
    const int low = count ? percentile(0.01) : 0;
    const int high = count ? percentile(0.995) : 255;
    core::VoiWindow window;
    window.center = (low + high + 1) / 2.0;
    window.width = std::max(2, high - low + 1);
    window.explanation = "TISSUE";
    return window;
}

std::vector<std::uint16_t> readGreyPixels(const QString& path, int& rows, int& columns)
{
    QImage image(path);
    if (image.isNull())
        throw core::Error("Cannot read the mini-MIAS image \"" + path.toStdString() + "\" (missing or not a PNG/PGM).");
    if (!image.isGrayscale())
        throw core::Error("\"" + path.toStdString() + "\" is not a grey-scale image.");
    image = image.convertToFormat(QImage::Format_Grayscale8);
    rows = image.height();
    columns = image.width();
    std::vector<std::uint16_t> pixels(std::size_t(rows) * std::size_t(columns));
    for (int y = 0; y < rows; ++y) {
        const uchar* line = image.constScanLine(y);   // lines may be padded: copy row by row
        std::copy(line, line + columns, pixels.begin() + std::ptrdiff_t(y) * columns);
    }
    return pixels;
}

QString patientCode(int patientNumber)
{
    return QString("P%1").arg(patientNumber, 3, 10, QChar('0'));
}

// Study, series and instance UIDs that do not change from one run to the next.
class UidScheme {
public:
    explicit UidScheme(QString root) : m_root(std::move(root)) {}

    std::string study(int patient) const
    {
        return m_root.isEmpty() ? deterministicUid("mini-MIAS/study/" + patientCode(patient))
                                : uidUnderRoot(m_root, {1, patient});
    }
    std::string series(int patient, core::Laterality laterality) const
    {
        const QString side = QString::fromStdString(core::lateralityLetter(laterality));
        return m_root.isEmpty() ? deterministicUid("mini-MIAS/series/" + patientCode(patient) + "/" + side)
                                : uidUnderRoot(m_root, {2, patient, laterality == core::Laterality::Right ? 1 : 2});
    }
    // A lossy copy is a new instance; lossless encodings keep the instance's UID.
    std::string instance(const core::MiasImage& image, core::DicomOutputSyntax syntax) const
    {
        const bool lossless = core::isLossless(syntax);
        return m_root.isEmpty()
                   ? deterministicUid("mini-MIAS/image/" + QString::fromStdString(image.reference) + (lossless ? "" : "/lossy"))
                   : uidUnderRoot(m_root, {lossless ? 3 : 4, image.number});
    }

private:
    QString m_root;
};

QJsonObject groundTruthEntry(const core::MiasImage& image, const core::ImageAttributes& written, const QString& fileName)
{
    QJsonArray abnormalities;
    for (const core::MiasAbnormality& abnormality : image.abnormalities) {
        QJsonObject entry{{"class", QString::fromStdString(core::miasClassCode(abnormality.abnormalityClass))},
                          {"severity", QString::fromStdString(core::miasSeverityCode(abnormality.severity))},
                          {"isMass", core::isMiasMassClass(abnormality.abnormalityClass)}};
        if (abnormality.circle)
            entry["circle"] = QJsonObject{{"x", abnormality.circle->x},
                                          {"y", abnormality.circle->y},
                                          {"radius", abnormality.circle->radius}};
        else
            entry["circle"] = QJsonValue::Null;
        abnormalities.append(entry);
    }
    QJsonArray orientation;
    for (const std::string& value : written.patientOrientation)
        orientation.append(QString::fromStdString(value));
    return QJsonObject{
        {"reference", QString::fromStdString(image.reference)},
        {"file", fileName},
        {"sopInstanceUid", QString::fromStdString(written.sopInstanceUid)},
        {"seriesInstanceUid", QString::fromStdString(written.seriesInstanceUid)},
        {"studyInstanceUid", QString::fromStdString(written.studyInstanceUid)},
        {"patientId", QString::fromStdString(written.patientId)},
        {"laterality", QString::fromStdString(core::lateralityLetter(written.laterality))},
        {"view", QString::fromStdString(core::viewPositionName(written.view))},
        {"patientOrientation", orientation},
        {"rows", written.rows},
        {"columns", written.columns},
        {"tissue", QString::fromStdString(core::miasTissueCode(image.tissue))},
        {"class", QString::fromStdString(core::miasClassCode(image.imageClass))},
        {"severity", QString::fromStdString(core::miasSeverityCode(image.severity))},
        {"abnormalities", abnormalities},
    };
}

// Entries of an earlier run into the same folder survive when their file is still there.
QJsonObject previousEntries(const QDir& outputDirectory)
{
    QFile file(outputDirectory.filePath("ground-truth.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject byReference = QJsonDocument::fromJson(file.readAll()).object().value("byReference").toObject();
    QJsonObject kept;
    for (auto it = byReference.begin(); it != byReference.end(); ++it)
        if (QFileInfo::exists(outputDirectory.filePath(it.value().toObject().value("file").toString())))
            kept.insert(it.key(), it.value());
    return kept;
}

void writeFileAtomically(const QString& path, const QByteArray& content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        throw core::Error("Cannot write \"" + path.toStdString() + "\": " + file.errorString().toStdString());
}

void writeGroundTruth(const QDir& outputDirectory, const QJsonObject& byReference)
{
    QJsonObject bySopInstanceUid;
    for (auto it = byReference.begin(); it != byReference.end(); ++it)
        bySopInstanceUid.insert(it.value().toObject().value("sopInstanceUid").toString(), it.value());
    const QJsonObject root{
        {"dataset", "mini-MIAS (Mammographic Image Analysis Society MiniMammographic Database)"},
        {"citation", kCitation},
        {"licence", "Licence.txt (research use only; may be modified; may not be rented, leased or sold)"},
        {"coordinates", "image pixels, origin at the top-left corner, x to the right, y down; "
                        "Info.txt counts y from the bottom, so y here = 1023 - y in Info.txt"},
        {"pixelSpacingMm", core::kMiasPixelSpacingMm},
        {"byReference", byReference},
        {"bySopInstanceUid", bySopInstanceUid},
    };
    writeFileAtomically(outputDirectory.filePath("ground-truth.json"), QJsonDocument(root).toJson(QJsonDocument::Indented));
}

void writeLicenceFiles(const QDir& miasDirectory, const QDir& outputDirectory, core::DicomOutputSyntax syntax)
{
    const QString source = miasDirectory.filePath("Licence.txt");
    QFile licence(source);
    if (!licence.open(QIODevice::ReadOnly))
        throw core::Error("Cannot read \"" + source.toStdString()
                          + "\": the mini-MIAS licence must travel with images converted from it.");
    writeFileAtomically(outputDirectory.filePath("Licence.txt"), licence.readAll());

    const QString readme = QString(
        "# Licence of these images\n\n"
        "The DICOM files in this folder were converted by `mammoscope-cli import-mias` from the\n"
        "**mini-MIAS** database of the Mammographic Image Analysis Society (MIAS). They remain\n"
        "subject to the MIAS licence agreement in `Licence.txt` (copied unchanged): use for\n"
        "research purposes only; the database may be modified but not rented, leased or sold;\n"
        "publications that use it must cite it:\n\n"
        "> %1\n\n"
        "Changes made by the conversion: the 8-bit pixel values are %2; DICOM attributes\n"
        "were added (laterality from the file number, even = left and odd = right as in note 1\n"
        "of Info.txt; MLO view; 0.2 mm pixels; one patient per pair of files); the ground truth\n"
        "of Info.txt is in `ground-truth.json` with y measured from the top of the image.\n")
                               .arg(kCitation, core::isLossless(syntax) ? "unchanged (lossless encoding)"
                                                                        : "JPEG-compressed with loss");
    writeFileAtomically(outputDirectory.filePath("README-LICENCE.md"), readme.toUtf8());
}

std::vector<const core::MiasImage*> selectImages(const core::MiasCatalog& catalog, const QStringList& requested, bool all)
{
    std::vector<const core::MiasImage*> selected;
    if (all) {
        for (const core::MiasImage& image : catalog.images())
            selected.push_back(&image);
        return selected;
    }
    std::set<int> numbers;
    for (QString reference : requested) {
        reference = reference.trimmed();
        bool isNumber = false;
        const int number = reference.toInt(&isNumber);
        const std::string name = isNumber ? core::miasReference(number) : reference.toStdString();
        numbers.insert(catalog.at(name).number);
    }
    for (const int number : numbers)
        selected.push_back(&catalog.at(core::miasReference(number)));
    return selected;
}

} // namespace

int runImportMias(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Converts mini-MIAS images to Digital Mammography X-Ray (MG) DICOM files, For Presentation,\n"
        "with ground-truth.json (circles in image pixels, top-left origin) and the MIAS licence.\n"
        "UIDs are derived from the image names, so a re-run gives the same UIDs.");
    const QCommandLineOption miasOption = miasCommandOption();
    const QCommandLineOption syntaxOptionSpec("syntax", "Transfer syntax: " + syntaxChoices() + " (default: explicit).",
                                              "SYNTAX", "explicit");
    const QCommandLineOption imagesOption("images", "Comma-separated references, e.g. mdb001,mdb002 (or 1,2).", "LIST");
    const QCommandLineOption allOption("all", "Import all 322 images.");
    const QCommandLineOption uidRootOption(
        "uid-root", "Make UIDs ROOT.1.patient, ROOT.2.patient.side, ROOT.3.image under a root you own "
                    "(default: 2.25. + name-based UUID).",
        "ROOT");
    parser.addOptions({miasOption, syntaxOptionSpec, imagesOption, allOption, uidRootOption});
    parser.addPositionalArgument("OUT_DIR", "Folder for the DICOM files (created when missing).");
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;

    if (parser.positionalArguments().size() != 1) {
        printError("import-mias needs exactly one output folder.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }
    if (parser.isSet(allOption) == parser.isSet(imagesOption)) {
        printError("import-mias needs either --images LIST or --all.");
        return ExitUsage;
    }
    const auto syntax = syntaxOption(parser.value(syntaxOptionSpec));
    if (!syntax)
        return ExitUsage;

    const QDir miasDirectory(parser.isSet(miasOption) ? parser.value(miasOption)
                                                      : QString::fromStdString(core::miasDatasetDirectory(MAMMO_DEFAULT_MIAS_DIR)));
    if (!miasDirectory.exists())
        throw core::Error("The mini-MIAS directory \"" + miasDirectory.path().toStdString()
                          + "\" does not exist (use --mias DIR or set MAMMO_MIAS_DIR).");
    const core::MiasCatalog catalog = core::MiasCatalog::fromDirectory(miasDirectory.path().toStdString());
    const auto selected = selectImages(catalog, parser.value(imagesOption).split(',', Qt::SkipEmptyParts),
                                       parser.isSet(allOption));
    if (selected.empty()) {
        printError("no images selected.");
        return ExitUsage;
    }

    const QDir outputDirectory(parser.positionalArguments().first());
    if (!QDir().mkpath(outputDirectory.path()))
        throw core::Error("Cannot create the output folder \"" + outputDirectory.path().toStdString() + "\".");

    core::MammographyWriteOptions options;
    options.syntax = *syntax;
    options.manufacturer = "Mammoscope (converted from mini-MIAS)";
    options.manufacturerModelName = "mammoscope-cli import-mias";
    options.institutionName = "mini-MIAS database (MIAS), converted by Mammoscope";
    options.softwareVersions = MAMMO_VERSION;
    options.derivationDescription = "Digitised film (MIAS, 50 um) reduced to 200 um and padded to 1024 x 1024 "
                                    "(mini-MIAS); PNG converted to DICOM by Mammoscope";
    options.detectorType = "FILM";
    options.pixelIntensityRelationship = "LOG";   // a film digitiser measures optical density
    const UidScheme uids(parser.value(uidRootOption));

    printLine(QString("Importing %1 mini-MIAS image(s) from %2 as %3 into %4")
                  .arg(selected.size())
                  .arg(miasDirectory.path(), QString::fromStdString(core::outputSyntaxName(*syntax)), outputDirectory.path()));
    QJsonObject byReference = previousEntries(outputDirectory);
    std::set<int> patients;
    int abnormalImages = 0, circles = 0, unusualChestWalls = 0;
    qint64 totalBytes = 0;
    for (std::size_t index = 0; index < selected.size(); ++index) {
        const core::MiasImage& image = *selected[index];
        const QString pngPath = miasDirectory.filePath(QString::fromStdString(image.fileName()));
        int rows = 0, columns = 0;
        const std::vector<std::uint16_t> pixels = readGreyPixels(pngPath, rows, columns);
        if (rows != core::kMiasImageSize || columns != core::kMiasImageSize)
            throw core::Error("\"" + pngPath.toStdString() + "\" is " + std::to_string(columns) + " x " + std::to_string(rows)
                              + " pixels; mini-MIAS images are 1024 x 1024.");

        // Patient Orientation follows where the chest wall really is, not only the laterality.
        const ChestWallEstimate chestWall = estimateChestWall(pixels, rows, columns);
        const std::string rowDirection = chestWall.side == ImageSide::Left ? "A" : "P";
        const bool usualSide = core::standardMammographyOrientation(image.laterality, core::ViewPosition::MLO).front() == rowDirection;
        unusualChestWalls += usualSide ? 0 : 1;

        const QString pair = QString::fromStdString(core::miasReference(image.patientNumber * 2 - 1) + "/"
                                                    + core::miasReference(image.patientNumber * 2));
        const QString code = patientCode(image.patientNumber);
        const std::string side = core::lateralityLetter(image.laterality);
        core::ImageAttributes attributes;
        attributes.patientName = ("MIAS^" + code).toStdString();
        attributes.patientId = ("MIAS-" + code).toStdString();
        attributes.patientSex = "F";
        attributes.studyInstanceUid = uids.study(image.patientNumber);
        attributes.studyDescription = ("mini-MIAS " + pair + " (converted)").toStdString();
        attributes.seriesInstanceUid = uids.series(image.patientNumber, image.laterality);
        attributes.seriesNumber = image.laterality == core::Laterality::Right ? 1 : 2;
        attributes.seriesDescription = side + " MLO (mini-MIAS " + image.reference + ")";
        attributes.sopInstanceUid = uids.instance(image, *syntax);
        attributes.instanceNumber = 1;
        attributes.imageType = {"DERIVED", "PRIMARY"};
        attributes.burnedInAnnotation = false;
        attributes.rows = rows;
        attributes.columns = columns;
        attributes.pixelFormat = {8, 8, 7, false};
        attributes.photometric = core::Photometric::Monochrome2;
        attributes.laterality = image.laterality;
        attributes.view = core::ViewPosition::MLO;
        attributes.patientOrientation = {rowDirection, "F"};
        attributes.intent = core::PresentationIntent::ForPresentation;
        attributes.pixelSpacing = core::Spacing{core::kMiasPixelSpacingMm, core::kMiasPixelSpacingMm};
        attributes.imagerPixelSpacing = attributes.pixelSpacing;
        attributes.magnificationFactor = 1.0;
        attributes.windows = {{127.5, 256.0, core::VoiFunction::Linear, "FULL RANGE"}, tissueWindow(pixels)};

        const QString fileName = QString::fromStdString(image.reference) + ".dcm";
        options.studyId = code.toStdString();
        const core::ImageAttributes written = core::DicomImageWriter(options).write(attributes, pixels, outputDirectory.filePath(fileName).toStdString());
        const qint64 bytes = QFileInfo(outputDirectory.filePath(fileName)).size();
        totalBytes += bytes;
        byReference.insert(QString::fromStdString(image.reference), groundTruthEntry(image, written, fileName));

        patients.insert(image.patientNumber);
        abnormalImages += image.isNormal() ? 0 : 1;
        const int imageCircles = int(std::count_if(image.abnormalities.begin(), image.abnormalities.end(),
                                                   [](const core::MiasAbnormality& a) { return a.circle.has_value(); }));
        circles += imageCircles;
        const QString finding = image.isNormal()
                                    ? QString("NORM")
                                    : QString("%1 %2, %3 circle(s)")
                                          .arg(QString::fromStdString(core::miasClassCode(image.imageClass)),
                                               QString::fromStdString(core::miasSeverityCode(image.severity)))
                                          .arg(imageCircles);
        printLine(QString("[%1/%2] %3 -> %4  %5 MLO, chest wall %6 (%7% of upper tissue), orientation %8\\F, %9, %10")
                      .arg(index + 1)
                      .arg(selected.size())
                      .arg(QString::fromStdString(image.reference), fileName, QString::fromStdString(side),
                           chestWall.side == ImageSide::Left ? "left" : "right")
                      .arg(qRound(chestWall.tissueShare * 100))
                      .arg(QString::fromStdString(rowDirection), finding, megabytes(bytes)));
        if (!usualSide)
            printLine(QString("    note: %1 is a %2 breast with its chest wall on the %3; the orientation follows the image.")
                          .arg(QString::fromStdString(image.reference),
                               image.laterality == core::Laterality::Right ? "right" : "left",
                               chestWall.side == ImageSide::Left ? "left" : "right"));
    }
    writeGroundTruth(outputDirectory, byReference);
    writeLicenceFiles(miasDirectory, outputDirectory, *syntax);

    printLine(QString("Imported %1 image(s) of %2 patient(s) (%3 abnormal, %4 circle(s), %5 with the chest wall on the "
                      "unusual side) as %6: %7 of DICOM in %8")
                  .arg(selected.size())
                  .arg(patients.size())
                  .arg(abnormalImages)
                  .arg(circles)
                  .arg(unusualChestWalls)
                  .arg(QString::fromStdString(core::outputSyntaxName(*syntax)), megabytes(totalBytes), outputDirectory.path()));
    return ExitSuccess;
}

} // namespace mammo::tools
