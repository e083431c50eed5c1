#pragma once
#include <torch/types.h>

namespace mammo::ai {

// Greedy non-maximum suppression: indices of the kept boxes, highest score
// first. A box is dropped when its IoU with a kept, higher-scoring box
// exceeds iouThreshold.
torch::Tensor nms(const torch::Tensor& boxes, const torch::Tensor& scores, double iouThreshold);

// NMS within groups only (e.g. FPN levels): boxes of different groups never suppress each other.
torch::Tensor batchedNms(const torch::Tensor& boxes, const torch::Tensor& scores, const torch::Tensor& groups,
                         double iouThreshold);

} // namespace mammo::ai
