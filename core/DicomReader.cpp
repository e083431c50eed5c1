#include "DicomReader.h"

#include "Error.h"
#include "GuardedDicomInputStream.h"
#include "TransferSyntax.h"
#include "ViewCodes.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcstack.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <optional>

namespace mammo::core {
namespace {

// Elements longer than this stay unread when only the header is wanted.
constexpr Uint32 kHeaderMaxReadLength = 4096;
// Elements longer than this are skipped by the parse (which checks that their
// bytes are really there) and read when accessed, so no length field alone
// makes DCMTK allocate more than this.
constexpr Uint32 kImageMaxReadLength = 64 * 1024;
// Inflating a Deflated data set beyond this is refused (headers and small images).
constexpr std::size_t kMaxInflatedHeaderBytes = std::size_t(256) << 20;

std::string displayName(const std::string& name)
{
    return name.empty() ? std::string("DICOM data in memory") : name;
}

std::string mebibytes(std::uint64_t bytes)
{
    const double mib = double(bytes) / double(1 << 20);
    char text[64];
    std::snprintf(text, sizeof text, mib >= 1024.0 ? "%.1f GiB" : "%.1f MiB", mib >= 1024.0 ? mib / 1024.0 : mib);
    return text;
}

// Product of the factors, or nullopt when it does not fit in 64 bits.
std::optional<std::uint64_t> checkedProduct(std::initializer_list<std::uint64_t> factors)
{
    std::uint64_t product = 1;
    for (std::uint64_t f : factors)
        if (__builtin_mul_overflow(product, f, &product))
            return std::nullopt;
    return product;
}

std::string getString(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).good())
        return value.c_str();
    return {};
}

std::vector<std::string> getStrings(DcmItem& item, const DcmTagKey& tag)
{
    std::vector<std::string> values;
    DcmElement* element = nullptr;
    if (item.findAndGetElement(tag, element).bad() || !element)
        return values;
    for (unsigned long i = 0; i < element->getVM(); ++i) {
        OFString value;
        if (element->getOFString(value, i).good())
            values.emplace_back(value.c_str());
    }
    return values;
}

int getInt(DcmItem& item, const DcmTagKey& tag, int fallback = 0)
{
    // Integer strings (IS) and binary integers (US/SS) both go through Sint32.
    Sint32 value = 0;
    if (item.findAndGetSint32(tag, value).good())
        return value;
    Uint16 u16 = 0;
    if (item.findAndGetUint16(tag, u16).good())
        return u16;
    return fallback;
}

std::optional<double> getDouble(DcmItem& item, const DcmTagKey& tag, unsigned long pos = 0)
{
    Float64 value = 0;
    if (item.findAndGetFloat64(tag, value, pos).good())
        return value;
    return std::nullopt;
}

std::optional<Spacing> getSpacing(DcmItem& item, const DcmTagKey& tag)
{
    const auto row = getDouble(item, tag, 0);
    const auto column = getDouble(item, tag, 1);
    if (!row || !column || *row <= 0.0 || *column <= 0.0)
        return std::nullopt;
    return Spacing{*row, *column};
}

// Items of functional group macros hold per-frame values in enhanced objects;
// we take the shared values when the top level has none.
DcmItem* sharedGroupItem(DcmItem& dataset, const DcmTagKey& macro)
{
    DcmItem* shared = nullptr;
    if (dataset.findAndGetSequenceItem(DCM_SharedFunctionalGroupsSequence, shared, 0).bad() || !shared)
        return nullptr;
    DcmItem* item = nullptr;
    if (shared->findAndGetSequenceItem(macro, item, 0).bad())
        return nullptr;
    return item;
}

// A LUT Descriptor value as the 16 bits written, whether the VR is US or SS.
std::optional<Uint16> descriptorValue(DcmElement& descriptor, unsigned long pos)
{
    Uint16 u = 0;
    if (descriptor.getUint16(u, pos).good())
        return u;
    Sint16 s = 0;
    if (descriptor.getSint16(s, pos).good())
        return Uint16(s);
    return std::nullopt;
}

