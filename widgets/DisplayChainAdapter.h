#pragma once
#include <core/Image.h>
#include <core/ImageAttributes.h>

#include <cstdint>
#include <vector>

namespace mammo::widgets {

// Which VOI the view shows: one of the image's presets (windows first, then
// VOI LUTs) or a window the user set.
struct DisplaySelection {
    int preset = -1;                 // -1: the user's/automatic window below
    bool userWindow = true;
    double center = 0.0;
    double width = 1.0;
    core::VoiFunction function = core::VoiFunction::Linear;
};

// The display chain's 8-bit table for this selection.
std::vector<std::uint8_t> displayLutFor(const core::Image& image, const DisplaySelection& selection);

// The window that spans the input range of a VOI LUT (for W/L display and as a
// starting point when the user drags).
core::VoiWindow lutEquivalentWindow(const core::Image& image, std::size_t lutIndex);

} // namespace mammo::widgets
