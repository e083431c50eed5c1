#include "DicomReader.h"

#include "Error.h"
#include "TransferSyntax.h"
#include "ViewCodes.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <cstring>
#include <limits>

namespace mammo::core {
namespace {

// Elements longer than this stay on disk when only the header is wanted.
constexpr Uint32 kHeaderMaxReadLength = 4096;
// Guard against absurd dimensions before any allocation (16-bit, 2 GiB).
constexpr std::size_t kMaxPixelCount = std::size_t(1) << 30;

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

// signedInput: Pixel Representation is 1, so the first value mapped is signed even
// when the descriptor is written as US (PS3.3 C.11.1.1; DCMTK reads it so too).
std::optional<LutTable> readLut(DcmItem& item, bool signedInput)
{
    DcmElement* descriptor = nullptr;
    DcmElement* data = nullptr;
    if (item.findAndGetElement(DCM_LUTDescriptor, descriptor).bad() || !descriptor || descriptor->getVM() < 3)
        return std::nullopt;
    if (item.findAndGetElement(DCM_LUTData, data).bad() || !data)
        throw Error("LUT Descriptor present but LUT Data missing");

    // Descriptor values are US or SS; read them as unsigned, the second (first
    // mapped) may be signed when the pixel data are.
    Uint16 entries = 0, bits = 0;
    descriptor->getUint16(entries, 0);
    descriptor->getUint16(bits, 2);
    Uint16 firstRaw = 0;
    Sint16 firstSigned = 0;
    int firstMapped = 0;
    if (descriptor->getUint16(firstRaw, 1).good())
        firstMapped = signedInput && firstRaw > 0x7FFF ? int(firstRaw) - 0x10000 : int(firstRaw);
    else if (descriptor->getSint16(firstSigned, 1).good())
        firstMapped = firstSigned;

    LutTable lut;
    lut.firstMapped = firstMapped;
    lut.bitsPerEntry = (bits >= 8 && bits <= 16) ? bits : 16;
    const std::size_t count = entries == 0 ? 65536u : entries;   // 0 means 2^16 (PS3.3 C.11.1.1)
    Uint16* words = nullptr;
    if (data->getUint16Array(words).good() && words) {
        const std::size_t available = data->getLength() / 2;
        if (available >= count) {
            lut.data.assign(words, words + count);
        } else if (lut.bitsPerEntry == 8 && available * 2 >= count) {
            // 8-bit entries packed two per word (allowed for OW LUT Data).
            const auto* bytes = reinterpret_cast<const Uint8*>(words);
            lut.data.assign(bytes, bytes + count);
        } else {
            throw Error("LUT Data is shorter than its LUT Descriptor says");
        }
    } else {
        throw Error("LUT Data cannot be read");
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
        if (centers->getFloat64(c, i).bad() || widths->getFloat64(w, i).bad() || w < 1.0)
            continue;   // a width below 1 is invalid (PS3.3 C.11.2.1.2)
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

void loadFileOrThrow(DcmFileFormat& file, const std::string& path, Uint32 maxReadLength)
{
    const OFCondition status = file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, maxReadLength);
    if (status.bad())
        throw Error("Cannot read " + path + ": " + status.text());
    DcmDataset* ds = file.getDataset();
    if (!ds || ds->card() == 0)
        throw Error("Cannot read " + path + ": not a DICOM file or no data elements");
}

void checkImageAttributes(const ImageAttributes& a, const std::string& path)
{
    if (a.rows <= 0 || a.columns <= 0)
        throw Error(path + ": image has no Rows/Columns");
    if (a.samplesPerPixel != 1)
        throw Error(path + ": colour images (Samples per Pixel " + std::to_string(a.samplesPerPixel) +
                    ") are not supported; mammograms are grey-scale");
    const auto& f = a.pixelFormat;
    if (f.bitsAllocated != 8 && f.bitsAllocated != 16)
        throw Error(path + ": Bits Allocated " + std::to_string(f.bitsAllocated) + " is not supported (8 or 16)");
    if (f.bitsStored < 1 || f.bitsStored > f.bitsAllocated || f.highBit < f.bitsStored - 1 || f.highBit >= f.bitsAllocated)
        throw Error(path + ": inconsistent Bits Stored / High Bit");
    const std::size_t count = std::size_t(a.rows) * std::size_t(a.columns) * std::size_t(a.frames);
    if (count > kMaxPixelCount)
        throw Error(path + ": image too large (" + std::to_string(count) + " pixels)");
}

} // namespace

DicomHeader readDicomHeader(const std::string& path)
{
    initialiseDicomToolkit();
    DcmFileFormat file;
    loadFileOrThrow(file, path, kHeaderMaxReadLength);
    DicomHeader header;
    header.attributes = readAttributes(file, path);
    const bool hasPixels = file.getDataset()->tagExists(DCM_PixelData) ||
                           file.getDataset()->tagExists(DCM_FloatPixelData);
    header.kind = kindOf(header.attributes.sopClassUid, hasPixels);
    return header;
}

ImagePtr readDicomImage(const std::string& path)
{
    initialiseDicomToolkit();
    DcmFileFormat file;
    loadFileOrThrow(file, path, DCM_MaxReadLength);
    ImageAttributes a = readAttributes(file, path);
    DcmDataset& ds = *file.getDataset();

    DcmElement* pixelElement = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, pixelElement).bad() || !pixelElement)
        throw Error(path + ": no pixel data (not an image)");
    checkImageAttributes(a, path);

