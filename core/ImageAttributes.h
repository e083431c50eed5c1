#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mammo::core {

enum class Laterality { Unknown, Right, Left, Both };
enum class PresentationIntent { Unknown, ForPresentation, ForProcessing };
enum class Photometric { Monochrome1, Monochrome2 };
enum class PresentationLutShape { Unspecified, Identity, Inverse };
enum class VoiFunction { Linear, LinearExact, Sigmoid };

// Mammography views (DICOM CID 4014); the names follow View Position (0018,5101).
enum class ViewPosition { Unknown, CC, MLO, ML, LM, XCCL, XCCM, FB, SIO, LMO, AT, CV, RL, RM, TAN, ID, SPOT };

// Physical size of one pixel, row spacing first as in DICOM.
struct Spacing {
    double rowMm = 0.0;
    double columnMm = 0.0;
};

// A LUT as DICOM stores it (LUT Descriptor + LUT Data): entry i maps input
// firstMapped + i; inputs outside the table clamp to the first/last entry.
struct LutTable {
    int firstMapped = 0;
    int bitsPerEntry = 16;
    std::vector<std::uint16_t> data;
    std::string explanation;
};

struct VoiWindow {
    double center = 0.0;
    double width = 1.0;
    VoiFunction function = VoiFunction::Linear;
    std::string explanation;
};

// Modality LUT: either Rescale Slope/Intercept or a LUT sequence (the LUT wins).
struct ModalityLut {
    double slope = 1.0;
    double intercept = 0.0;
    std::optional<LutTable> table;
};

// How stored pixel values are laid out in memory (after decoding).
struct PixelFormat {
    int bitsAllocated = 16;
    int bitsStored = 16;
    int highBit = 15;
    bool isSigned = false;
};

// Everything about one DICOM image instance except its pixels: what the study
// browser, hanging and display chain need. Cheap to copy.
struct ImageAttributes {
    std::string filePath;

    std::string patientName;   // DICOM PN, carets kept
    std::string patientId;
    std::string patientBirthDate;
    std::string patientSex;

    std::string studyInstanceUid;
    std::string studyDate;     // YYYYMMDD
    std::string studyTime;
    std::string studyDescription;
    std::string accessionNumber;

    std::string seriesInstanceUid;
    int seriesNumber = 0;
    std::string seriesDescription;
    std::string modality;

    std::string sopClassUid;
    std::string sopInstanceUid;
    int instanceNumber = 0;
    std::string transferSyntaxUid;
    std::vector<std::string> imageType;   // Image Type (0008,0008) values
    bool burnedInAnnotation = false;

    int rows = 0;
    int columns = 0;
    int frames = 1;
    int samplesPerPixel = 1;
    PixelFormat pixelFormat;
    Photometric photometric = Photometric::Monochrome2;

    Laterality laterality = Laterality::Unknown;
    ViewPosition view = ViewPosition::Unknown;
    std::string viewModifier;              // e.g. "spot compression" from the modifier sequence
    std::vector<std::string> patientOrientation;  // (0020,0020): row direction, column direction
    PresentationIntent intent = PresentationIntent::Unknown;

    std::optional<Spacing> pixelSpacing;          // (0028,0030)
    std::optional<Spacing> imagerPixelSpacing;    // (0018,1164)
    std::optional<double> magnificationFactor;    // (0018,1114)

    ModalityLut modalityLut;
    std::vector<VoiWindow> windows;               // presets, in file order
    std::vector<LutTable> voiLuts;                // VOI LUT Sequence items
    PresentationLutShape presentationLutShape = PresentationLutShape::Unspecified;

    bool isSynthetic() const;   // DERIVED image marked synthetic by Mammoscope
};

} // namespace mammo::core
