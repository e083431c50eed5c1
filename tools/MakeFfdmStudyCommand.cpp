// make-ffdm-study: a synthetic, FFDM-sized four-view phantom study for tests and benchmarks.
#include "CommandLine.h"
#include "Commands.h"
#include "DeterministicUid.h"
#include "core/DicomImageWriter.h"
#include "core/Error.h"
#include "core/ViewCodes.h"

#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <random>

namespace mammo::tools {
namespace {

struct ViewSlot {
    core::Laterality laterality;
    core::ViewPosition view;
};

// The usual screening order: R CC, L CC, R MLO, L MLO.
const ViewSlot kViews[] = {
    {core::Laterality::Right, core::ViewPosition::CC},
    {core::Laterality::Left, core::ViewPosition::CC},
    {core::Laterality::Right, core::ViewPosition::MLO},
    {core::Laterality::Left, core::ViewPosition::MLO},
};

// Smooth random texture: random values on a coarse grid, interpolated with smoothstep.
class ValueNoise {
public:
    ValueNoise(int rows, int columns, double cellRows, double cellColumns, std::mt19937& random)
        : m_cellRows(cellRows), m_cellColumns(cellColumns),
          m_gridRows(int(rows / cellRows) + 2), m_gridColumns(int(columns / cellColumns) + 2),
          m_values(std::size_t(m_gridRows) * std::size_t(m_gridColumns))
    {
        std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
        for (float& value : m_values)
            value = uniform(random);
    }

    float at(double y, double x) const
    {
        const double gy = y / m_cellRows;
        const double gx = x / m_cellColumns;
        const int iy = std::clamp(int(gy), 0, m_gridRows - 2);
        const int ix = std::clamp(int(gx), 0, m_gridColumns - 2);
        const float ty = smooth(float(gy - iy));
        const float tx = smooth(float(gx - ix));
        const float* row0 = &m_values[std::size_t(iy) * std::size_t(m_gridColumns) + std::size_t(ix)];
        const float* row1 = row0 + m_gridColumns;
        const float top = row0[0] + (row0[1] - row0[0]) * tx;
        const float bottom = row1[0] + (row1[1] - row1[0]) * tx;
        return top + (bottom - top) * ty;
    }

private:
    static float smooth(float t) { return t * t * (3.0f - 2.0f * t); }

    double m_cellRows;
    double m_cellColumns;
    int m_gridRows;
    int m_gridColumns;
    std::vector<float> m_values;
};

double smoothstep(double edge0, double edge1, double x)
{
    const double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

// A compressed breast seen from the detector: a half ellipse on the chest wall,
// thinner towards the skin, with glandular tissue in elongated lobes pointing at
// the nipple, a skin line, the pectoral muscle on MLO views and quantum noise.
std::vector<std::uint16_t> phantomPixels(int rows, int columns, int bitsStored, const ViewSlot& slot, std::mt19937& random)
{
    const bool chestWallOnRight = slot.laterality == core::Laterality::Right;   // P\.. orientation
    const bool oblique = slot.view == core::ViewPosition::MLO;
    const double depth = (oblique ? 0.70 : 0.74) * columns;      // chest wall to nipple
    const double centreRow = (oblique ? 0.58 : 0.50) * rows;
    const double halfHeight = (oblique ? 0.44 : 0.40) * rows;
    const double scale = rows / 4096.0;

    // Lobes are stretched along the chest-wall-to-nipple direction.
    std::vector<ValueNoise> glandular;
    const double cells[] = {480, 240, 120, 60, 30, 15};
    for (const double cell : cells)
        glandular.emplace_back(rows, columns, cell * scale, cell * scale * 2.5, random);
    const float weights[] = {1.0f, 0.55f, 0.3f, 0.18f, 0.12f, 0.08f};
    const ValueNoise fine(rows, columns, 12 * scale + 1, 12 * scale + 1, random);
    std::normal_distribution<float> quantum(0.0f, 0.006f);

    const double maximum = double((1 << bitsStored) - 1);
    std::vector<std::uint16_t> pixels(std::size_t(rows) * std::size_t(columns));
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < columns; ++x) {
            const double fromChestWall = chestWallOnRight ? double(columns - 1 - x) : double(x);
            const double u = fromChestWall / depth;
            const double v = (y - centreRow) / halfHeight;
            const double radius = std::sqrt(u * u + v * v);
            double value = 0.035;   // direct exposure outside the breast
            if (radius < 1.0) {
                const double thickness = smoothstep(0.0, 0.22, 1.0 - radius);
                float texture = 0.0f;
                for (std::size_t octave = 0; octave < glandular.size(); ++octave)
                    texture += weights[octave] * glandular[octave].at(y, fromChestWall);
                const double envelope = std::exp(-std::pow((u - 0.38) / 0.32, 2.0)) * std::exp(-std::pow(v / 0.65, 2.0));
                const double density = std::clamp(0.45 + 0.6 * double(texture), 0.0, 1.0) * envelope;
                const double skin = 0.06 * smoothstep(0.965, 0.99, radius) * (1.0 - smoothstep(0.99, 1.0, radius));
                value = 0.16 + 0.30 * thickness + 0.36 * density * thickness + skin + 0.025 * fine.at(y, x);
            }
            if (oblique) {
                // Pectoral muscle: a triangle from the top of the chest wall.
                const double muscleDepth = 0.36 * columns * (1.0 - double(y) / (0.52 * rows));
                const double muscle = 1.0 - smoothstep(muscleDepth - 120 * scale, muscleDepth, fromChestWall);
                if (muscle > 0.0)
                    value = std::max(value, (0.66 + 0.03 * double(fine.at(y, x))) * muscle + value * (1.0 - muscle));
            }
            value += quantum(random);
            pixels[std::size_t(y) * std::size_t(columns) + std::size_t(x)] =
                std::uint16_t(std::lround(std::clamp(value, 0.0, 1.0) * maximum));
        }
    }
    return pixels;
}

QString slotName(const ViewSlot& slot)
{
    return QString::fromStdString(core::lateralityLetter(slot.laterality) + core::viewPositionName(slot.view));
}

} // namespace

