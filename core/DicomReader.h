#pragma once
#include "Image.h"
#include "ImageAttributes.h"

#include <string>

namespace mammo::core {

// What a DICOM file holds, decided from its SOP Class and pixel data.
enum class DicomObjectKind { Image, StructuredReport, PresentationState, Segmentation, DicomDirectory, Other };

struct DicomHeader {
    DicomObjectKind kind = DicomObjectKind::Other;
    ImageAttributes attributes;   // filled for every kind; pixel fields only for images
};

// Reads the attributes without decoding pixel data (large elements are skipped).
// Throws Error for unreadable, non-DICOM, corrupt or truncated files.
DicomHeader readDicomHeader(const std::string& path);

// Reads and decodes an image (all frames). Throws Error naming the reason:
// unsupported transfer syntax, colour data, missing or short pixel data...
ImagePtr readDicomImage(const std::string& path);

} // namespace mammo::core
