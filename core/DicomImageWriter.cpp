#include "DicomImageWriter.h"

#include "AtomicFileSave.h"
#include "Error.h"
#include "TransferSyntax.h"
#include "ViewCodes.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcrlerp.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>
#include <dcmtk/dcmjpeg/djrploss.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <dcmtk/dcmjpls/djrparam.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>

namespace mammo::core {
namespace {

struct SyntaxEntry {
    DicomOutputSyntax syntax;
    E_TransferSyntax dcmtkSyntax;
    const char* name;
};

const SyntaxEntry kSyntaxes[] = {
    {DicomOutputSyntax::ExplicitLittleEndian, EXS_LittleEndianExplicit, "explicit"},
    {DicomOutputSyntax::RleLossless, EXS_RLELossless, "rle"},
    {DicomOutputSyntax::JpegLosslessSv1, EXS_JPEGProcess14SV1, "jpeg-lossless"},
    {DicomOutputSyntax::JpegLsLossless, EXS_JPEGLSLossless, "jpeg-ls"},
    {DicomOutputSyntax::JpegBaseline, EXS_JPEGProcess1, "jpeg-baseline"},
};

const SyntaxEntry& entryFor(DicomOutputSyntax syntax)
{
    for (const SyntaxEntry& entry : kSyntaxes)
        if (entry.syntax == syntax)
            return entry;
    return kSyntaxes[0];
}

// Anatomic Region for mammography (CID 4013): breast.
const CodedConcept kBreast{"76752008", "SCT", "Breast"};

std::string joined(const std::vector<std::string>& values)
{
    std::string text;
    for (std::size_t i = 0; i < values.size(); ++i)
        text += (i ? "\\" : "") + values[i];
    return text;
}

// Decimal String values are at most 16 characters.
std::string decimalString(double value)
{
    for (int precision = 10; precision > 0; --precision) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
        if (std::string(buffer).size() <= 16)
            return buffer;
    }
    return "0";
}

std::string spacingString(const Spacing& spacing)
{
    return decimalString(spacing.rowMm) + "\\" + decimalString(spacing.columnMm);
}

bool isAscii(const std::string& text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

class DatasetBuilder {
public:
    explicit DatasetBuilder(DcmItem& item) : m_item(item) {}

    void put(const DcmTagKey& tag, const std::string& value)
    {
        check(m_item.putAndInsertOFStringArray(tag, value.c_str()), tag);
        // Catch what the caller cannot see coming, such as a description longer than its VR
        // allows (DCMTK checks the characters and the format, not the length).
        DcmElement* element = nullptr;
        if (value.empty() || m_item.findAndGetElement(tag, element).bad() || !element)
            return;
        if (element->checkValue("1-n").bad() || !fitsLength(element->getVR(), value))
            throw Error("The value \"" + value + "\" does not fit DICOM attribute " + DcmTag(tag).getTagName() + " ("
                        + DcmVR(element->getVR()).getVRName() + ").");
    }
    void putUint16(const DcmTagKey& tag, int value)
    {
        check(m_item.putAndInsertUint16(tag, static_cast<Uint16>(value)), tag);
    }
    void putSint16(const DcmTagKey& tag, int value)
    {
        check(m_item.putAndInsertSint16(tag, static_cast<Sint16>(value)), tag);
    }
    void putEmpty(const DcmTagKey& tag) { check(m_item.insertEmptyElement(tag), tag); }
    void putCode(const DcmTagKey& sequenceTag, const CodedConcept& code)
    {
        DcmItem* codeItem = nullptr;
        check(m_item.findOrCreateSequenceItem(sequenceTag, codeItem, -2), sequenceTag);
        DatasetBuilder builder(*codeItem);
        builder.put(DCM_CodeValue, code.value);
        builder.put(DCM_CodingSchemeDesignator, code.scheme);
        builder.put(DCM_CodeMeaning, code.meaning);
        m_lastItem = codeItem;
    }
    DcmItem* lastItem() const { return m_lastItem; }

private:
    // PS3.5 Table 6.2-1: the longest value of each string VR we write.
    static bool fitsLength(DcmEVR vr, const std::string& value)
    {
        std::size_t maximum = 0;
        bool multiValued = true;
        switch (vr) {
        case EVR_AE: case EVR_CS: case EVR_DS: case EVR_SH: maximum = 16; break;
        case EVR_IS: maximum = 12; break;
        case EVR_DA: maximum = 8; break;
        case EVR_TM: maximum = 14; break;
        case EVR_LO: case EVR_PN: case EVR_UI: maximum = 64; break;
        case EVR_ST: maximum = 1024; multiValued = false; break;
        case EVR_LT: maximum = 10240; multiValued = false; break;
        default: return true;
        }
        if (!multiValued)
            return value.size() <= maximum;
        for (std::size_t start = 0;;) {
            const std::size_t end = value.find('\\', start);
            if ((end == std::string::npos ? value.size() : end) - start > maximum)
                return false;
            if (end == std::string::npos)
                return true;
            start = end + 1;
        }
    }

    static void check(const OFCondition& condition, const DcmTagKey& tag)
    {
        if (condition.bad())
            throw Error("Cannot set DICOM attribute " + std::string(tag.toString().c_str()) + ": "
                        + condition.text());
    }

    DcmItem& m_item;
    DcmItem* m_lastItem = nullptr;
};

std::string generateUid(const std::string& root, const char* defaultRoot)
{
    char buffer[100];
    dcmGenerateUniqueIdentifier(buffer, root.empty() ? defaultRoot : root.c_str());
    return buffer;
}

std::unique_ptr<DcmRepresentationParameter> representationParameter(const MammographyWriteOptions& options)
{
    switch (options.syntax) {
    case DicomOutputSyntax::RleLossless:
        return std::make_unique<DcmRLERepresentationParameter>();
    case DicomOutputSyntax::JpegLosslessSv1:
        return std::make_unique<DJ_RPLossless>(1, 0);   // predictor 1, no point transform: bit-exact
    case DicomOutputSyntax::JpegLsLossless:
        return std::make_unique<DJLSRepresentationParameter>(0, OFTrue);
    case DicomOutputSyntax::JpegBaseline:
        return std::make_unique<DJ_RPLossy>(std::clamp(options.jpegBaselineQuality, 1, 100));
    case DicomOutputSyntax::ExplicitLittleEndian:
        break;
    }
    return nullptr;
}

// Rejects what the MG IOD (DX Image, Image Pixel, Mammography Image modules) forbids.
void validate(const ImageAttributes& attributes, const std::vector<std::uint16_t>& storedPixels,
              const MammographyWriteOptions& options)
{
    const PixelFormat& format = attributes.pixelFormat;
    if (attributes.rows <= 0 || attributes.columns <= 0 || attributes.rows > 65535 || attributes.columns > 65535)
        throw Error("Cannot write an image of " + std::to_string(attributes.rows) + " x "
                    + std::to_string(attributes.columns) + " pixels.");
    if (attributes.frames != 1)
        throw Error("Digital mammography images have one frame; this one has " + std::to_string(attributes.frames) + ".");
    if (attributes.samplesPerPixel != 1)
        throw Error("Digital mammography images are grey-scale (one sample per pixel).");
    if (format.bitsAllocated != 8 && format.bitsAllocated != 16)
        throw Error("Bits Allocated must be 8 or 16, not " + std::to_string(format.bitsAllocated) + ".");
    if (format.bitsStored < 6 || format.bitsStored > format.bitsAllocated)
        throw Error("Bits Stored must be between 6 and Bits Allocated (" + std::to_string(format.bitsAllocated)
                    + "), not " + std::to_string(format.bitsStored) + ".");
    if (format.isSigned)
        throw Error("Digital mammography pixel data are unsigned.");
    if (options.syntax == DicomOutputSyntax::JpegBaseline && format.bitsAllocated != 8)
        throw Error("JPEG baseline holds 8-bit images only; choose a lossless syntax for "
                    + std::to_string(format.bitsStored) + "-bit data.");
    const ModalityLut& lut = attributes.modalityLut;
    if (lut.table || lut.slope != 1.0 || lut.intercept != 0.0)
        throw Error("Digital mammography images must have Rescale Slope 1 and Rescale Intercept 0.");
    const std::size_t expected = std::size_t(attributes.rows) * std::size_t(attributes.columns);
    if (storedPixels.size() != expected)
        throw Error("The image should have " + std::to_string(expected) + " pixels but has "
                    + std::to_string(storedPixels.size()) + ".");
    const auto maximum = *std::max_element(storedPixels.begin(), storedPixels.end());
    if (maximum >= (1u << format.bitsStored))
        throw Error("Pixel value " + std::to_string(maximum) + " does not fit in " + std::to_string(format.bitsStored)
                    + " bits stored.");
    if (attributes.laterality != Laterality::Right && attributes.laterality != Laterality::Left
        && attributes.laterality != Laterality::Both)
        throw Error("A mammogram needs its Image Laterality (R, L or B).");
    if (viewCode(attributes.view).value.empty())
        throw Error("A mammogram needs a view with a code in DICOM CID 4014 (CC, MLO, ML, LM...).");
    if (attributes.windows.size() > 1) {
        const VoiFunction first = attributes.windows.front().function;
        for (const VoiWindow& window : attributes.windows)
            if (window.function != first)
                throw Error("All windows of an image share one VOI LUT Function.");
    }
    if (!attributes.imagerPixelSpacing && !attributes.pixelSpacing)
        throw Error("A mammogram needs its Imager Pixel Spacing.");
    if (options.pixelIntensityRelationship != "LIN" && options.pixelIntensityRelationship != "LOG")
        throw Error("Pixel Intensity Relationship must be LIN or LOG.");
}

std::string voiFunctionName(VoiFunction function)
{
    switch (function) {
    case VoiFunction::Linear: return "LINEAR";
    case VoiFunction::LinearExact: return "LINEAR_EXACT";
    case VoiFunction::Sigmoid: return "SIGMOID";
    }
    return "LINEAR";
}

// A For Presentation image must say how to window it: the full range when none is given.
std::vector<VoiWindow> windowsToWrite(const ImageAttributes& attributes, const std::vector<std::uint16_t>& storedPixels)
{
    if (!attributes.windows.empty() || !attributes.voiLuts.empty())
        return attributes.windows;
    const auto [low, high] = std::minmax_element(storedPixels.begin(), storedPixels.end());
    VoiWindow window;
    window.center = (double(*low) + double(*high) + 1.0) / 2.0;
    window.width = std::max(1.0, double(*high) - double(*low) + 1.0);
    window.explanation = "FULL RANGE";
    return {window};
}

void putVoiLut(DcmItem& dataset, const LutTable& table)
{
    DcmItem* item = nullptr;
    if (dataset.findOrCreateSequenceItem(DCM_VOILUTSequence, item, -2).bad() || !item)
        throw Error("Cannot create the VOI LUT Sequence.");
    // 65536 entries are written as 0 (PS3.3 C.11.1.1.1).
    const std::size_t entries = table.data.size();
    const Uint16 descriptor[3] = {static_cast<Uint16>(entries >= 65536 ? 0 : entries),
                                  static_cast<Uint16>(table.firstMapped), static_cast<Uint16>(table.bitsPerEntry)};
    if (item->putAndInsertUint16Array(DCM_LUTDescriptor, descriptor, 3).bad()
        || item->putAndInsertUint16Array(DCM_LUTData, table.data.data(), static_cast<unsigned long>(entries)).bad())
        throw Error("Cannot write a VOI LUT.");
    if (!table.explanation.empty())
        item->putAndInsertOFStringArray(DCM_LUTExplanation, table.explanation.c_str());
}

} // namespace

std::string outputSyntaxUid(DicomOutputSyntax syntax)
{
    return DcmXfer(entryFor(syntax).dcmtkSyntax).getXferID();
}

std::string outputSyntaxName(DicomOutputSyntax syntax)
{
    return entryFor(syntax).name;
}

std::optional<DicomOutputSyntax> outputSyntaxFromName(const std::string& name)
{
    for (const SyntaxEntry& entry : kSyntaxes)
        if (name == entry.name)
            return entry.syntax;
    return std::nullopt;
}

bool isLossless(DicomOutputSyntax syntax)
{
    return syntax != DicomOutputSyntax::JpegBaseline;
}

std::vector<std::string> standardMammographyOrientation(Laterality laterality, ViewPosition view)
{
    if (laterality != Laterality::Right && laterality != Laterality::Left)
        return {};
    // Rows run from the chest wall to the nipple on a left breast (anterior)
    // and the other way on a right one; the chest walls face each other.
    const std::string rowDirection = laterality == Laterality::Right ? "P" : "A";
    switch (view) {
    case ViewPosition::CC:
    case ViewPosition::XCCL:
    case ViewPosition::XCCM:
        return {rowDirection, laterality == Laterality::Right ? "L" : "R"};
    case ViewPosition::MLO:
    case ViewPosition::ML:
    case ViewPosition::LM:
    case ViewPosition::LMO:
    case ViewPosition::SIO:
        return {rowDirection, "F"};
    default:
        return {};
    }
}

void registerDicomEncoders()
{
    initialiseDicomToolkit();   // DCMTK's log level is set there, for every DCMTK user in core
    static std::once_flag once;
    std::call_once(once, [] {
        // Never replace the SOP Instance UID: the writer creates the instance, so the
        // compressed file is the original, not a lossy copy of one.
        DJEncoderRegistration::registerCodecs(ECC_lossyYCbCr, EUC_never);
        DcmRLEEncoderRegistration::registerCodecs();
        // Raw (not "cooked") JPEG-LS encoding compresses the stored values as they are.
        DJLSEncoderRegistration::registerCodecs(0, 0, 0, 0, OFFalse, 0, OFTrue, EJLSUC_never);
    });
}

DicomImageWriter::DicomImageWriter(MammographyWriteOptions options) : m_options(std::move(options))
{
    registerDicomEncoders();
}

std::string DicomImageWriter::newUid() const
{
    return generateUid(m_options.uidRoot, SITE_INSTANCE_UID_ROOT);
}

ImageAttributes DicomImageWriter::write(const Image& image, const std::string& path) const
{
    std::vector<std::uint16_t> pixels(image.frame(0), image.frame(0) + image.pixelsPerFrame());
    return write(image.attributes(), pixels, path);
}

ImageAttributes DicomImageWriter::write(const ImageAttributes& attributes, const std::vector<std::uint16_t>& storedPixels,
                                        const std::string& path) const
{
    validate(attributes, storedPixels, m_options);

    ImageAttributes written = attributes;
    written.filePath = path;
    written.modality = "MG";
    if (written.intent == PresentationIntent::Unknown)
        written.intent = PresentationIntent::ForPresentation;
    const bool forProcessing = written.intent == PresentationIntent::ForProcessing;
    written.sopClassUid = forProcessing ? UID_DigitalMammographyXRayImageStorageForProcessing
                                        : UID_DigitalMammographyXRayImageStorageForPresentation;
    if (written.studyInstanceUid.empty())
        written.studyInstanceUid = generateUid(m_options.uidRoot, SITE_STUDY_UID_ROOT);
    if (written.seriesInstanceUid.empty())
        written.seriesInstanceUid = generateUid(m_options.uidRoot, SITE_SERIES_UID_ROOT);
    if (written.sopInstanceUid.empty())
        written.sopInstanceUid = newUid();
    if (written.imageType.empty())
        written.imageType = {"ORIGINAL", "PRIMARY"};
    if (written.patientOrientation.empty())
        written.patientOrientation = standardMammographyOrientation(written.laterality, written.view);
    if (written.patientOrientation.size() != 2)
        throw Error("A mammogram needs its Patient Orientation (row and column direction).");
    if (!written.imagerPixelSpacing) {
        // Imager Pixel Spacing is at the detector: the object spacing times the magnification.
        const double magnification = written.magnificationFactor.value_or(1.0);
        written.imagerPixelSpacing = Spacing{written.pixelSpacing->rowMm * magnification,
                                             written.pixelSpacing->columnMm * magnification};
    }
    written.pixelFormat.highBit = written.pixelFormat.bitsStored - 1;
    written.presentationLutShape = written.photometric == Photometric::Monochrome1 ? PresentationLutShape::Inverse
                                                                                   : PresentationLutShape::Identity;
    if (forProcessing) {
        // The VOI LUT module belongs to For Presentation images only.
        written.windows.clear();
        written.voiLuts.clear();
    } else {
        written.windows = windowsToWrite(written, storedPixels);
    }
    const E_TransferSyntax targetSyntax = entryFor(m_options.syntax).dcmtkSyntax;
    written.transferSyntaxUid = outputSyntaxUid(m_options.syntax);

    DcmFileFormat fileFormat;
    DcmDataset& dataset = *fileFormat.getDataset();
    DatasetBuilder out(dataset);

    // SOP Common
    const std::vector<std::string> texts = {written.patientName, written.patientId, written.accessionNumber,
                                            written.studyDescription, written.seriesDescription,
                                            m_options.institutionName, m_options.manufacturer,
                                            m_options.manufacturerModelName, m_options.studyId,
                                            m_options.imageComments, m_options.derivationDescription};
    if (!std::all_of(texts.begin(), texts.end(), isAscii))
        out.put(DCM_SpecificCharacterSet, "ISO_IR 192");
    out.put(DCM_SOPClassUID, written.sopClassUid);
    out.put(DCM_SOPInstanceUID, written.sopInstanceUid);

    // Patient
    out.put(DCM_PatientName, written.patientName);
    out.put(DCM_PatientID, written.patientId);
    out.put(DCM_PatientBirthDate, written.patientBirthDate);
    out.put(DCM_PatientSex, written.patientSex);

    // General Study
    out.put(DCM_StudyInstanceUID, written.studyInstanceUid);
    out.put(DCM_StudyDate, written.studyDate);
    out.put(DCM_StudyTime, written.studyTime);
    out.putEmpty(DCM_ReferringPhysicianName);
    out.put(DCM_StudyID, m_options.studyId);
    out.put(DCM_AccessionNumber, written.accessionNumber);
    if (!written.studyDescription.empty())
        out.put(DCM_StudyDescription, written.studyDescription);

    // General Series, DX Series
    out.put(DCM_Modality, written.modality);
    out.put(DCM_SeriesInstanceUID, written.seriesInstanceUid);
    out.put(DCM_SeriesNumber, std::to_string(written.seriesNumber));
    if (!written.seriesDescription.empty())
        out.put(DCM_SeriesDescription, written.seriesDescription);
    out.put(DCM_BodyPartExamined, "BREAST");
    out.put(DCM_PresentationIntentType, forProcessing ? "FOR PROCESSING" : "FOR PRESENTATION");

    // General Equipment
    out.put(DCM_Manufacturer, m_options.manufacturer);
    if (!m_options.institutionName.empty())
        out.put(DCM_InstitutionName, m_options.institutionName);
    if (!m_options.manufacturerModelName.empty())
        out.put(DCM_ManufacturerModelName, m_options.manufacturerModelName);
    if (!m_options.softwareVersions.empty())
        out.put(DCM_SoftwareVersions, m_options.softwareVersions);

    // General Image, DX Image
    out.put(DCM_InstanceNumber, std::to_string(written.instanceNumber));
    out.put(DCM_PatientOrientation, joined(written.patientOrientation));
    const std::string contentDate = m_options.contentDate.empty() ? written.studyDate : m_options.contentDate;
    const std::string contentTime = m_options.contentTime.empty() ? written.studyTime : m_options.contentTime;
    if (!contentDate.empty())
        out.put(DCM_ContentDate, contentDate);
    if (!contentTime.empty())
        out.put(DCM_ContentTime, contentTime);
    out.put(DCM_ImageType, joined(written.imageType));
    if (!m_options.derivationDescription.empty())
        out.put(DCM_DerivationDescription, m_options.derivationDescription);
    for (const CodedConcept& code : m_options.derivationCodes)
        out.putCode(DCM_DerivationCodeSequence, code);
    for (const SourceImageReference& source : m_options.sourceImages) {
        if (source.sopClassUid.empty() || source.sopInstanceUid.empty() || source.purpose.value.empty())
            throw Error("A source image reference needs its SOP Class UID, SOP Instance UID and purpose.");
        DcmItem* item = nullptr;
        if (dataset.findOrCreateSequenceItem(DCM_SourceImageSequence, item, -2).bad() || !item)
            throw Error("Cannot create the Source Image Sequence.");
        DatasetBuilder reference(*item);
        reference.put(DCM_ReferencedSOPClassUID, source.sopClassUid);
        reference.put(DCM_ReferencedSOPInstanceUID, source.sopInstanceUid);
        reference.putCode(DCM_PurposeOfReferenceCodeSequence, source.purpose);
    }
    if (!m_options.imageComments.empty())
        out.put(DCM_ImageComments, m_options.imageComments);
    out.put(DCM_BurnedInAnnotation, written.burnedInAnnotation ? "YES" : "NO");
    // The JPEG baseline encoder sets it to 01 (with ratio and method) when it compresses.
    out.put(DCM_LossyImageCompression, "00");
    out.put(DCM_PixelIntensityRelationship, m_options.pixelIntensityRelationship);
    // Bright is dense tissue (less X-ray intensity) in MONOCHROME2, dark in MONOCHROME1.
    out.putSint16(DCM_PixelIntensityRelationshipSign, written.photometric == Photometric::Monochrome1 ? 1 : -1);
    out.put(DCM_RescaleIntercept, "0");
    out.put(DCM_RescaleSlope, "1");
    out.put(DCM_RescaleType, "US");
    out.put(DCM_PresentationLUTShape, written.photometric == Photometric::Monochrome1 ? "INVERSE" : "IDENTITY");

    // Image Pixel
    const PixelFormat& format = written.pixelFormat;
    out.putUint16(DCM_SamplesPerPixel, 1);
    out.put(DCM_PhotometricInterpretation, written.photometric == Photometric::Monochrome1 ? "MONOCHROME1" : "MONOCHROME2");
    out.putUint16(DCM_Rows, written.rows);
    out.putUint16(DCM_Columns, written.columns);
    out.putUint16(DCM_BitsAllocated, format.bitsAllocated);
    out.putUint16(DCM_BitsStored, format.bitsStored);
    out.putUint16(DCM_HighBit, format.highBit);
    out.putUint16(DCM_PixelRepresentation, 0);
    if (written.pixelSpacing) {
        out.put(DCM_PixelSpacing, spacingString(*written.pixelSpacing));
        // Pixel Spacing that differs from Imager Pixel Spacing was corrected for magnification.
        const Spacing& imager = *written.imagerPixelSpacing;
        if (std::abs(written.pixelSpacing->rowMm - imager.rowMm) > 1e-9
            || std::abs(written.pixelSpacing->columnMm - imager.columnMm) > 1e-9)
        {
            out.put(DCM_PixelSpacingCalibrationType, "GEOMETRY");
            out.put(DCM_PixelSpacingCalibrationDescription,
                    "Imager Pixel Spacing / magnification factor");
        }
    }

    // VOI LUT
    if (!written.windows.empty()) {
        std::vector<std::string> centers, widths, explanations;
        bool anyExplanation = false;
        for (const VoiWindow& window : written.windows) {
            centers.push_back(decimalString(window.center));
            widths.push_back(decimalString(std::max(1.0, window.width)));
            explanations.push_back(window.explanation);
            anyExplanation = anyExplanation || !window.explanation.empty();
        }
        out.put(DCM_WindowCenter, joined(centers));
        out.put(DCM_WindowWidth, joined(widths));
        if (anyExplanation)
            out.put(DCM_WindowCenterWidthExplanation, joined(explanations));
        if (written.windows.front().function != VoiFunction::Linear)
            out.put(DCM_VOILUTFunction, voiFunctionName(written.windows.front().function));
    }
    for (const LutTable& table : written.voiLuts)
        putVoiLut(dataset, table);

    // DX Anatomy Imaged
    out.put(DCM_ImageLaterality, lateralityLetter(written.laterality));
    out.putCode(DCM_AnatomicRegionSequence, kBreast);

    // DX Detector
    out.put(DCM_DetectorType, m_options.detectorType);
    out.put(DCM_ImagerPixelSpacing, spacingString(*written.imagerPixelSpacing));

    // DX Positioning, Mammography Image
    out.put(DCM_ViewPosition, viewPositionName(written.view));
    if (written.magnificationFactor)
        out.put(DCM_EstimatedRadiographicMagnificationFactor, decimalString(*written.magnificationFactor));
    out.put(DCM_PositionerType, "MAMMOGRAPHIC");
    out.put(DCM_OrganExposed, "BREAST");
    out.put(DCM_BreastImplantPresent, "NO");
    out.putCode(DCM_ViewCodeSequence, viewCode(written.view));
    DatasetBuilder(*out.lastItem()).putEmpty(DCM_ViewModifierCodeSequence);

    // Acquisition Context: required, may be empty.
    out.putEmpty(DCM_AcquisitionContextSequence);

    // Pixel Data
    OFCondition pixelStatus;
    if (format.bitsAllocated == 8) {
        std::vector<Uint8> bytes(storedPixels.begin(), storedPixels.end());
        pixelStatus = dataset.putAndInsertUint8Array(DCM_PixelData, bytes.data(), static_cast<unsigned long>(bytes.size()));
    } else {
        pixelStatus = dataset.putAndInsertUint16Array(DCM_PixelData, storedPixels.data(),
                                                      static_cast<unsigned long>(storedPixels.size()));
    }
    if (pixelStatus.bad())
        throw Error(std::string("Cannot store the pixel data: ") + pixelStatus.text());

    const std::unique_ptr<DcmRepresentationParameter> parameter = representationParameter(m_options);
    const OFCondition encoded = dataset.chooseRepresentation(targetSyntax, parameter.get());
    if (encoded.bad() || !dataset.canWriteXfer(targetSyntax))
        throw Error("Cannot encode the image as " + std::string(DcmXfer(targetSyntax).getXferName()) + ": "
                    + (encoded.bad() ? encoded.text() : "no encoder for these pixels"));

    // The lossy encoder turns Image Type into DERIVED: report what the file says.
    OFString imageType;
    if (dataset.findAndGetOFStringArray(DCM_ImageType, imageType).good()) {
        written.imageType.clear();
        std::size_t start = 0;
        const std::string text = imageType.c_str();
        for (std::size_t end; (end = text.find('\\', start)) != std::string::npos; start = end + 1)
            written.imageType.push_back(text.substr(start, end - start));
        written.imageType.push_back(text.substr(start));
    }

    saveAtomically(path, "DICOM file", [&](const char* partial) { return fileFormat.saveFile(partial, targetSyntax); });
    return written;
}

} // namespace mammo::core