// signedInput: Pixel Representation is 1, so the first value mapped is signed even
// when the descriptor is written as US (PS3.3 C.11.1.1; DCMTK reads it so too).
// The descriptor is checked against the data before anything is copied.
std::optional<LutTable> readLut(DcmItem& item, bool signedInput)
{
    DcmElement* descriptor = nullptr;
    DcmElement* data = nullptr;
    if (item.findAndGetElement(DCM_LUTDescriptor, descriptor).bad() || !descriptor || descriptor->getVM() < 3)
        return std::nullopt;
    if (item.findAndGetElement(DCM_LUTData, data).bad() || !data)
        throw Error("LUT Descriptor present but LUT Data missing");

    const auto entries = descriptorValue(*descriptor, 0);
    const auto firstRaw = descriptorValue(*descriptor, 1);
    const auto bits = descriptorValue(*descriptor, 2);
    if (!entries || !firstRaw || !bits)
        throw Error("LUT Descriptor cannot be read (it must hold three US or SS values)");
    if (*bits < 1 || *bits > 16)
        throw Error("LUT Descriptor gives " + std::to_string(*bits) + " bits per entry (1 to 16 allowed)");
    const bool signedFirst = signedInput || descriptor->ident() == EVR_SS;
    const int firstMapped = signedFirst && *firstRaw > 0x7FFF ? int(*firstRaw) - 0x10000 : int(*firstRaw);

    LutTable lut;
    lut.firstMapped = firstMapped;
    // DCMTK reads 1..7-bit descriptors as 16-bit data too; 8..16 are what the standard allows.
    lut.bitsPerEntry = *bits >= 8 ? *bits : 16;
    const std::size_t count = *entries == 0 ? 65536u : *entries;   // 0 means 2^16 (PS3.3 C.11.1.1)
    const std::size_t length = data->getLength();
    const bool packedBytes = lut.bitsPerEntry == 8 && length < count * 2 && length >= count;
    if (length < count * 2 && !packedBytes)
        throw Error("LUT Descriptor gives " + std::to_string(count) + " entries but LUT Data holds " +
                    std::to_string(length / 2));
    Uint16* words = nullptr;
    if (data->getUint16Array(words).bad() || !words)
        throw Error("LUT Data cannot be read (it must be US or OW)");
    if (packedBytes) {
        // 8-bit entries packed two per word (allowed for OW LUT Data).
        const auto* bytes = reinterpret_cast<const Uint8*>(words);
        lut.data.assign(bytes, bytes + count);
    } else {
        lut.data.assign(words, words + count);
    }
    lut.explanation = getString(item, DCM_LUTExplanation);
    return lut;
}

VoiFunction voiFunctionFrom(const std::string& text)
{
    if (text == "SIGMOID") return VoiFunction::Sigmoid;
    if (text == "LINEAR_EXACT") return VoiFunction::LinearExact;
    return VoiFunction::Linear;
}

void readWindows(DcmItem& item, ImageAttributes& a)
{
    DcmElement* centers = nullptr;
    DcmElement* widths = nullptr;
    if (item.findAndGetElement(DCM_WindowCenter, centers).bad() || !centers)
        return;
    if (item.findAndGetElement(DCM_WindowWidth, widths).bad() || !widths)
        return;
    const VoiFunction function = voiFunctionFrom(getString(item, DCM_VOILUTFunction));
    const auto explanations = getStrings(item, DCM_WindowCenterWidthExplanation);
    const unsigned long count = std::min(centers->getVM(), widths->getVM());
    for (unsigned long i = 0; i < count; ++i) {
        Float64 c = 0, w = 0;
        if (centers->getFloat64(c, i).bad() || widths->getFloat64(w, i).bad() || !std::isfinite(c) || !std::isfinite(w))
            continue;
        // A width below 1 is invalid (PS3.3 C.11.2.1.2); LINEAR_EXACT allows any above 0.
        if (function == VoiFunction::LinearExact ? !(w > 0.0) : w < 1.0)
            continue;
        VoiWindow window;
        window.center = c;
        window.width = w;
        window.function = function;
        if (i < explanations.size())
            window.explanation = explanations[i];
        a.windows.push_back(window);
    }
}

