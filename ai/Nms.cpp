#include "Nms.h"

#include "BoxOps.h"

#include <torch/torch.h>

#include <vector>

namespace mammo::ai {

torch::Tensor nms(const torch::Tensor& boxes, const torch::Tensor& scores, double iouThreshold)
{
    const auto options = torch::TensorOptions().dtype(torch::kLong).device(boxes.device());
    if (boxes.size(0) == 0)
        return torch::empty({0}, options);
    const auto order = std::get<1>(scores.sort(0, /*descending=*/true));
    const auto sorted = boxes.index_select(0, order);
    // One IoU matrix, then the greedy pass on the CPU: a few hundred boxes per image.
    const auto overlaps = (boxIou(sorted, sorted) > iouThreshold).to(torch::kCPU).contiguous();
    const auto overlap = overlaps.accessor<bool, 2>();
    const std::int64_t count = sorted.size(0);
    std::vector<char> suppressed(std::size_t(count), 0);
    std::vector<std::int64_t> kept;
    for (std::int64_t i = 0; i < count; ++i) {
        if (suppressed[std::size_t(i)])
            continue;
        kept.push_back(i);
        for (std::int64_t j = i + 1; j < count; ++j)
            if (overlap[i][j])
                suppressed[std::size_t(j)] = 1;
    }
    const auto keptIndices = torch::tensor(kept, torch::kLong).to(boxes.device());
    return order.index_select(0, keptIndices);
}

torch::Tensor batchedNms(const torch::Tensor& boxes, const torch::Tensor& scores, const torch::Tensor& groups,
                         double iouThreshold)
{
    if (boxes.size(0) == 0)
        return torch::empty({0}, torch::TensorOptions().dtype(torch::kLong).device(boxes.device()));
    // Shift each group far from the others so their boxes cannot overlap.
    const auto offset = groups.to(boxes.dtype()) * (boxes.max() + 1);
    return nms(boxes + offset.unsqueeze(1), scores, iouThreshold);
}

} // namespace mammo::ai
