#include "BoxOps.h"

#include <torch/torch.h>

#include <cmath>

namespace mammo::ai {

namespace {
// Larger exp() of dw/dh would overflow; torchvision clamps at the same value.
const double kMaxLogScale = std::log(1000.0 / 16.0);

struct CentreSize {
    torch::Tensor x, y, width, height;
};

CentreSize centreSize(const torch::Tensor& boxes)
{
    const auto width = boxes.select(1, 2) - boxes.select(1, 0);
    const auto height = boxes.select(1, 3) - boxes.select(1, 1);
    return {boxes.select(1, 0) + 0.5 * width, boxes.select(1, 1) + 0.5 * height, width, height};
}
} // namespace

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
    const auto ref = centreSize(references);
    const auto box = centreSize(boxes);
    return torch::stack({m_weights[0] * (box.x - ref.x) / ref.width, m_weights[1] * (box.y - ref.y) / ref.height,
                         m_weights[2] * torch::log(box.width / ref.width),
                         m_weights[3] * torch::log(box.height / ref.height)},
                        1);
}

torch::Tensor BoxCoder::decode(const torch::Tensor& deltas, const torch::Tensor& references) const
{
    const auto ref = centreSize(references);
    const auto dx = deltas.select(1, 0) / m_weights[0];
    const auto dy = deltas.select(1, 1) / m_weights[1];
    const auto dw = (deltas.select(1, 2) / m_weights[2]).clamp_max(kMaxLogScale);
    const auto dh = (deltas.select(1, 3) / m_weights[3]).clamp_max(kMaxLogScale);
    const auto x = dx * ref.width + ref.x;
    const auto y = dy * ref.height + ref.y;
    const auto width = torch::exp(dw) * ref.width;
    const auto height = torch::exp(dh) * ref.height;
    return torch::stack({x - 0.5 * width, y - 0.5 * height, x + 0.5 * width, y + 0.5 * height}, 1);
}

} // namespace mammo::ai
