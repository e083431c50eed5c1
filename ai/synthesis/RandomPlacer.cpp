#include "RandomPlacer.h"

#include "core/Error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace mammo::ai::synthesis {

RandomPlacer::RandomPlacer(const cv::Mat& breastMask, std::uint64_t seed, const RandomPlacementOptions& options)
    : m_random(seed), m_options(options)
{
    if (breastMask.empty() || breastMask.type() != CV_8UC1 || cv::countNonZero(breastMask) == 0)
        throw core::Error("random lesion placement needs a non-empty 8-bit breast mask");
    if (!(options.minScale > 0.0) || options.maxScale < options.minScale || options.maxRotationDeg < options.minRotationDeg)
        throw core::Error("random lesion placement: the scale or rotation range is invalid");
    cv::Mat inside = breastMask > 0;
    // The border band counts as outside, so one distance map says both things.
    const int band = std::max(1, options.borderMarginPx);
    inside.rowRange(0, std::min(band, inside.rows)).setTo(0);
    inside.rowRange(std::max(0, inside.rows - band), inside.rows).setTo(0);
    inside.colRange(0, std::min(band, inside.cols)).setTo(0);
    inside.colRange(std::max(0, inside.cols - band), inside.cols).setTo(0);
    cv::distanceTransform(inside, m_clearance, cv::DIST_L2, cv::DIST_MASK_PRECISE, CV_32F);
}

double RandomPlacer::uniform()
{
    return double(m_random() >> 11) * (1.0 / 9007199254740992.0);   // 53 bits / 2^53
}

std::optional<PastePlacement> RandomPlacer::next(const LesionPatch& lesion)
{
    PastePlacement placement;
    placement.scale = m_options.minScale + (m_options.maxScale - m_options.minScale) * uniform();
    placement.rotationDeg = m_options.minRotationDeg + (m_options.maxRotationDeg - m_options.minRotationDeg) * uniform();
    const float needed = float(lesionExtentPx(lesion) * placement.scale + m_options.breastMarginPx);
    std::vector<cv::Point> candidates;
    cv::findNonZero(m_clearance > needed, candidates);
    if (candidates.empty())
        return std::nullopt;
    const std::size_t index = std::min(candidates.size() - 1, std::size_t(uniform() * double(candidates.size())));
    placement.centre = cv::Point2d(candidates[index]);
    return placement;
}

} // namespace mammo::ai::synthesis
