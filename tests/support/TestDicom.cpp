#include "TestDicom.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrobow.h>

#include <stdexcept>

namespace mammo::test {
namespace {

void check(const OFCondition& status, const char* what)
{
    if (status.bad())
        throw std::runtime_error(std::string(what) + ": " + status.text());
}

void putCommon(DcmDataset& ds, const TestImageSpec& spec, const char* sopClass)
{
    ds.putAndInsertString(DCM_SOPClassUID, sopClass);
    ds.putAndInsertString(DCM_SOPInstanceUID, spec.sopUid.c_str());
    ds.putAndInsertString(DCM_StudyInstanceUID, spec.studyUid.c_str());
    ds.putAndInsertString(DCM_SeriesInstanceUID, spec.seriesUid.c_str());
    ds.putAndInsertString(DCM_PatientID, spec.patientId.c_str());
    ds.putAndInsertString(DCM_PatientName, spec.patientName.c_str());
    ds.putAndInsertString(DCM_StudyDate, spec.studyDate.c_str());
    ds.putAndInsertString(DCM_StudyTime, "101500");
    ds.putAndInsertString(DCM_StudyID, "1");
    ds.putAndInsertString(DCM_SeriesNumber, "1");
    ds.putAndInsertString(DCM_InstanceNumber, "1");
    ds.putAndInsertString(DCM_AccessionNumber, "");
    ds.putAndInsertString(DCM_PatientBirthDate, "");
    ds.putAndInsertString(DCM_PatientSex, "F");
    ds.putAndInsertString(DCM_Modality, "MG");
}

} // namespace

std::vector<std::uint16_t> gradientPixels(const TestImageSpec& spec)
{
    std::vector<std::uint16_t> pixels(std::size_t(spec.rows) * spec.columns * spec.frames);
    const int maxValue = (1 << spec.bitsStored) - 1;
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        const std::size_t inFrame = i % (std::size_t(spec.rows) * spec.columns);
        const int column = int(inFrame % spec.columns);
        const int frame = int(i / (std::size_t(spec.rows) * spec.columns));
        pixels[i] = std::uint16_t((column * maxValue / std::max(1, spec.columns - 1) + frame * 7) & maxValue);
    }
    return pixels;
}

