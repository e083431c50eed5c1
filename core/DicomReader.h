#pragma once
#include "Image.h"
#include "ImageAttributes.h"

#include <cstddef>
#include <string>

namespace mammo::core {

// Bounds an image must meet before anything is allocated for its pixels or a
// codec decodes them (sizes are checked with overflow-safe arithmetic).
struct DicomReadLimits {
    // Decoded pixels as Mammoscope holds them (16 bits each, all frames). 1 GiB
    // is 23 full-field 4096 x 5625 mammograms or a 100-slice tomosynthesis volume.
    std::size_t maxDecodedBytes = std::size_t(1) << 30;
};

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
// unsupported transfer syntax, colour data, missing or short pixel data,
// inconsistent Rows/Columns/Frames/Bits, an image above the limits...
ImagePtr readDicomImage(const std::string& path, const DicomReadLimits& limits = {});

// The same from a DICOM file held in memory (with or without the 128-byte
// preamble). `name` stands for the data in messages and becomes filePath.
// The memory is only read during the call.
DicomHeader readDicomHeaderFromBuffer(const void* data, std::size_t size, const std::string& name = {});
ImagePtr readDicomImageFromBuffer(const void* data, std::size_t size, const std::string& name = {},
                                  const DicomReadLimits& limits = {});

} // namespace mammo::core
