#include "OperatingPoints.h"

#include <algorithm>

namespace mammo::app {

std::optional<double> fppiAtScore(std::vector<OperatingPoint> points, double score)
{
    if (points.empty())
        return std::nullopt;
    std::sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.score < b.score; });
    if (score <= points.front().score)
        return points.front().fppi;
    if (score >= points.back().score)
        return points.back().fppi;
    const auto upper = std::upper_bound(points.begin(), points.end(), score,
                                        [](double s, const OperatingPoint& p) { return s < p.score; });
    const OperatingPoint& hi = *upper;
    const OperatingPoint& lo = *(upper - 1);
    if (hi.score <= lo.score)
        return lo.fppi;
    const double t = (score - lo.score) / (hi.score - lo.score);
    return lo.fppi + t * (hi.fppi - lo.fppi);
}

} // namespace mammo::app
