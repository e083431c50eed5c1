#include "Froc.h"

#include <algorithm>
#include <cmath>

namespace mammo::ai {

std::string hitRuleKey(HitRule rule)
{
    return rule == HitRule::IouAboveHalf ? "iou0.5" : "centre";
}

bool isHit(const ScoredBox& detection, const TruthCircle& mass, HitRule rule)
{
    if (rule == HitRule::CentreInCircle) {
        const double dx = 0.5 * (detection.x1 + detection.x2) - mass.x;
        const double dy = 0.5 * (detection.y1 + detection.y2) - mass.y;
        return dx * dx + dy * dy <= mass.radius * mass.radius;
    }
    const double tx1 = mass.x - mass.radius, ty1 = mass.y - mass.radius;
    const double tx2 = mass.x + mass.radius, ty2 = mass.y + mass.radius;
    const double iw = std::max(0.0, std::min(detection.x2, tx2) - std::max(detection.x1, tx1));
    const double ih = std::max(0.0, std::min(detection.y2, ty2) - std::max(detection.y1, ty1));
    const double intersection = iw * ih;
    const double areaA = std::max(0.0, detection.x2 - detection.x1) * std::max(0.0, detection.y2 - detection.y1);
    const double areaB = (tx2 - tx1) * (ty2 - ty1);
    const double unionArea = areaA + areaB - intersection;
    return unionArea > 0 && intersection / unionArea > 0.5;
}

std::vector<FrocPoint> frocCurve(const std::vector<FrocImage>& images, HitRule rule)
{
    struct Mark {
        double score;
        std::size_t image;
        std::size_t detection;
    };
    std::vector<Mark> marks;
    std::size_t massCount = 0;
    for (std::size_t i = 0; i < images.size(); ++i) {
        massCount += images[i].masses.size();
        for (std::size_t d = 0; d < images[i].detections.size(); ++d)
            marks.push_back({images[i].detections[d].score, i, d});
    }
    // Highest score first; ties in a stable order so the curve is reproducible.
    std::stable_sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.score > b.score; });

    std::vector<std::vector<char>> found(images.size());
    for (std::size_t i = 0; i < images.size(); ++i)
        found[i].assign(images[i].masses.size(), 0);

    std::vector<FrocPoint> curve;
    const double imageCount = std::max<double>(1.0, double(images.size()));
    std::size_t truePositives = 0, falsePositives = 0;
    for (std::size_t m = 0; m < marks.size(); ++m) {
        const auto& mark = marks[m];
        const auto& detection = images[mark.image].detections[mark.detection];
        bool newHit = false;
        for (std::size_t t = 0; t < images[mark.image].masses.size(); ++t) {
            if (!found[mark.image][t] && isHit(detection, images[mark.image].masses[t], rule)) {
                found[mark.image][t] = 1;
                newHit = true;
                break;
            }
        }
        if (newHit)
            ++truePositives;
        else
            ++falsePositives;
        // One point per distinct score: only after the last mark of a tie.
        if (m + 1 == marks.size() || marks[m + 1].score < mark.score) {
            curve.push_back({mark.score, double(falsePositives) / imageCount,
                             massCount == 0 ? 0.0 : double(truePositives) / double(massCount)});
        }
    }
    return curve;
}

double tprAtFppi(const std::vector<FrocPoint>& curve, double fppi)
{
    double best = 0.0;
    for (const auto& point : curve)
        if (point.fppi <= fppi + 1e-12)
            best = std::max(best, point.tpr);
    return best;
}

double thresholdAtFppi(const std::vector<FrocPoint>& curve, double fppi)
{
    double threshold = 1.0;
    for (const auto& point : curve)
        if (point.fppi <= fppi + 1e-12)
            threshold = std::min(threshold, point.threshold);
    return threshold;
}

const std::vector<double>& standardFppi()
{
    static const std::vector<double> values{0.25, 0.5, 1.0, 2.0, 4.0};
    return values;
}

} // namespace mammo::ai
