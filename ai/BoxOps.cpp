#include "BoxOps.h"

#include <torch/torch.h>

#include <cmath>

namespace mammo::ai {

namespace {
// Larger exp() of dw/dh would overflow; torchvision clamps at the same value.
const double kMaxLogScale = std::log(1000.0 / 16.0);
}

torch::Tensor boxArea(const torch::Tensor& boxes)
{
    return (boxes.select(1, 2) - boxes.select(1, 0)).clamp_min(0) *
           (boxes.select(1, 3) - boxes.select(1, 1)).clamp_min(0);
}

torch::Tensor boxIou(const torch::Tensor& a, const torch::Tensor& b)
{
    const auto areaA = boxArea(a);
    const auto areaB = boxArea(b);
    const auto topLeft = torch::max(a.slice(1, 0, 2).unsqueeze(1), b.slice(1, 0, 2).unsqueeze(0));
    const auto bottomRight = torch::min(a.slice(1, 2, 4).unsqueeze(1), b.slice(1, 2, 4).unsqueeze(0));
    const auto size = (bottomRight - topLeft).clamp_min(0);
    const auto intersection = size.select(2, 0) * size.select(2, 1);
    const auto unionArea = areaA.unsqueeze(1) + areaB.unsqueeze(0) - intersection;
    return intersection / unionArea.clamp_min(1e-9);
}

torch::Tensor clipBoxes(const torch::Tensor& boxes, double width, double height)
{
    return torch::stack({boxes.select(1, 0).clamp(0, width), boxes.select(1, 1).clamp(0, height),
                         boxes.select(1, 2).clamp(0, width), boxes.select(1, 3).clamp(0, height)},
                        1);
}

torch::Tensor BoxCoder::encode(const torch::Tensor& boxes, const torch::Tensor& references) const
{
    const auto refWidth = references.select(1, 2) - references.select(1, 0);
    const auto refHeight = references.select(1, 3) - references.select(1, 1);
    const auto refX = references.select(1, 0) + 0.5 * refWidth;
    const auto refY = references.select(1, 1) + 0.5 * refHeight;
    const auto width = boxes.select(1, 2) - boxes.select(1, 0);
    const auto height = boxes.select(1, 3) - boxes.select(1, 1);
    const auto x = boxes.select(1, 0) + 0.5 * width;
    const auto y = boxes.select(1, 1) + 0.5 * height;
    return torch::stack({m_weights[0] * (x - refX) / refWidth, m_weights[1] * (y - refY) / refHeight,
                         m_weights[2] * torch::log(width / refWidth), m_weights[3] * torch::log(height / refHeight)},
                        1);
}

torch::Tensor BoxCoder::decode(const torch::Tensor& deltas, const torch::Tensor& references) const
{
    const auto refWidth = references.select(1, 2) - references.select(1, 0);
    const auto refHeight = references.select(1, 3) - references.select(1, 1);
    const auto refX = references.select(1, 0) + 0.5 * refWidth;
    const auto refY = references.select(1, 1) + 0.5 * refHeight;
    const auto dx = deltas.select(1, 0) / m_weights[0];
    const auto dy = deltas.select(1, 1) / m_weights[1];
    const auto dw = (deltas.select(1, 2) / m_weights[2]).clamp_max(kMaxLogScale);
    const auto dh = (deltas.select(1, 3) / m_weights[3]).clamp_max(kMaxLogScale);
    const auto x = dx * refWidth + refX;
    const auto y = dy * refHeight + refY;
    const auto width = torch::exp(dw) * refWidth;
    const auto height = torch::exp(dh) * refHeight;
    return torch::stack({x - 0.5 * width, y - 0.5 * height, x + 0.5 * width, y + 0.5 * height}, 1);
}

} // namespace mammo::ai