    const DcmXfer original(ds.getOriginalXfer());
    if (!isTransferSyntaxSupported(a.transferSyntaxUid))
        throw Error(path + ": transfer syntax \"" + transferSyntaxName(a.transferSyntaxUid) + "\" (" +
                    a.transferSyntaxUid + ") is not supported");
    if (original.isEncapsulated()) {
        const OFCondition decoded = ds.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
        if (decoded.bad() || !ds.canWriteXfer(EXS_LittleEndianExplicit))
            throw Error(path + ": cannot decode " + transferSyntaxName(a.transferSyntaxUid) + " pixel data: " +
                        decoded.text());
        ds.findAndGetElement(DCM_PixelData, pixelElement);
    }

    const PixelFormat format = a.pixelFormat;
    const std::size_t count = std::size_t(a.rows) * std::size_t(a.columns) * std::size_t(a.frames);
    const std::size_t bytesPerSample = format.bitsAllocated / 8;
    if (pixelElement->getLength() < count * bytesPerSample)
        throw Error(path + ": pixel data truncated (" + std::to_string(pixelElement->getLength()) + " bytes, " +
                    std::to_string(count * bytesPerSample) + " expected)");

    // Keep only the stored bits, shifted down when High Bit is not Bits Stored - 1.
    const int shift = format.highBit + 1 - format.bitsStored;
    const std::uint16_t mask = std::uint16_t((1u << format.bitsStored) - 1u);
    std::vector<std::uint16_t> pixels(count);
    if (format.bitsAllocated == 16) {
        Uint16* words = nullptr;
        if (pixelElement->getUint16Array(words).bad() || !words)
            throw Error(path + ": cannot access 16-bit pixel data");
        if (shift == 0 && format.bitsStored == 16)
            std::memcpy(pixels.data(), words, count * 2);
        else
            for (std::size_t i = 0; i < count; ++i)
                pixels[i] = std::uint16_t((words[i] >> shift) & mask);
    } else {
        Uint8* bytes = nullptr;
        if (pixelElement->getUint8Array(bytes).bad() || !bytes)
            throw Error(path + ": cannot access 8-bit pixel data");
        for (std::size_t i = 0; i < count; ++i)
            pixels[i] = std::uint16_t((bytes[i] >> shift) & mask);
    }
    return std::make_shared<const Image>(std::move(a), std::move(pixels));
}

} // namespace mammo::core
