#pragma once
// The device a trainer runs on, from its "cpu" | "cuda" | "auto" option.
// Torch type: for ai/ .cpp files only.
#include <torch/types.h>

#include <string>

namespace mammo::ai {

// Throws core::Error for an unknown name, or "cuda" without a CUDA GPU.
torch::Device trainingDevice(const std::string& name);

} // namespace mammo::ai