void readVoi(DcmItem& dataset, ImageAttributes& a)
{
    readWindows(dataset, a);
    if (a.windows.empty())
        if (DcmItem* frameVoi = sharedGroupItem(dataset, DCM_FrameVOILUTSequence))
            readWindows(*frameVoi, a);
    DcmSequenceOfItems* sequence = nullptr;
    if (dataset.findAndGetSequence(DCM_VOILUTSequence, sequence).good() && sequence) {
        for (unsigned long i = 0; i < sequence->card(); ++i)
            if (auto lut = readLut(*sequence->getItem(i), a.pixelFormat.isSigned))
                a.voiLuts.push_back(std::move(*lut));
    }
}

void readModalityLut(DcmItem& dataset, ImageAttributes& a)
{
    DcmItem* item = &dataset;
    if (!getDouble(dataset, DCM_RescaleSlope))
        if (DcmItem* transform = sharedGroupItem(dataset, DCM_PixelValueTransformationSequence))
            item = transform;
    a.modalityLut.slope = getDouble(*item, DCM_RescaleSlope).value_or(1.0);
    a.modalityLut.intercept = getDouble(*item, DCM_RescaleIntercept).value_or(0.0);
    // Every stored value must map to a finite modality value (16-bit input at most).
    const double extreme = std::abs(a.modalityLut.slope) * 65536.0 + std::abs(a.modalityLut.intercept);
    if (!std::isfinite(a.modalityLut.slope) || !std::isfinite(a.modalityLut.intercept) || !std::isfinite(extreme) ||
        extreme > 1e300)
        throw Error("Rescale Slope / Intercept are not usable numbers");
    if (a.modalityLut.slope == 0.0)
        a.modalityLut.slope = 1.0;   // a zero slope would erase the image; treat as absent
    DcmItem* lutItem = nullptr;
    if (dataset.findAndGetSequenceItem(DCM_ModalityLUTSequence, lutItem, 0).good() && lutItem)
        a.modalityLut.table = readLut(*lutItem, a.pixelFormat.isSigned);
}

void readView(DcmItem& dataset, ImageAttributes& a)
{
    DcmItem* code = nullptr;
    if (dataset.findAndGetSequenceItem(DCM_ViewCodeSequence, code, 0).good() && code) {
        a.view = viewPositionFromCode(getString(*code, DCM_CodeValue), getString(*code, DCM_CodingSchemeDesignator),
                                      getString(*code, DCM_CodeMeaning));
        DcmItem* modifier = nullptr;
        if (code->findAndGetSequenceItem(DCM_ViewModifierCodeSequence, modifier, 0).good() && modifier)
            a.viewModifier = getString(*modifier, DCM_CodeMeaning);
    }
    if (a.view == ViewPosition::Unknown)
        a.view = viewPositionFromString(getString(dataset, DCM_ViewPosition));
}

void readLaterality(DcmItem& dataset, ImageAttributes& a)
{
    a.laterality = lateralityFromString(getString(dataset, DCM_ImageLaterality));
    if (a.laterality == Laterality::Unknown)
        if (DcmItem* anatomy = sharedGroupItem(dataset, DCM_FrameAnatomySequence))
            a.laterality = lateralityFromString(getString(*anatomy, DCM_FrameLaterality));
    if (a.laterality == Laterality::Unknown)
        a.laterality = lateralityFromString(getString(dataset, DCM_Laterality));
}

