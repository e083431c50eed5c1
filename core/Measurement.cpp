#include "Measurement.h"

#include <cmath>

namespace mammo::core {

std::optional<MeasurementSpacing> measurementSpacing(const ImageAttributes& attributes)
{
    if (attributes.pixelSpacing)
        return MeasurementSpacing{*attributes.pixelSpacing, SpacingBasis::PixelSpacing};
    if (!attributes.imagerPixelSpacing)
        return std::nullopt;
    Spacing spacing = *attributes.imagerPixelSpacing;
    const double magnification = attributes.magnificationFactor.value_or(0.0);
    if (magnification > 0.0) {
        // Objects in the breast are magnified onto the detector; divide it out.
        spacing.rowMm /= magnification;
        spacing.columnMm /= magnification;
        return MeasurementSpacing{spacing, SpacingBasis::ImagerCorrected};
    }
    return MeasurementSpacing{spacing, SpacingBasis::Imager};
}

double distanceMm(const MeasurementSpacing& spacing, double x0, double y0, double x1, double y1)
{
    const double dx = (x1 - x0) * spacing.spacing.columnMm;
    const double dy = (y1 - y0) * spacing.spacing.rowMm;
    return std::hypot(dx, dy);
}

} // namespace mammo::core
