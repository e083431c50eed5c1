#pragma once
#include <torch/types.h>

#include <vector>

namespace mammo::ai {

// Square anchors centred on every feature-map cell, ordered (row, column,
// size) to match the RPN head's output after permute(0, 2, 3, 1).
// Returns [height * width * sizes, 4] boxes in input pixels.
torch::Tensor anchorsForLevel(std::int64_t height, std::int64_t width, double stride,
                              const std::vector<double>& sizes, const torch::Device& device);

} // namespace mammo::ai
