#pragma once
// A synthetic mammogram (a normal image with lesions blended in) written as a
// new MG instance that can never pass for a patient acquisition.
#include "BurnedInText.h"
#include "ImageAttributes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mammo::core {

// How the synthetic image was made.
struct SyntheticImageInfo {
    std::string method;             // "ban", "poisson", "paste"...: lower case letters, digits, '_' or '-', at most 16
    int lesionCount = 1;
    std::string softwareVersions;   // (0018,1020); empty: not written
    std::string uidRoot;            // root of the new UIDs; empty: DCMTK's
    std::vector<PixelRect> keepClear;   // regions the burnt-in marking must not cover (the lesions)
};

struct SyntheticImageResult {
    ImageAttributes attributes;   // as written: new UIDs, file path, Image Type
    PixelRect marking;            // where "SYNTHETIC" is burnt into the pixels
};

// Writes the composite as a Digital Mammography X-Ray Image derived from the source:
// - new Study, Series and SOP Instance UIDs; no Frame of Reference (the MG IOD
//   makes it optional and a synthetic image shares no patient space with anything);
// - Image Type DERIVED\SECONDARY\<the source's value 3, often empty>\...\SYNTHETIC
//   (ImageAttributes::isSynthetic), the source's laterality, view, orientation,
//   spacing and windows;
// - Study/Series Description and Image Comments say SYNTHETIC and the method;
// - Source Image Sequence names the source, purpose (121322, DCM, "Source image
//   for image processing operation") (CID 7202); Derivation Code Sequence
//   (113047, DCM, "Pixel by pixel mask") (CID 7203), because the lesion enters the
//   source only inside its mask, with Derivation Description naming the method;
// - patient identity replaced: SYNTHETIC^CASE, a Patient ID derived from the new
//   Study Instance UID, no birth date, accession number or institution; study date
//   and time are the time of writing;
// - Burned In Annotation YES: "SYNTHETIC" is burnt into the pixels, so the marking
//   survives stripping of the attributes. It goes in the corner of the image that
//   is darkest on display among those away from the chest wall (Patient Orientation
//   row direction A: chest wall on the left; P: on the right; otherwise all four
//   corners compete), avoiding keepClear: there lies the background beside the
//   nipple, never breast tissue. Light glyphs on a black plate, readable at any window.
// Throws Error (without patient data) for a source without SOP Class/Instance UID,
// a composite whose size differs from the source's, values beyond Bits Stored, a
// source file that holds another instance, or a file that cannot be written
// (nothing is left behind then).
class SyntheticImageWriter {
public:
    explicit SyntheticImageWriter(SyntheticImageInfo info);

    // source: attributes of the normal image (filePath, when the file exists, gives
    // Pixel Intensity Relationship and Detector Type). compositeStoredPixels:
    // source.rows x source.columns stored values, row-major, without the marking.
    SyntheticImageResult write(const ImageAttributes& source, const std::vector<std::uint16_t>& compositeStoredPixels,
                               const std::string& path) const;

    // The text burnt into the pixels.
    static constexpr const char* kMarking = "SYNTHETIC";

private:
    SyntheticImageInfo m_info;
};

// "SYNTHETIC-" and 16 hexadecimal digits of a hash of the study UID.
std::string syntheticPatientId(const std::string& studyInstanceUid);

} // namespace mammo::core