std::string writeTestImage(const std::string& path, const TestImageSpec& spec)
{
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    putCommon(ds, spec, UID_DigitalMammographyXRayImageStorageForPresentation);
    ds.putAndInsertString(DCM_ImageLaterality, spec.laterality.c_str());
    ds.putAndInsertString(DCM_ViewPosition, spec.viewPosition.c_str());
    std::string orientation;
    for (const std::string& o : spec.patientOrientation)
        orientation += (orientation.empty() ? "" : "\\") + o;
    if (!orientation.empty())
        ds.putAndInsertString(DCM_PatientOrientation, orientation.c_str());
    ds.putAndInsertString(DCM_PresentationIntentType, spec.presentationIntent.c_str());
    ds.putAndInsertString(DCM_ImagerPixelSpacing, (std::to_string(spec.imagerPixelSpacing) + "\\" + std::to_string(spec.imagerPixelSpacing)).c_str());
    if (spec.magnification > 0)
        ds.putAndInsertString(DCM_EstimatedRadiographicMagnificationFactor, std::to_string(spec.magnification).c_str());
    ds.putAndInsertUint16(DCM_Rows, Uint16(spec.rows));
    ds.putAndInsertUint16(DCM_Columns, Uint16(spec.columns));
    if (spec.frames > 1)
        ds.putAndInsertString(DCM_NumberOfFrames, std::to_string(spec.frames).c_str());
    ds.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds.putAndInsertString(DCM_PhotometricInterpretation, spec.photometric.c_str());
    ds.putAndInsertUint16(DCM_BitsAllocated, Uint16(spec.bitsAllocated));
    ds.putAndInsertUint16(DCM_BitsStored, Uint16(spec.bitsStored));
    ds.putAndInsertUint16(DCM_HighBit, Uint16(spec.bitsStored - 1));
    ds.putAndInsertUint16(DCM_PixelRepresentation, spec.isSigned ? 1 : 0);
    if (!spec.windows.empty()) {
        std::string centers, widths;
        for (const auto& [c, w] : spec.windows) {
            centers += (centers.empty() ? "" : "\\") + std::to_string(c);
            widths += (widths.empty() ? "" : "\\") + std::to_string(w);
        }
        ds.putAndInsertString(DCM_WindowCenter, centers.c_str());
        ds.putAndInsertString(DCM_WindowWidth, widths.c_str());
    }
    if (!spec.voiLutFunction.empty())
        ds.putAndInsertString(DCM_VOILUTFunction, spec.voiLutFunction.c_str());
    if (!spec.voiLut.empty()) {
        DcmItem* item = nullptr;
        check(ds.findOrCreateSequenceItem(DCM_VOILUTSequence, item, -2), "VOI LUT item");
        const Uint16 descriptor[3] = {Uint16(spec.voiLut.size() == 65536 ? 0 : spec.voiLut.size()),
                                      Uint16(spec.voiLutFirstMapped), Uint16(spec.voiLutBits)};
        check(item->putAndInsertUint16Array(DCM_LUTDescriptor, descriptor, 3), "LUT descriptor");
        check(item->putAndInsertUint16Array(DCM_LUTData, spec.voiLut.data(), spec.voiLut.size()), "LUT data");
        item->putAndInsertString(DCM_LUTExplanation, "TEST LUT");
    }
    if (spec.rescaleSlope != 0.0) {
        ds.putAndInsertString(DCM_RescaleSlope, std::to_string(spec.rescaleSlope).c_str());
        ds.putAndInsertString(DCM_RescaleIntercept, std::to_string(spec.rescaleIntercept).c_str());
        ds.putAndInsertString(DCM_RescaleType, "US");
    }
    if (!spec.presentationLutShape.empty())
        ds.putAndInsertString(DCM_PresentationLUTShape, spec.presentationLutShape.c_str());
    const std::vector<std::uint16_t> pixels = spec.pixels.empty() ? gradientPixels(spec) : spec.pixels;
    if (spec.bitsAllocated == 8) {
        std::vector<Uint8> bytes(pixels.begin(), pixels.end());
        check(ds.putAndInsertUint8Array(DCM_PixelData, bytes.data(), bytes.size()), "pixel data");
    } else {
        check(ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), pixels.size()), "pixel data");
    }
    check(file.saveFile(path.c_str(), EXS_LittleEndianExplicit), "save");
    return path;
}

std::string writeTestStructuredReport(const std::string& path)
{
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    TestImageSpec spec;
    spec.sopUid += ".99";
    putCommon(ds, spec, UID_BasicTextSRStorage);
    ds.putAndInsertString(DCM_Modality, "SR");
    ds.putAndInsertString(DCM_ValueType, "CONTAINER");
    check(file.saveFile(path.c_str(), EXS_LittleEndianExplicit), "save SR");
    return path;
}

std::string writeJpeg2000Image(const std::string& path)
{
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    TestImageSpec spec;
    spec.sopUid += ".2000";
    putCommon(ds, spec, UID_DigitalMammographyXRayImageStorageForPresentation);
    ds.putAndInsertUint16(DCM_Rows, 8);
    ds.putAndInsertUint16(DCM_Columns, 8);
    ds.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    ds.putAndInsertUint16(DCM_BitsAllocated, 16);
    ds.putAndInsertUint16(DCM_BitsStored, 12);
    ds.putAndInsertUint16(DCM_HighBit, 11);
    ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
    // An encapsulated sequence: empty offset table plus one opaque fragment.
    auto* sequence = new DcmPixelSequence(DCM_PixelSequenceTag);
    sequence->insert(new DcmPixelItem(DCM_PixelItemTag));
    auto* fragment = new DcmPixelItem(DCM_PixelItemTag);
    Uint8 junk[16] = {0xFF, 0x4F, 0xFF, 0x51};
    fragment->putUint8Array(junk, sizeof junk);
    sequence->insert(fragment);
    auto* pixelData = new DcmPixelData(DCM_PixelData);
    pixelData->putOriginalRepresentation(EXS_JPEG2000LosslessOnly, nullptr, sequence);
    ds.insert(pixelData);
    check(file.saveFile(path.c_str(), EXS_JPEG2000LosslessOnly), "save J2K");
    return path;
}

} // namespace mammo::test
