#pragma once
// Box arithmetic on [N, 4] tensors of (x1, y1, x2, y2) in pixels.
#include <torch/types.h>

#include <array>

namespace mammo::ai {

torch::Tensor boxArea(const torch::Tensor& boxes);
// [N, M] intersection over union.
torch::Tensor boxIou(const torch::Tensor& a, const torch::Tensor& b);
// Clips to [0, width] x [0, height].
torch::Tensor clipBoxes(const torch::Tensor& boxes, double width, double height);

// Faster R-CNN box coding: deltas (dx, dy, dw, dh) of a box relative to a
// reference box, scaled by per-component weights.
class BoxCoder {
public:
    explicit BoxCoder(std::array<double, 4> weights = {1.0, 1.0, 1.0, 1.0}) : m_weights(weights) {}
    torch::Tensor encode(const torch::Tensor& boxes, const torch::Tensor& references) const;
    torch::Tensor decode(const torch::Tensor& deltas, const torch::Tensor& references) const;

private:
    std::array<double, 4> m_weights;
};

} // namespace mammo::ai