DicomObjectKind kindOf(const std::string& sopClass, bool hasPixels)
{
    if (hasPixels)
        return DicomObjectKind::Image;
    const char* uid = sopClass.c_str();
    if (sopClass == UID_SegmentationStorage)
        return DicomObjectKind::Segmentation;
    if (sopClass.rfind("1.2.840.10008.5.1.4.1.1.88.", 0) == 0)
        return DicomObjectKind::StructuredReport;
    if (sopClass.rfind("1.2.840.10008.5.1.4.1.1.11.", 0) == 0)
        return DicomObjectKind::PresentationState;
    if (sopClass == UID_MediaStorageDirectoryStorage)
        return DicomObjectKind::DicomDirectory;
    (void)uid;
    return DicomObjectKind::Other;
}

ImageAttributes readAttributes(DcmFileFormat& file, const std::string& path)
{
    DcmDataset& ds = *file.getDataset();
    ImageAttributes a;
    a.filePath = path;
    a.patientName = getString(ds, DCM_PatientName);
    a.patientId = getString(ds, DCM_PatientID);
    a.patientBirthDate = getString(ds, DCM_PatientBirthDate);
    a.patientSex = getString(ds, DCM_PatientSex);
    a.studyInstanceUid = getString(ds, DCM_StudyInstanceUID);
    a.studyDate = getString(ds, DCM_StudyDate);
    a.studyTime = getString(ds, DCM_StudyTime);
    a.studyDescription = getString(ds, DCM_StudyDescription);
    a.accessionNumber = getString(ds, DCM_AccessionNumber);
    a.seriesInstanceUid = getString(ds, DCM_SeriesInstanceUID);
    a.seriesNumber = getInt(ds, DCM_SeriesNumber);
    a.seriesDescription = getString(ds, DCM_SeriesDescription);
    a.modality = getString(ds, DCM_Modality);
    a.sopClassUid = getString(ds, DCM_SOPClassUID);
    if (a.sopClassUid.empty())
        a.sopClassUid = getString(*file.getMetaInfo(), DCM_MediaStorageSOPClassUID);
    a.sopInstanceUid = getString(ds, DCM_SOPInstanceUID);
    a.instanceNumber = getInt(ds, DCM_InstanceNumber);
    a.transferSyntaxUid = DcmXfer(ds.getOriginalXfer()).getXferID();
    a.imageType = getStrings(ds, DCM_ImageType);
    a.burnedInAnnotation = getString(ds, DCM_BurnedInAnnotation) == "YES";

    a.rows = getInt(ds, DCM_Rows);
    a.columns = getInt(ds, DCM_Columns);
    a.frames = std::max(1, getInt(ds, DCM_NumberOfFrames, 1));
    a.samplesPerPixel = getInt(ds, DCM_SamplesPerPixel, 1);
    a.pixelFormat.bitsAllocated = getInt(ds, DCM_BitsAllocated, 16);
    a.pixelFormat.bitsStored = getInt(ds, DCM_BitsStored, a.pixelFormat.bitsAllocated);
    a.pixelFormat.highBit = getInt(ds, DCM_HighBit, a.pixelFormat.bitsStored - 1);
    a.pixelFormat.isSigned = getInt(ds, DCM_PixelRepresentation) == 1;
    a.photometric = getString(ds, DCM_PhotometricInterpretation) == "MONOCHROME1" ? Photometric::Monochrome1
                                                                                   : Photometric::Monochrome2;
    readLaterality(ds, a);
    readView(ds, a);
    a.patientOrientation = getStrings(ds, DCM_PatientOrientation);
    const std::string intent = getString(ds, DCM_PresentationIntentType);
    if (intent == "FOR PROCESSING" || a.sopClassUid == UID_DigitalMammographyXRayImageStorageForProcessing)
        a.intent = PresentationIntent::ForProcessing;
    else if (intent == "FOR PRESENTATION")
        a.intent = PresentationIntent::ForPresentation;
    a.pixelSpacing = getSpacing(ds, DCM_PixelSpacing);
    a.imagerPixelSpacing = getSpacing(ds, DCM_ImagerPixelSpacing);
    a.magnificationFactor = getDouble(ds, DCM_EstimatedRadiographicMagnificationFactor);
    readModalityLut(ds, a);
    readVoi(ds, a);
    const std::string shape = getString(ds, DCM_PresentationLUTShape);
    if (shape == "INVERSE")
        a.presentationLutShape = PresentationLutShape::Inverse;
    else if (shape == "IDENTITY")
        a.presentationLutShape = PresentationLutShape::Identity;
    return a;
}

