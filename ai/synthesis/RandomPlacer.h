#pragma once
// Random lesion placements for batch synthesis: scale and rotation drawn in
// ranges, the centre drawn uniformly among the positions where the whole
// lesion lies inside the breast and away from the image border. The same seed
// gives the same sequence on every platform (no std:: distributions).
#include "LesionPatch.h"
#include "PastePlacement.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <optional>
#include <random>

namespace mammo::ai::synthesis {

struct RandomPlacementOptions {
    double minScale = 0.8;
    double maxScale = 1.25;
    double minRotationDeg = 0.0;
    double maxRotationDeg = 360.0;
    int borderMarginPx = 16;     // from the image's edge to the lesion
    double breastMarginPx = 4.0; // from the breast's edge (skin line) to the lesion
};

class RandomPlacer {
public:
    // breastMask: CV_8U, nonzero inside the breast (segmentBreastMask).
    // Throws core::Error on an empty mask or inverted ranges.
    RandomPlacer(const cv::Mat& breastMask, std::uint64_t seed, const RandomPlacementOptions& options = {});

    // The next placement of `lesion`; nullopt when it fits nowhere at the drawn scale.
    std::optional<PastePlacement> next(const LesionPatch& lesion);

    // Uniform in [0, 1), from the placer's generator.
    double uniform();

private:
    cv::Mat m_clearance;   // CV_32F: distance to the nearest pixel outside the breast or in the border band
    std::mt19937_64 m_random;
    RandomPlacementOptions m_options;
};

} // namespace mammo::ai::synthesis