int runMakeFfdmStudy(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Generates a synthetic full-field digital mammography study: a breast-shaped PHANTOM, not patient\n"
        "data, 16 bits allocated, MONOCHROME2, views R/L x CC/MLO, for benchmarks and tests.");
    const QCommandLineOption countOption("count", "Number of images, views cycling R CC, L CC, R MLO, L MLO (default 4).",
                                         "N", "4");
    const QCommandLineOption rowsOption("rows", "Rows (default 4096).", "ROWS", "4096");
    const QCommandLineOption columnsOption("cols", "Columns (default 3328).", "COLS", "3328");
    const QCommandLineOption bitsOption("bits-stored", "Bits stored, 10 to 16 (default 12; 14 is also common).", "BITS", "12");
    const QCommandLineOption syntaxOptionSpec("syntax", "Transfer syntax: " + syntaxChoices() + " (default: jpeg-lossless).",
                                              "SYNTAX", "jpeg-lossless");
    const QCommandLineOption seedOption("seed", "Seed of the texture and noise; the same seed gives the same files and UIDs.",
                                        "SEED", "1");
    const QCommandLineOption dateOption("study-date",
                                        "Study Date YYYYMMDD (default: none). The same seed with another date makes a\n"
                                        "prior or follow-up study of the same phantom patient.",
                                        "DATE");
    parser.addOptions({countOption, rowsOption, columnsOption, bitsOption, syntaxOptionSpec, seedOption, dateOption});
    parser.addPositionalArgument("OUT_DIR", "Folder for the DICOM files (created when missing).");
    if (const auto stop = parseCommandLine(parser, arguments))
        return *stop;

    if (parser.positionalArguments().size() != 1) {
        printError("make-ffdm-study needs exactly one output folder.\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }
    bool countOk = false, rowsOk = false, columnsOk = false, bitsOk = false, seedOk = false;
    const int count = parser.value(countOption).toInt(&countOk);
    const int rows = parser.value(rowsOption).toInt(&rowsOk);
    const int columns = parser.value(columnsOption).toInt(&columnsOk);
    const int bitsStored = parser.value(bitsOption).toInt(&bitsOk);
    const uint seed = parser.value(seedOption).toUInt(&seedOk);
    if (!countOk || count < 1 || count > 64) {
        printError("--count must be a number from 1 to 64.");
        return ExitUsage;
    }
    if (!rowsOk || !columnsOk || rows < 64 || columns < 64 || rows > 16384 || columns > 16384) {
        printError("--rows and --cols must be numbers from 64 to 16384.");
        return ExitUsage;
    }
    if (!bitsOk || bitsStored < 10 || bitsStored > 16) {
        printError("--bits-stored must be a number from 10 to 16.");
        return ExitUsage;
    }
    if (!seedOk) {
        printError("--seed must be a non-negative number.");
        return ExitUsage;
    }
    const QString studyDate = parser.value(dateOption);
    if (!studyDate.isEmpty() && (studyDate.size() != 8 || !QDate::fromString(studyDate, "yyyyMMdd").isValid())) {
        printError("--study-date must be a date YYYYMMDD.");
        return ExitUsage;
    }
    const auto syntax = syntaxOption(parser.value(syntaxOptionSpec));
    if (!syntax)
        return ExitUsage;

    const QDir outputDirectory(parser.positionalArguments().first());
    if (!QDir().mkpath(outputDirectory.path()))
        throw core::Error("Cannot create the output folder \"" + outputDirectory.path().toStdString() + "\".");

    core::MammographyWriteOptions options;
    options.syntax = *syntax;
    options.manufacturer = "Mammoscope (synthetic phantom)";
    options.manufacturerModelName = "mammoscope-cli make-ffdm-study";
    options.institutionName = "Synthetic phantom, not patient data";
    options.softwareVersions = MAMMO_VERSION;
    options.derivationDescription = "Synthetic breast phantom generated by mammoscope-cli make-ffdm-study";
    options.imageComments = "SYNTHETIC PHANTOM - not a patient image";
    options.detectorType = "DIRECT";
    options.studyId = "PHANTOM";
    const core::DicomImageWriter writer(options);

    // Everything that changes the pixels goes into the names the UIDs are made from.
    QString studyName = QString("ffdm-phantom/seed-%1/%2x%3/%4-bit").arg(seed).arg(rows).arg(columns).arg(bitsStored);
    if (!studyDate.isEmpty())
        studyName += "/date-" + studyDate;
    const double maximum = double((1 << bitsStored) - 1);
    printLine(QString("Generating %1 synthetic phantom image(s), %2 x %3, %4 bits stored, as %5 into %6")
                  .arg(count)
                  .arg(rows)
                  .arg(columns)
                  .arg(bitsStored)
                  .arg(QString::fromStdString(core::outputSyntaxName(*syntax)), outputDirectory.path()));
    QElapsedTimer total;
    total.start();
    qint64 totalBytes = 0;
    QStringList views;
    for (int index = 0; index < count; ++index) {
        QElapsedTimer timer;
        timer.start();
        const ViewSlot& slot = kViews[index % 4];
        // Another date of the same phantom: the same breast, other noise.
        std::mt19937 random(seed * 1000u + uint(index) + (studyDate.isEmpty() ? 0u : studyDate.toUInt() * 7919u));
        const std::vector<std::uint16_t> pixels = phantomPixels(rows, columns, bitsStored, slot, random);

        core::ImageAttributes attributes;
        attributes.patientName = "PHANTOM^SYNTHETIC";
        attributes.patientId = QString("PHANTOM-%1").arg(seed).toStdString();
        attributes.studyInstanceUid = deterministicUid(studyName);
        attributes.studyDescription = "Synthetic FFDM phantom (not patient data)";
        attributes.studyDate = studyDate.toStdString();
        attributes.seriesInstanceUid = deterministicUid(studyName + "/series/" + slotName(slot));
        attributes.seriesNumber = index % 4 + 1;
        attributes.seriesDescription = "Synthetic phantom";
        attributes.sopInstanceUid = deterministicUid(studyName + "/image/" + QString::number(index));
        attributes.instanceNumber = index / 4 + 1;
        attributes.imageType = {"DERIVED", "SECONDARY", "", "SYNTHETIC"};
        attributes.rows = rows;
        attributes.columns = columns;
        attributes.pixelFormat = {16, bitsStored, bitsStored - 1, false};
        attributes.photometric = core::Photometric::Monochrome2;
        attributes.laterality = slot.laterality;
        attributes.view = slot.view;
        attributes.intent = core::PresentationIntent::ForPresentation;
        // As a typical FFDM detector: 70 um at the detector, 8 % geometric magnification.
        attributes.imagerPixelSpacing = core::Spacing{0.07, 0.07};
        attributes.magnificationFactor = 1.08;
        attributes.pixelSpacing = core::Spacing{0.07 / 1.08, 0.07 / 1.08};
        // One image carries a SIGMOID VOI LUT Function so that the display chain meets one.
        const core::VoiFunction function = index == 1 ? core::VoiFunction::Sigmoid : core::VoiFunction::Linear;
        attributes.windows = {{0.52 * maximum, 0.56 * maximum, function, "NORMAL"},
                              {0.50 * maximum, 0.90 * maximum, function, "WIDE"}};

        const QString fileName = QString("phantom-%1-%2.dcm").arg(index + 1, 2, 10, QChar('0')).arg(slotName(slot));
        writer.write(attributes, pixels, outputDirectory.filePath(fileName).toStdString());
        const qint64 bytes = QFileInfo(outputDirectory.filePath(fileName)).size();
        totalBytes += bytes;
        views << QString::fromStdString(core::lateralityLetter(slot.laterality) + " " + core::viewPositionName(slot.view));
        printLine(QString("[%1/%2] %3 -> %4  %5%6, %7 s")
                      .arg(index + 1)
                      .arg(count)
                      .arg(views.last(), fileName, megabytes(bytes), function == core::VoiFunction::Sigmoid ? ", SIGMOID VOI" : "")
                      .arg(timer.elapsed() / 1000.0, 0, 'f', 1));
    }
    printLine(QString("Wrote %1 synthetic phantom image(s) (%2) to %3: %4 in %5 s")
                  .arg(count)
                  .arg(views.join(", "), outputDirectory.path(), megabytes(totalBytes))
                  .arg(total.elapsed() / 1000.0, 0, 'f', 1));
    return ExitSuccess;
}

} // namespace mammo::tools
