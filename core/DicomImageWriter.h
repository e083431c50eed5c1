#pragma once
#include "Image.h"
#include "ImageAttributes.h"
#include "ViewCodes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mammo::core {

// Transfer syntaxes the writer can produce. All but JpegBaseline are lossless.
enum class DicomOutputSyntax {
    ExplicitLittleEndian,   // 1.2.840.10008.1.2.1
    RleLossless,            // 1.2.840.10008.1.2.5
    JpegLosslessSv1,        // 1.2.840.10008.1.2.4.70 (process 14, selection value 1)
    JpegLsLossless,         // 1.2.840.10008.1.2.4.80
    JpegBaseline            // 1.2.840.10008.1.2.4.50, 8-bit only, lossy
};

std::string outputSyntaxUid(DicomOutputSyntax syntax);
// Command-line names: explicit, rle, jpeg-lossless, jpeg-ls, jpeg-baseline.
std::string outputSyntaxName(DicomOutputSyntax syntax);
std::optional<DicomOutputSyntax> outputSyntaxFromName(const std::string& name);
bool isLossless(DicomOutputSyntax syntax);

// Patient Orientation (0020,0020) of a mammogram in the usual display
// orientation: R MLO = P\F, L MLO = A\F, R CC = P\L, L CC = A\R. Empty when
// laterality or view do not fix it.
std::vector<std::string> standardMammographyOrientation(Laterality laterality, ViewPosition view);

// One item of Source Image Sequence (0008,2112): an image this one was derived from.
struct SourceImageReference {
    std::string sopClassUid;
    std::string sopInstanceUid;
    CodedConcept purpose;   // Purpose of Reference (CID 7202), e.g. 121322 "Source image for image processing operation"
};

// What an MG file needs that ImageAttributes does not describe.
struct MammographyWriteOptions {
    DicomOutputSyntax syntax = DicomOutputSyntax::ExplicitLittleEndian;
    int jpegBaselineQuality = 90;             // 1..100, JpegBaseline only

    std::string manufacturer;                 // (0008,0070)
    std::string manufacturerModelName;        // (0008,1090)
    std::string institutionName;              // (0008,0080)
    std::string softwareVersions;             // (0018,1020)
    std::string derivationDescription;        // (0008,2111), for DERIVED images
    std::string imageComments;                // (0020,4000)
    std::string detectorType;                 // (0018,7004): DIRECT, SCINTILLATOR, STORAGE, FILM or empty
    std::string studyId;                      // (0020,0010)
    std::string contentDate;                  // YYYYMMDD; empty: the study date
    std::string contentTime;                  // empty: the study time
    // LIN or LOG (0028,1040): film digitisers store optical density, a logarithm.
    std::string pixelIntensityRelationship = "LIN";
    std::string uidRoot;                      // for new UIDs; empty: DCMTK's root
    // DERIVED images: where they came from and how (PS3.3 C.7.6.1.1.3-4); written only when given.
    std::vector<SourceImageReference> sourceImages;   // (0008,2112)
    std::vector<CodedConcept> derivationCodes;        // (0008,9215), CID 7203
};

// Writes single-frame grey-scale Digital Mammography X-Ray images (MG IOD),
// For Presentation or, when the intent says so, For Processing.
class DicomImageWriter {
public:
    explicit DicomImageWriter(MammographyWriteOptions options = {});

    const MammographyWriteOptions& options() const { return m_options; }

    // storedPixels: rows x columns stored values, row-major, 8 or 16 bits
    // allocated (uint16 either way, as in Image). Missing UIDs are generated;
    // an empty Patient Orientation gets the standard one for laterality and
    // view; a For Presentation image without window or VOI LUT gets the full
    // range as window; For Processing images carry no VOI (the IOD forbids it).
    // Returns the attributes as written (UIDs, transfer syntax, file path).
    // Throws Error when the attributes do not describe a valid MG image or the
    // file cannot be written.
    ImageAttributes write(const ImageAttributes& attributes, const std::vector<std::uint16_t>& storedPixels,
                          const std::string& path) const;
    ImageAttributes write(const Image& image, const std::string& path) const;

    // A new UID under options().uidRoot (or DCMTK's root).
    std::string newUid() const;

private:
    MammographyWriteOptions m_options;
};

// Registers DCMTK's RLE, JPEG and JPEG-LS encoders once per process.
void registerDicomEncoders();

} // namespace mammo::core
