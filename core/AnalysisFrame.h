#pragma once
// A frame as a reader first sees it (the image's own display chain at full
// resolution, 8 bits): what image analysis such as the mass detector takes.
#include "Image.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace mammo::core {

struct AnalysisFrame {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> grey;          // row-major, brighter = denser
    std::optional<double> pixelSpacingMm;    // row spacing used for measurements; absent when unknown
};

// The first VOI the image carries, else the automatic window; frame 0 by default.
AnalysisFrame renderAnalysisFrame(const Image& image, int frame = 0);

} // namespace mammo::core
