#pragma once
#include "core/Finding.h"
#include "core/ImageAttributes.h"

#include <string>
#include <vector>

namespace mammo::core::cad {

// What the segments are. The defaults describe the assistant's findings; a
// synthetic case names its lesions instead (ai/synthesis/SyntheticCaseExport).
struct SegmentationWording {
    std::string seriesDescription = "CAD mass regions, decision support only";
    std::string contentLabel = "CAD_MASSES";   // Content Label: CS, at most 16 characters
    std::string contentDescription = "Mass regions of computer-aided detection (decision support)";
    std::string derivationDescription = "Contours of the assistant's findings filled by scan line";
    std::string automaticSegmentLabel = "CAD mass";   // numbered: "CAD mass 1"
    // Segment Description of AUTOMATIC segments, followed by the score and
    // P(malignant) when scoresInDescription; otherwise by ": <the finding's label>" when it has one.
    std::string automaticSegmentDescription = "Computer-aided detection";
    bool scoresInDescription = true;
};

struct SegmentationOptions {
    std::string manufacturer = "Mammoscope";   // General Equipment; DCMTK needs all four non-empty
    std::string modelName = "Mammoscope";
    std::string deviceSerialNumber = "N/A";     // software: no serial number
    std::string softwareVersions = "unknown";
    std::string algorithmName;                  // Segment Algorithm Name of the AUTOMATIC segments
    int seriesNumber = 9002;
    int instanceNumber = 1;
    SegmentationWording wording;
};

struct SegmentationWriteResult {
    std::string sopInstanceUid;
    std::string seriesInstanceUid;
    int segmentsWritten = 0;
    int emptyRegionsSkipped = 0;   // findings whose region covers no pixel centre
};

// Writes the regions of the findings on one image as a binary DICOM
// Segmentation (1.2.840.10008.5.1.4.1.1.66.4): one segment and one frame per
// finding, the frame being the finding's contour (or box) filled by
// rasterizePolygon at the image's size. Each segment is a mass:
// Segmented Property Category (49755003, SCT, "Morphologically Abnormal
// Structure") (CID 7150), Type (4147007, SCT, "Mass") (CID 7159).
// The assistant's findings are AUTOMATIC segments named after
// options.algorithmName; regions the reader drew (drawnByReader) are MANUAL.
// Patient, study (and Frame of Reference, when the image has one) come from
// the source image file (image.filePath) or, without a file, from the
// attributes; every frame is derived from the source image (Derivation Image
// functional group, purpose "Source image for image processing operation")
// and carries its Pixel Spacing; Referenced Series Sequence names it.
// Findings of other images are ignored.
class SegmentationWriter {
public:
    explicit SegmentationWriter(SegmentationOptions options);

    // Throws Error when no finding of this image has a region, for bad
    // attributes, or when the file cannot be written.
    SegmentationWriteResult write(const ImageAttributes& image, const std::vector<Finding>& findings,
                                  const std::string& path) const;

private:
    SegmentationOptions m_options;
};

} // namespace mammo::core::cad
