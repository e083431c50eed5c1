#pragma once
// The torch device a trainer runs on (its "cpu" | "cuda" | "auto" option) or an
// inference engine runs on (its ComputeDevice). Torch type: for ai/ .cpp files only.
#include "MassDetector.h"

#include <torch/types.h>

#include <string>

namespace mammo::ai {

// Automatic picks CUDA when LibTorch sees a GPU. Throws core::Error for Cuda
// without a CUDA GPU.
torch::Device torchDevice(ComputeDevice device);
// The same from a name; throws core::Error for an unknown name too.
torch::Device trainingDevice(const std::string& name);

} // namespace mammo::ai
