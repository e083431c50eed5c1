#pragma once
// Ground truth of one image for training, and the matching of predictions to it.
#include <torch/types.h>

namespace mammo::ai {

// Masses as circles (mini-MIAS gives centre and radius): the box is the
// bounding square, the mask the disc.
struct ImageTargets {
    torch::Tensor circles;   // [G, 3] (cx, cy, r) in model pixels; G may be 0

    torch::Tensor boxes() const;   // [G, 4]
    std::int64_t count() const { return circles.defined() ? circles.size(0) : 0; }
};

// Matching by IoU: for each prediction, the index of its ground truth, or
// kBackground below lowThreshold, kIgnored in between. With
// keepBestMatches, each ground truth also keeps the predictions that overlap
// it most (so small masses always get an anchor).
inline constexpr std::int64_t kBackground = -1;
inline constexpr std::int64_t kIgnored = -2;
torch::Tensor matchToTargets(const torch::Tensor& iou, double highThreshold, double lowThreshold,
                             bool keepBestMatches);

// Up to batchSize indices, at most positiveFraction of them positive
// (matches >= 0), the rest background: {positives, negatives}.
std::pair<torch::Tensor, torch::Tensor> sampleMatches(const torch::Tensor& matches, int batchSize,
                                                      double positiveFraction);

// The disc of each circle rasterised over its RoI at size x size: [K, size, size] in {0, 1}.
torch::Tensor discMasks(const torch::Tensor& circles, const torch::Tensor& rois, int size);

} // namespace mammo::ai
