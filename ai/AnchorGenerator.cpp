#include "AnchorGenerator.h"

#include <torch/torch.h>

namespace mammo::ai {

torch::Tensor anchorsForLevel(std::int64_t height, std::int64_t width, double stride,
                              const std::vector<double>& sizes, const torch::Device& device)
{
    const auto options = torch::TensorOptions().dtype(torch::kFloat).device(device);
    const auto centresX = (torch::arange(width, options) + 0.5) * stride;
    const auto centresY = (torch::arange(height, options) + 0.5) * stride;
    const auto grid = torch::meshgrid({centresY, centresX}, "ij");
    const auto centres = torch::stack({grid[1].reshape(-1), grid[0].reshape(-1)}, 1);   // [HW, 2] (x, y)
    const auto halfSizes = torch::tensor(sizes, torch::kDouble).to(options) * 0.5;      // [A]
    const auto half = halfSizes.view({1, -1, 1});
    const auto c = centres.unsqueeze(1);                                                  // [HW, 1, 2]
    return torch::cat({c - half, c + half}, 2).reshape({-1, 4});
}

} // namespace mammo::ai
