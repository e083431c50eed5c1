#include "SyntheticImageWriter.h"

#include "DicomImageWriter.h"
#include "Error.h"
#include "TransferSyntax.h"
#include "ViewCodes.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>

namespace mammo::core {
namespace {

// CID 7202 Source Image Purposes of Reference.
const CodedConcept kSourceForProcessing{"121322", "DCM", "Source image for image processing operation"};
// CID 7203 Image Derivation: the lesion replaces or reshapes the source only inside its mask.
const CodedConcept kPixelByPixelMask{"113047", "DCM", "Pixel by pixel mask"};

std::string newUid(const std::string& root, const char* defaultRoot)
{
    char buffer[100];
    dcmGenerateUniqueIdentifier(buffer, root.empty() ? defaultRoot : root.c_str());
    return buffer;
}

bool isMethodName(const std::string& method)
{
    return !method.empty() && method.size() <= 16 && std::all_of(method.begin(), method.end(), [](unsigned char c) {
        return std::islower(c) || std::isdigit(c) || c == '_' || c == '-';
    });
}

// What the source file says that ImageAttributes does not carry.
struct SourceFileFacts {
    std::string pixelIntensityRelationship = "LIN";
    std::string detectorType;
};

SourceFileFacts readSourceFacts(const ImageAttributes& source)
{
    SourceFileFacts facts;
    std::error_code error;
    if (source.filePath.empty() || !std::filesystem::is_regular_file(source.filePath, error))
        return facts;
    initialiseDicomToolkit();
    DcmFileFormat file;
    if (file.loadFileUntilTag(source.filePath.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                              ERM_autoDetect, DCM_PixelData).bad())
        throw Error("Cannot read the source image file of the synthetic image.");
    DcmDataset& dataset = *file.getDataset();
    OFString value;
    if (dataset.findAndGetOFString(DCM_SOPInstanceUID, value).bad() || source.sopInstanceUid != value.c_str())
        throw Error("The source image file holds another instance than the source image of the synthetic image.");
    if (dataset.findAndGetOFString(DCM_PixelIntensityRelationship, value).good()
        && (value == "LIN" || value == "LOG"))
        facts.pixelIntensityRelationship = value.c_str();
    if (dataset.findAndGetOFString(DCM_DetectorType, value).good())
        facts.detectorType = value.c_str();
    return facts;
}

std::string nowFormatted(const char* format)
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, format, &local);
    return buffer;
}

// Mean display brightness of a region: stored value, or its inverse on MONOCHROME1.
double meanBrightness(const std::vector<std::uint16_t>& pixels, int columns, const PixelRect& r, bool inverted,
                      int maxValue)
{
    double sum = 0.0;
    for (int row = r.y; row < r.y + r.height; ++row)
        for (int column = r.x; column < r.x + r.width; ++column) {
            const int value = pixels[std::size_t(row) * std::size_t(columns) + std::size_t(column)];
            sum += inverted ? maxValue - value : value;
        }
    return sum / (double(r.width) * double(r.height));
}

// See the header: the darkest corner away from the chest wall that avoids the lesions.
PixelRect chooseMarkingCorner(const ImageAttributes& source, const std::vector<std::uint16_t>& pixels, int width,
                              int height, int margin, const std::vector<PixelRect>& keepClear)
{
    const int left = margin, right = source.columns - width - margin;
    const int top = margin, bottom = source.rows - height - margin;
    const std::string rowDirection = source.patientOrientation.empty() ? "" : source.patientOrientation.front();
    std::vector<PixelRect> candidates;
    if (rowDirection == "A")        // chest wall at the first column
        candidates = {{right, top, width, height}, {right, bottom, width, height}};
    else if (rowDirection == "P")   // chest wall at the last column
        candidates = {{left, top, width, height}, {left, bottom, width, height}};
    else
        candidates = {{left, top, width, height}, {right, top, width, height}, {left, bottom, width, height},
                      {right, bottom, width, height}};
    const bool inverted = source.photometric == Photometric::Monochrome1;
    const int maxValue = (1 << source.pixelFormat.bitsStored) - 1;
    const PixelRect* best = nullptr;
    double bestMean = 0.0;
    for (const PixelRect& candidate : candidates) {
        if (std::any_of(keepClear.begin(), keepClear.end(), [&](const PixelRect& r) { return r.intersects(candidate); }))
            continue;
        const double mean = meanBrightness(pixels, source.columns, candidate, inverted, maxValue);
        if (!best || mean < bestMean) {
            best = &candidate;
            bestMean = mean;
        }
    }
    if (!best)
        throw Error("Every corner for the SYNTHETIC marking would cover a lesion; move the lesion away from the corner.");
    return *best;
}

} // namespace

std::string syntheticPatientId(const std::string& studyInstanceUid)
{
    // FNV-1a: stable across runs and platforms, unlike std::hash.
    std::uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : studyInstanceUid) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "SYNTHETIC-%016llX", static_cast<unsigned long long>(hash));
    return buffer;
}

SyntheticImageWriter::SyntheticImageWriter(SyntheticImageInfo info) : m_info(std::move(info))
{
    if (!isMethodName(m_info.method))
        throw Error("The synthesis method must be named by 1 to 16 lower-case letters, digits, '_' or '-' (e.g. ban).");
    if (m_info.lesionCount < 1)
        throw Error("A synthetic image has at least one lesion.");
}

