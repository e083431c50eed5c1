#pragma once
// RoIAlign (He et al., Mask R-CNN) from LibTorch ops: bilinear samples taken
// with grid_sample at samplingRatio x samplingRatio points per bin, averaged.
// Pixel model as torchvision's aligned=True: pixel i covers [i, i + 1).
#include <torch/types.h>

#include <vector>

namespace mammo::ai {

// features [N, C, H, W]; rois [K, 5] = (image index, x1, y1, x2, y2) in input
// pixels; spatialScale = feature size / input size. Returns [K, C, size, size].
torch::Tensor roiAlign(const torch::Tensor& features, const torch::Tensor& rois, int outputSize,
                       double spatialScale, int samplingRatio = 2);

// The FPN level a box pools from: canonicalLevel for boxes of canonicalSize,
// one level per factor 2 in size, clamped to [minLevel, maxLevel].
torch::Tensor roiLevels(const torch::Tensor& boxes, int canonicalLevel, double canonicalSize, int minLevel,
                        int maxLevel);

// RoIAlign over FPN levels: each RoI pools from the level roiLevels() gives it.
// levels[i] is the FPN level of features[i] (stride 2^level).
torch::Tensor multiLevelRoiAlign(const std::vector<torch::Tensor>& features, const std::vector<int>& levels,
                                 const torch::Tensor& rois, int outputSize, int canonicalLevel,
                                 double canonicalSize);

} // namespace mammo::ai
