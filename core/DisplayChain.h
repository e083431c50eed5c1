#pragma once
// The grey-scale display chain of PS3.3 C.11 / PS3.14, as named stages:
//   stored value -> Modality LUT -> VOI -> MONOCHROME1 / Presentation LUT -> 8-bit
// Each stage is a small pure function; composeDisplayLut() folds them into one
// table indexed by the raw stored value, which is what the viewer applies per pixel.
#include "Image.h"
#include "ImageAttributes.h"

#include <cstdint>
#include <variant>
#include <vector>

namespace mammo::core {

// Stage 1: stored value -> modality value.
double applyModalityLut(const ModalityLut& lut, int storedValue);

// Looks up a DICOM LUT with clamping outside its input range.
std::uint16_t lookupLut(const LutTable& lut, double input);

// Stage 2: modality value -> [0, 1]. A window (with its VOI LUT Function), a
// VOI LUT, or identity over a value range (images without any VOI).
struct IdentityVoi {
    double minimum = 0.0;
    double maximum = 1.0;
};
using VoiSetting = std::variant<VoiWindow, LutTable, IdentityVoi>;
double applyVoi(const VoiSetting& voi, double modalityValue);

// Stage 3: whether the output is inverted. A Presentation LUT Shape, when present,
// decides alone (INVERSE is MONOCHROME1's own inversion, never a second one; IDENTITY
// means none, even on MONOCHROME1), as DCMTK 3.6.7 does; without one, MONOCHROME1 inverts.
bool invertsOutput(Photometric photometric, PresentationLutShape shape);
double applyPresentation(bool invert, double normalised);

// The whole chain as an 8-bit table over raw stored values (2^Bits Stored entries).
std::vector<std::uint8_t> composeDisplayLut(const ImageAttributes& attributes, const VoiSetting& voi);

// Applies a table to a frame (row bands on worker threads for large frames).
// Throws Error when the table is not a power of two entries long.
void applyDisplayLut(const std::uint16_t* stored, std::size_t count, const std::vector<std::uint8_t>& lut,
                     std::uint8_t* out);

// Renders the region [x0, x0 + width) x [y0, y0 + height) of a frame for
// display, one output pixel per step x step block of image pixels (the mean of
// their display values, so minified views keep small bright details):
// ceil(width / step) x ceil(height / step) grey bytes. Throws Error for a region
// outside the image, a missing frame or a table that is not a power of two long.
// With sampling > 1 a block's mean is taken over every sampling-th row and column
// of it only (sampling² times less work): the view's frames during a
// window/level drag, followed by an exact frame when the drag ends.
void renderDisplayRegion(const Image& image, int frame, const std::vector<std::uint8_t>& lut, int x0, int y0,
                         int width, int height, int step, std::uint8_t* grey, int sampling = 1);

// The image's own VOI in DICOM order: windows first, then VOI LUTs; empty
// when it has none.
std::vector<VoiSetting> voiPresets(const ImageAttributes& attributes);

// A window for images without one: the 0.5–99.5 % range of modality values
// above the darkest bin, so background and burnt-in labels do not dominate.
VoiWindow automaticWindow(const Image& image, int frame);

} // namespace mammo::core