// Parses a whole DICOM file through a guarded stream: values longer than
// maxReadLength are skipped (after checking their bytes are there) and read on access.
void parseOrThrow(DcmFileFormat& file, GuardedDicomInputStream& stream, const std::string& name, Uint32 maxReadLength)
{
    if (stream.status().bad())
        throw Error("Cannot read " + displayName(name) + ": " + stream.status().text());
    file.transferInit();
    const OFCondition status = file.read(stream, EXS_Unknown, EGL_noChange, maxReadLength);
    file.transferEnd();
    if (!stream.problem().empty())
        throw Error("Cannot read " + displayName(name) + ": " + stream.problem());
    if (status == EC_StreamNotifyClient || status == EC_EndOfStream)
        throw Error("Cannot read " + displayName(name) + ": the file ends inside a data element (truncated)");
    if (status.bad())
        throw Error("Cannot read " + displayName(name) + ": " + status.text());
    DcmDataset* ds = file.getDataset();
    if (!ds || ds->card() == 0)
        throw Error("Cannot read " + displayName(name) + ": not a DICOM file or no data elements");
}

// Number of Frames (0028,0008) as written: absent means 1; otherwise 1 .. 2^31 - 1.
int readFrameCount(DcmItem& dataset, const std::string& name)
{
    const std::string text = getString(dataset, DCM_NumberOfFrames);
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos)
        return 1;
    const auto last = text.find_last_not_of(' ');
    const std::string trimmed = text.substr(first, last - first + 1);
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(trimmed.c_str(), &end, 10);
    if (errno != 0 || end != trimmed.c_str() + trimmed.size() || value < 1 || value > std::numeric_limits<Sint32>::max())
        throw Error(name + ": Number of Frames \"" + trimmed + "\" is not a whole number from 1 to 2147483647");
    return int(value);
}

// Everything the pixel buffer size depends on, checked against each other
// before anything is allocated; a.frames becomes the validated frame count.
void checkImageAttributes(DcmItem& dataset, ImageAttributes& a, const std::string& name)
{
    if (a.rows <= 0 || a.columns <= 0 || a.rows > 65535 || a.columns > 65535)
        throw Error(name + ": Rows " + std::to_string(a.rows) + " × Columns " + std::to_string(a.columns) +
                    " is not an image size (1 to 65535 each)");
    a.frames = readFrameCount(dataset, name);
    if (a.samplesPerPixel != 1)
        throw Error(name + ": colour images (Samples per Pixel " + std::to_string(a.samplesPerPixel) +
                    ") are not supported; mammograms are grey-scale");
    const std::string photometric = getString(dataset, DCM_PhotometricInterpretation);
    if (!photometric.empty() && photometric != "MONOCHROME1" && photometric != "MONOCHROME2")
        throw Error(name + ": Photometric Interpretation " + photometric +
                    " is not supported; mammograms are MONOCHROME1 or MONOCHROME2");
    const auto& f = a.pixelFormat;
    if (f.bitsAllocated != 8 && f.bitsAllocated != 16)
        throw Error(name + ": Bits Allocated " + std::to_string(f.bitsAllocated) + " is not supported (8 or 16)");
    if (f.bitsStored < 1 || f.bitsStored > f.bitsAllocated)
        throw Error(name + ": Bits Stored " + std::to_string(f.bitsStored) + " does not fit in Bits Allocated " +
                    std::to_string(f.bitsAllocated));
    if (f.highBit < f.bitsStored - 1 || f.highBit >= f.bitsAllocated)
        throw Error(name + ": High Bit " + std::to_string(f.highBit) + " does not fit Bits Stored " +
                    std::to_string(f.bitsStored) + " in Bits Allocated " + std::to_string(f.bitsAllocated));
    const int representation = getInt(dataset, DCM_PixelRepresentation, 0);
    if (representation != 0 && representation != 1)
        throw Error(name + ": Pixel Representation " + std::to_string(representation) + " is neither 0 nor 1");
}