SyntheticImageResult SyntheticImageWriter::write(const ImageAttributes& source,
                                                 const std::vector<std::uint16_t>& compositeStoredPixels,
                                                 const std::string& path) const
{
    if (source.sopClassUid.empty() || source.sopInstanceUid.empty())
        throw Error("The source of a synthetic image needs its SOP Class and SOP Instance UID.");
    if (source.rows <= 0 || source.columns <= 0
        || compositeStoredPixels.size() != std::size_t(source.rows) * std::size_t(source.columns))
        throw Error("The synthetic image must have the size of its source (" + std::to_string(source.columns) + " x "
                    + std::to_string(source.rows) + " pixels); it has " + std::to_string(compositeStoredPixels.size())
                    + " pixels.");
    if (source.pixelFormat.bitsStored < 1 || source.pixelFormat.bitsStored > 16)
        throw Error("The source of a synthetic image has an invalid Bits Stored.");
    const SourceFileFacts facts = readSourceFacts(source);

    ImageAttributes a = source;
    a.filePath.clear();
    a.transferSyntaxUid.clear();
    a.patientName = "SYNTHETIC^CASE";
    a.patientBirthDate.clear();
    a.accessionNumber.clear();
    a.studyInstanceUid = newUid(m_info.uidRoot, SITE_STUDY_UID_ROOT);
    a.seriesInstanceUid = newUid(m_info.uidRoot, SITE_SERIES_UID_ROOT);
    a.sopInstanceUid = newUid(m_info.uidRoot, SITE_INSTANCE_UID_ROOT);
    a.patientId = syntheticPatientId(a.studyInstanceUid);
    a.studyDate = nowFormatted("%Y%m%d");
    a.studyTime = nowFormatted("%H%M%S");
    a.studyDescription = "SYNTHETIC case (" + m_info.method + ")";
    a.seriesNumber = 1;
    a.instanceNumber = 1;
    a.seriesDescription = "SYNTHETIC " + lateralityLetter(source.laterality) + " " + viewPositionName(source.view)
                          + " (" + m_info.method + ")";
    // Value 3 of an MG Image Type is enumerated (an empty value is allowed) and SYNTHETIC is
    // none of them, so it follows the source's further values, as value 4 at the earliest.
    a.imageType = {"DERIVED", "SECONDARY", source.imageType.size() > 2 ? source.imageType[2] : ""};
    for (std::size_t i = 3; i < source.imageType.size(); ++i)
        if (source.imageType[i] != "SYNTHETIC")
            a.imageType.push_back(source.imageType[i]);
    a.imageType.push_back("SYNTHETIC");
    a.burnedInAnnotation = true;

    // Burn the marking in: a dot about 1/340 of the short side (3 pixels on mini-MIAS).
    std::vector<std::uint16_t> pixels = compositeStoredPixels;
    int scale = std::max(1, int(std::lround(std::min(source.rows, source.columns) / 340.0)));
    while (scale > 1 && burnedInLabelWidth(kMarking, scale) + 4 * scale > source.columns)
        --scale;
    const int width = burnedInLabelWidth(kMarking, scale), height = burnedInLabelHeight(scale);
    const int margin = 2 * scale;
    if (width + 2 * margin > source.columns || height + 2 * margin > source.rows)
        throw Error("The image is too small to carry the burnt-in SYNTHETIC marking.");
    const PixelRect marking = chooseMarkingCorner(a, pixels, width, height, margin, m_info.keepClear);
    const std::uint16_t brightest = std::uint16_t((1u << source.pixelFormat.bitsStored) - 1u);
    const bool inverted = source.photometric == Photometric::Monochrome1;
    burnInLabel(pixels, source.rows, source.columns, kMarking, marking.x, marking.y, scale,
                inverted ? 0 : brightest, inverted ? brightest : 0);

    MammographyWriteOptions options;
    options.manufacturer = "Mammoscope";
    options.manufacturerModelName = "Mammoscope synthetic case";
    options.softwareVersions = m_info.softwareVersions;
    options.studyId = "SYNTH";
    options.detectorType = facts.detectorType;
    options.pixelIntensityRelationship = facts.pixelIntensityRelationship;
    options.uidRoot = m_info.uidRoot;
    const std::string lesions = std::to_string(m_info.lesionCount) + (m_info.lesionCount == 1 ? " lesion" : " lesions");
    options.derivationDescription = "SYNTHETIC: " + lesions + " blended by " + m_info.method
                                    + " into the source image (Source Image Sequence); \"SYNTHETIC\" burnt into a"
                                      " background corner.";
    options.imageComments = "SYNTHETIC image, not a patient acquisition: " + lesions + " blended by " + m_info.method
                            + " into a normal mammogram. For training and teaching only.";
    options.sourceImages = {{source.sopClassUid, source.sopInstanceUid, kSourceForProcessing}};
    options.derivationCodes = {kPixelByPixelMask};

    SyntheticImageResult result;
    result.attributes = DicomImageWriter(options).write(a, pixels, path);
    result.marking = marking;
    return result;
}

} // namespace mammo::core
