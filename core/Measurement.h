#pragma once
#include "ImageAttributes.h"

#include <optional>

namespace mammo::core {

// Which spacing a distance is measured with, so the ruler can say so.
enum class SpacingBasis {
    PixelSpacing,            // (0028,0030): already calibrated to the patient
    ImagerCorrected,         // Imager Pixel Spacing / Estimated Radiographic Magnification Factor
    Imager,                  // Imager Pixel Spacing at the detector (no magnification known)
};

struct MeasurementSpacing {
    Spacing spacing;
    SpacingBasis basis = SpacingBasis::Imager;
};

// The spacing to measure with, or nothing when the image carries none.
std::optional<MeasurementSpacing> measurementSpacing(const ImageAttributes& attributes);

// Distance in mm between two points given in pixels (x = column, y = row).
double distanceMm(const MeasurementSpacing& spacing, double x0, double y0, double x1, double y1);

} // namespace mammo::core
