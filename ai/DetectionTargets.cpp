#include "DetectionTargets.h"

#include <torch/torch.h>

namespace mammo::ai {

torch::Tensor ImageTargets::boxes() const
{
    if (count() == 0)
        return torch::zeros({0, 4}, torch::kFloat);
    const auto x = circles.select(1, 0);
    const auto y = circles.select(1, 1);
    const auto r = circles.select(1, 2);
    return torch::stack({x - r, y - r, x + r, y + r}, 1);
}

torch::Tensor matchToTargets(const torch::Tensor& iou, double highThreshold, double lowThreshold,
                             bool keepBestMatches)
{
    const auto predictions = iou.size(0);
    if (iou.size(1) == 0)
        return torch::full({predictions}, kBackground, torch::TensorOptions().dtype(torch::kLong).device(iou.device()));
    auto [best, matches] = iou.max(1);
    matches = matches.clone();
    matches.masked_fill_(best < highThreshold, kIgnored);
    matches.masked_fill_(best < lowThreshold, kBackground);
    if (keepBestMatches) {
        const auto bestPerTarget = std::get<0>(iou.max(0));                 // [G]
        const auto isBest = (iou == bestPerTarget.unsqueeze(0)) & (bestPerTarget.unsqueeze(0) > 0);
        const auto pairs = isBest.nonzero();                                  // [P, 2] (prediction, target)
        matches.index_put_({pairs.select(1, 0)}, pairs.select(1, 1));
    }
    return matches;
}

std::pair<torch::Tensor, torch::Tensor> sampleMatches(const torch::Tensor& matches, int batchSize,
                                                      double positiveFraction)
{
    const auto positives = (matches >= 0).nonzero().squeeze(1);
    const auto negatives = (matches == kBackground).nonzero().squeeze(1);
    const auto positiveCount =
        std::min<std::int64_t>(positives.size(0), std::int64_t(batchSize * positiveFraction));
    const auto negativeCount = std::min<std::int64_t>(negatives.size(0), batchSize - positiveCount);
    const auto pickPositive =
        torch::randperm(positives.size(0), torch::TensorOptions().dtype(torch::kLong).device(matches.device()))
            .slice(0, 0, positiveCount);
    const auto pickNegative =
        torch::randperm(negatives.size(0), torch::TensorOptions().dtype(torch::kLong).device(matches.device()))
            .slice(0, 0, negativeCount);
    return {positives.index_select(0, pickPositive), negatives.index_select(0, pickNegative)};
}

torch::Tensor discMasks(const torch::Tensor& circles, const torch::Tensor& rois, int size)
{
    const auto options = rois.options();
    const auto steps = (torch::arange(size, options) + 0.5) / double(size);   // pixel centres in (0, 1)
    const auto xs = rois.select(1, 0).unsqueeze(1) + (rois.select(1, 2) - rois.select(1, 0)).unsqueeze(1) * steps;
    const auto ys = rois.select(1, 1).unsqueeze(1) + (rois.select(1, 3) - rois.select(1, 1)).unsqueeze(1) * steps;
    const auto dx = (xs - circles.select(1, 0).unsqueeze(1)).unsqueeze(1);   // [K, 1, S]
    const auto dy = (ys - circles.select(1, 1).unsqueeze(1)).unsqueeze(2);   // [K, S, 1]
    const auto r = circles.select(1, 2).view({-1, 1, 1});
    return (dx * dx + dy * dy <= r * r).to(options.dtype());
}

} // namespace mammo::ai