std::string sizeText(const ImageAttributes& a)
{
    return std::to_string(a.rows) + " × " + std::to_string(a.columns) + " × " + std::to_string(a.frames);
}

// Bytes the decoded pixel data need as DICOM stores them, refused above the limit.
std::uint64_t checkDecodedSize(const ImageAttributes& a, const std::string& name, const DicomReadLimits& limits)
{
    const std::uint64_t bytesPerSample = std::uint64_t(a.pixelFormat.bitsAllocated / 8);
    const auto stored = checkedProduct({std::uint64_t(a.rows), std::uint64_t(a.columns), std::uint64_t(a.frames),
                                        std::uint64_t(a.samplesPerPixel), bytesPerSample});
    const auto held = checkedProduct({std::uint64_t(a.rows), std::uint64_t(a.columns), std::uint64_t(a.frames),
                                      sizeof(std::uint16_t)});
    if (!stored || !held || *held > limits.maxDecodedBytes)
        throw Error(name + ": Rows × Columns × Frames (" + sizeText(a) + ") needs " +
                    (held ? mebibytes(*held) : std::string("more than 16 EiB")) +
                    " of decoded pixels, above the limit of " + mebibytes(limits.maxDecodedBytes));
    return *stored;
}

void checkPixelDataLength(const ImageAttributes& a, std::uint64_t needed, std::uint64_t held, const std::string& name)
{
    if (held < needed)
        throw Error(name + ": Rows × Columns × Frames (" + sizeText(a) + ") at " +
                    std::to_string(a.pixelFormat.bitsAllocated) + " bits needs " + std::to_string(needed) +
                    " bytes but Pixel Data holds " + std::to_string(held));
}

// Encapsulated pixel data: each frame needs at least one fragment (PS3.5 A.4).
void checkFragments(DcmPixelData& pixelData, E_TransferSyntax xfer, const ImageAttributes& a, const std::string& name)
{
    DcmPixelSequence* sequence = nullptr;
    if (pixelData.getEncapsulatedRepresentation(xfer, nullptr, sequence).bad() || !sequence)
        throw Error(name + ": Pixel Data is not encapsulated although the transfer syntax is compressed");
    const unsigned long items = sequence->card();   // the Basic Offset Table, then the fragments
    const unsigned long fragments = items > 0 ? items - 1 : 0;
    if (fragments < 1 || fragments < static_cast<unsigned long>(a.frames))
        throw Error(name + ": Number of Frames is " + std::to_string(a.frames) + " but the compressed Pixel Data has " +
                    std::to_string(fragments) + " fragment(s)");
}

