#include "MiasGroundTruth.h"

namespace mammo::ai {

std::vector<TruthCircle> miasMassCircles(const core::MiasImage& image)
{
    std::vector<TruthCircle> circles;
    for (const auto& row : image.abnormalities)
        if (core::isMiasMassClass(row.abnormalityClass) && row.circle)
            circles.push_back({double(row.circle->x), double(row.circle->y), double(row.circle->radius)});
    return circles;
}

} // namespace mammo::ai
