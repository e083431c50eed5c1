#pragma once
// The detector's operating points from the model manifest: what a score
// threshold means on the validation folds (false positives per image).
#include <optional>
#include <vector>

namespace mammo::app {

struct OperatingPoint {
    double score = 0.0;       // score threshold
    double fppi = 0.0;        // false positives per image at that threshold
    double tprCentre = 0.0;   // sensitivity (centre-inside-circle rule)
};

// The FPPI at this threshold: linear between the two neighbouring points,
// the nearest point's value outside their range; nothing without points.
std::optional<double> fppiAtScore(std::vector<OperatingPoint> points, double score);

} // namespace mammo::app
