#pragma once
#include "PolygonRasterizer.h"

#include <string>
#include <vector>

namespace mammo::core::cad {

// One frame of a binary segmentation: a segment on one source image.
struct SegmentMask {
    int segmentNumber = 0;
    std::string label;
    std::string description;
    bool automatic = false;                 // Segment Algorithm Type AUTOMATIC (else MANUAL/SEMIAUTOMATIC)
    std::string referencedSopInstanceUid;   // the source image the frame is derived from
    BinaryMask mask;                        // one byte per pixel, 0 or 1
};

struct SegmentationContent {
    std::string sopInstanceUid;
    std::vector<SegmentMask> segments;      // in frame order
};

// Reads a binary DICOM SEG (as SegmentationWriter writes it) back into
// per-image masks. Frames without a source image reference keep an empty
// referencedSopInstanceUid. Throws Error for unreadable files, non-SEG files
// and fractional segmentations.
class SegmentationReader {
public:
    SegmentationContent read(const std::string& path) const;
};

} // namespace mammo::core::cad