// DCMTK 3.6.7 walks each JPEG fragment's markers for the bit depth before decoding
// and loops forever on a TEM marker (0xFF01) met before the frame header (DCMTK
// bug #1190, fixed after 3.6.7). This walk follows DCMTK's, marker for marker.
bool jpegMarkerWalkHangsDcmtk(const Uint8* data, Uint32 length)
{
    Uint32 offset = 0;
    while (offset + 4 < length) {
        const unsigned marker = (unsigned(data[offset]) << 8) | data[offset + 1];
        const Uint32 segment = (Uint32(data[offset + 2]) << 8) | data[offset + 3];
        if (marker == 0xFF01)
            return true;
        const bool frameHeader = (marker >= 0xFFC0 && marker <= 0xFFCF) && marker != 0xFFC4 && marker != 0xFFC8 &&
                                 marker != 0xFFCC;
        if (frameHeader)
            return false;   // DCMTK has its bit depth
        if (marker == 0xFFFF)
            offset += 1;
        else if (marker >= 0xFFD0 && marker <= 0xFFD9)   // RSTn, SOI, EOI
            offset += 2;
        else if (marker == 0xFFC4 || marker == 0xFFC8 || marker == 0xFFCC || (marker >= 0xFFDA && marker <= 0xFFFE))
            offset += segment + 2;
        else if (data[offset] == 0xFF && data[offset + 1] > 2 && data[offset + 1] <= 0xBF)
            offset += 2;
        else
            return false;   // DCMTK stops at an invalid marker
    }
    return false;
}

void checkJpegFragments(DcmPixelData& pixelData, E_TransferSyntax xfer, const std::string& name)
{
    DcmPixelSequence* sequence = nullptr;
    if (pixelData.getEncapsulatedRepresentation(xfer, nullptr, sequence).bad() || !sequence)
        return;
    for (unsigned long i = 1; i < sequence->card(); ++i) {
        DcmPixelItem* fragment = nullptr;
        Uint8* bytes = nullptr;
        if (sequence->getItem(fragment, i).bad() || !fragment || fragment->getUint8Array(bytes).bad() || !bytes)
            continue;
        if (jpegMarkerWalkHangsDcmtk(bytes, fragment->getLength()))
            throw Error(name + ": the JPEG data hold a TEM marker (FF01) before the frame header, which the "
                               "installed DCMTK cannot decode");
    }
}

// readAttributes with the file named in its errors (the LUT checks do not know it).
ImageAttributes readNamedAttributes(DcmFileFormat& file, const std::string& path)
{
    try {
        return readAttributes(file, path);
    } catch (const Error& e) {
        throw Error(displayName(path) + ": " + e.what());
    }
}

DicomHeader headerFrom(DcmFileFormat& file, const std::string& name)
{
    DicomHeader header;
    header.attributes = readNamedAttributes(file, name);
    const bool hasPixels = file.getDataset()->tagExists(DCM_PixelData) ||
                           file.getDataset()->tagExists(DCM_FloatPixelData);
    header.kind = kindOf(header.attributes.sopClassUid, hasPixels);
    return header;
}

