#include "RoiAlign.h"

#include <torch/torch.h>

#include <cmath>

namespace mammo::ai {

namespace F = torch::nn::functional;

namespace {

// Sample positions along one axis for each RoI: [K, size * ratio], in input pixels.
torch::Tensor samplePositions(const torch::Tensor& start, const torch::Tensor& end, int size, int ratio)
{
    const auto options = start.options();
    const auto steps = (torch::arange(size * ratio, options) + 0.5) / double(ratio * size);   // (0, 1)
    return start.unsqueeze(1) + (end - start).unsqueeze(1) * steps.unsqueeze(0);
}

} // namespace

torch::Tensor roiAlign(const torch::Tensor& features, const torch::Tensor& rois, int outputSize,
                       double spatialScale, int samplingRatio)
{
    const auto channels = features.size(1);
    const auto height = double(features.size(2));
    const auto width = double(features.size(3));
    const int samples = outputSize * samplingRatio;
    auto output = torch::zeros({rois.size(0), channels, outputSize, outputSize}, features.options());
    if (rois.size(0) == 0)
        return output;
    const auto imageIndex = rois.select(1, 0).to(torch::kLong);
    for (std::int64_t image = 0; image < features.size(0); ++image) {
        const auto selected = (imageIndex == image).nonzero().squeeze(1);
        const auto count = selected.size(0);
        if (count == 0)
            continue;
        const auto boxes = rois.index_select(0, selected).slice(1, 1, 5);
        // A feature at index i sits at input position (i + 0.5) / scale; grid_sample with
        // align_corners=false puts index i at normalised (2i + 1) / size - 1, so an input
        // position p maps to 2 * p * scale / size - 1.
        const auto xs = samplePositions(boxes.select(1, 0), boxes.select(1, 2), outputSize, samplingRatio) *
                            (2.0 * spatialScale / width) - 1.0;   // [K, S]
        const auto ys = samplePositions(boxes.select(1, 1), boxes.select(1, 3), outputSize, samplingRatio) *
                            (2.0 * spatialScale / height) - 1.0;  // [K, S]
        // Grid rows run over (RoI, y), columns over x: one grid_sample call per image.
        const auto gridX = xs.unsqueeze(1).expand({count, samples, samples});
        const auto gridY = ys.unsqueeze(2).expand({count, samples, samples});
        const auto grid = torch::stack({gridX, gridY}, 3).reshape({1, count * samples, samples, 2});
        const auto sampled = F::grid_sample(features.slice(0, image, image + 1), grid,
                                            F::GridSampleFuncOptions()
                                                .mode(torch::kBilinear)
                                                .padding_mode(torch::kBorder)
                                                .align_corners(false));   // [1, C, K*S, S]
        const auto perRoi = sampled.view({channels, count, samples, samples}).permute({1, 0, 2, 3});
        const auto pooled = F::avg_pool2d(perRoi, F::AvgPool2dFuncOptions(samplingRatio).stride(samplingRatio));
        output.index_copy_(0, selected, pooled);
    }
    return output;
}

torch::Tensor roiLevels(const torch::Tensor& boxes, int canonicalLevel, double canonicalSize, int minLevel,
                        int maxLevel)
{
    const auto width = (boxes.select(1, 2) - boxes.select(1, 0)).clamp_min(1e-3);
    const auto height = (boxes.select(1, 3) - boxes.select(1, 1)).clamp_min(1e-3);
    const auto size = torch::sqrt(width * height);
    const auto level = torch::floor(canonicalLevel + torch::log2(size / canonicalSize) + 1e-6);
    return level.clamp(minLevel, maxLevel).to(torch::kLong);
}

torch::Tensor multiLevelRoiAlign(const std::vector<torch::Tensor>& features, const std::vector<int>& levels,
                                 const torch::Tensor& rois, int outputSize, int canonicalLevel,
                                 double canonicalSize)
{
    const auto channels = features.front().size(1);
    auto output = torch::zeros({rois.size(0), channels, outputSize, outputSize}, features.front().options());
    if (rois.size(0) == 0)
        return output;
    const auto assigned =
        roiLevels(rois.slice(1, 1, 5), canonicalLevel, canonicalSize, levels.front(), levels.back());
    for (std::size_t i = 0; i < features.size(); ++i) {
        const auto selected = (assigned == levels[i]).nonzero().squeeze(1);
        if (selected.size(0) == 0)
            continue;
        const double scale = 1.0 / std::pow(2.0, levels[i]);
        output.index_copy_(0, selected,
                           roiAlign(features[i], rois.index_select(0, selected), outputSize, scale));
    }
    return output;
}

} // namespace mammo::ai
