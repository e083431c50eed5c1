#include "Nms.h"

#include "BoxOps.h"

#include <torch/torch.h>

#include <algorithm>
#include <vector>

namespace mammo::ai {

namespace {

// The greedy pass over boxes sorted by score: keep a box, suppress every later
// one it overlaps by more than the threshold.
template <typename Overlaps>
std::vector<std::int64_t> greedyKeep(std::int64_t count, const Overlaps& overlaps)
{
    std::vector<char> suppressed(std::size_t(count), 0);
    std::vector<std::int64_t> kept;
    for (std::int64_t i = 0; i < count; ++i) {
        if (suppressed[std::size_t(i)])
            continue;
        kept.push_back(i);
        for (std::int64_t j = i + 1; j < count; ++j)
            if (!suppressed[std::size_t(j)] && overlaps(i, j))
                suppressed[std::size_t(j)] = 1;
    }
    return kept;
}

// On the CPU the overlaps are computed only for boxes still in play, without
// an N x N matrix: the RPN hands over thousands of boxes, and allocating and
// zeroing such matrices made the detector fault in tens of megabytes per image
// (and slowed every other thread).
std::vector<std::int64_t> greedyKeepCpu(const torch::Tensor& sortedBoxes, double iouThreshold)
{
    const auto boxes = sortedBoxes.to(torch::kFloat).contiguous();
    const auto b = boxes.accessor<float, 2>();
    const std::int64_t count = boxes.size(0);
    std::vector<float> area(static_cast<std::size_t>(count));
    for (std::int64_t i = 0; i < count; ++i)
        area[std::size_t(i)] = std::max(0.0f, b[i][2] - b[i][0]) * std::max(0.0f, b[i][3] - b[i][1]);
    const float threshold = float(iouThreshold);
    return greedyKeep(count, [&](std::int64_t i, std::int64_t j) {
        const float w = std::min(b[i][2], b[j][2]) - std::max(b[i][0], b[j][0]);
        const float h = std::min(b[i][3], b[j][3]) - std::max(b[i][1], b[j][1]);
        if (w <= 0.0f || h <= 0.0f)
            return false;
        const float intersection = w * h;
        const float unionArea = area[std::size_t(i)] + area[std::size_t(j)] - intersection;
        return unionArea > 0.0f && intersection > threshold * unionArea;
    });
}

// On a GPU one IoU matrix is cheap; the greedy pass then runs on the CPU.
std::vector<std::int64_t> greedyKeepMatrix(const torch::Tensor& sortedBoxes, double iouThreshold)
{
    const auto overlapping = (boxIou(sortedBoxes, sortedBoxes) > iouThreshold).to(torch::kCPU).contiguous();
    const auto overlap = overlapping.accessor<bool, 2>();
    return greedyKeep(sortedBoxes.size(0), [&](std::int64_t i, std::int64_t j) { return overlap[i][j]; });
}

} // namespace

torch::Tensor nms(const torch::Tensor& boxes, const torch::Tensor& scores, double iouThreshold)
{
    const auto options = torch::TensorOptions().dtype(torch::kLong).device(boxes.device());
    if (boxes.size(0) == 0)
        return torch::empty({0}, options);
    const auto order = std::get<1>(scores.sort(0, /*descending=*/true));
    const auto sorted = boxes.index_select(0, order);
    const std::vector<std::int64_t> kept =
        boxes.is_cpu() ? greedyKeepCpu(sorted, iouThreshold) : greedyKeepMatrix(sorted, iouThreshold);
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