ImagePtr imageFrom(DcmFileFormat& file, const std::string& path, const DicomReadLimits& limits)
{
    const std::string name = displayName(path);
    ImageAttributes a = readNamedAttributes(file, path);
    DcmDataset& ds = *file.getDataset();

    DcmElement* pixelElement = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, pixelElement).bad() || !pixelElement)
        throw Error(name + ": no pixel data (not an image)");
    auto* pixelData = dynamic_cast<DcmPixelData*>(pixelElement);
    if (!pixelData)
        throw Error(name + ": Pixel Data has an unexpected value representation");
    // The codecs find Rows, Columns... in the item below the pixel data on this stack.
    DcmStack stack;
    stack.push(&ds);
    stack.push(pixelData);
    checkImageAttributes(ds, a, name);

    const DcmXfer original(ds.getOriginalXfer());
    if (!isTransferSyntaxSupported(a.transferSyntaxUid))
        throw Error(name + ": transfer syntax \"" + transferSyntaxName(a.transferSyntaxUid) + "\" (" +
                    a.transferSyntaxUid + ") is not supported");
    const std::uint64_t needed = checkDecodedSize(a, name, limits);
    if (original.isEncapsulated()) {
        checkFragments(*pixelData, original.getXfer(), a, name);
        const E_TransferSyntax xfer = original.getXfer();
        if (xfer == EXS_JPEGProcess1 || xfer == EXS_JPEGProcess2_4 || xfer == EXS_JPEGProcess14 ||
            xfer == EXS_JPEGProcess14SV1)
            checkJpegFragments(*pixelData, xfer, name);
        // Only the image's own Pixel Data: icons in sequences stay compressed and unchecked.
        const OFCondition decoded = pixelData->chooseRepresentation(EXS_LittleEndianExplicit, nullptr, stack);
        if (decoded.bad() || !pixelData->canWriteXfer(EXS_LittleEndianExplicit, original.getXfer()))
            throw Error(name + ": cannot decode " + transferSyntaxName(a.transferSyntaxUid) + " pixel data: " +
                        decoded.text());
    }
    checkPixelDataLength(a, needed, pixelData->getLength(), name);

    // Keep only the stored bits, shifted down when High Bit is not Bits Stored - 1.
    const PixelFormat format = a.pixelFormat;
    const std::size_t count = std::size_t(a.rows) * std::size_t(a.columns) * std::size_t(a.frames);
    const int shift = format.highBit + 1 - format.bitsStored;
    const std::uint16_t mask = std::uint16_t((1u << format.bitsStored) - 1u);
    std::vector<std::uint16_t> pixels(count);
    if (format.bitsAllocated == 16) {
        Uint16* words = nullptr;
        if (pixelData->getUint16Array(words).bad() || !words)
            throw Error(name + ": cannot access 16-bit pixel data");
        if (shift == 0 && format.bitsStored == 16)
            std::memcpy(pixels.data(), words, count * 2);
        else
            for (std::size_t i = 0; i < count; ++i)
                pixels[i] = std::uint16_t((words[i] >> shift) & mask);
    } else {
        Uint8* bytes = nullptr;
        if (pixelData->getUint8Array(bytes).bad() || !bytes)
            throw Error(name + ": cannot access 8-bit pixel data");
        for (std::size_t i = 0; i < count; ++i)
            pixels[i] = std::uint16_t((bytes[i] >> shift) & mask);
    }
    return std::make_shared<const Image>(std::move(a), std::move(pixels));
}

} // namespace

DicomHeader readDicomHeader(const std::string& path)
{
    initialiseDicomToolkit();
    DcmFileFormat file;
    auto stream = GuardedDicomInputStream::openFile(path, kMaxInflatedHeaderBytes);
    parseOrThrow(file, *stream, path, kHeaderMaxReadLength);
    return headerFrom(file, path);
}

DicomHeader readDicomHeaderFromBuffer(const void* data, std::size_t size, const std::string& name)
{
    initialiseDicomToolkit();
    DcmFileFormat file;
    auto stream = GuardedDicomInputStream::openMemory(data, size, kMaxInflatedHeaderBytes);
    parseOrThrow(file, *stream, name, kHeaderMaxReadLength);
    return headerFrom(file, name);
}

ImagePtr readDicomImage(const std::string& path, const DicomReadLimits& limits)
{
    initialiseDicomToolkit();
    DcmFileFormat file;
    auto stream = GuardedDicomInputStream::openFile(path, limits.maxDecodedBytes + kMaxInflatedHeaderBytes);
    parseOrThrow(file, *stream, path, kImageMaxReadLength);
    return imageFrom(file, path, limits);
}

ImagePtr readDicomImageFromBuffer(const void* data, std::size_t size, const std::string& name,
                                  const DicomReadLimits& limits)
{
    initialiseDicomToolkit();
    DcmFileFormat file;
    auto stream = GuardedDicomInputStream::openMemory(data, size, limits.maxDecodedBytes + kMaxInflatedHeaderBytes);
    parseOrThrow(file, *stream, name, kImageMaxReadLength);
    return imageFrom(file, name, limits);
}

} // namespace mammo::core
