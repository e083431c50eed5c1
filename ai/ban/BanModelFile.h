#pragma once
// A trained BAN generator on disk: its preset, method and training ROI size
// plus the float weights, in LibTorch's serialized format (like
// coin/CoinModelFile). The discriminator is for training only and is not kept.
// Torch types: for ai/ban .cpp files and tests only.
#include "BanGenerator.h"
#include "BanMethod.h"

#include <string>

namespace mammo::ai::ban {

struct BanModel {
    BanGenerator generator{nullptr};
    std::string preset = "cpu";   // banGeneratorPreset name
    BanMethod method = BanMethod::Ban;
    int roiSize = 128;            // the training ROI side, pixels of 0.2 mm
};

// Written to PATH.part and renamed, so a crash never leaves half a model.
void saveBanModel(const BanModel& model, const std::string& path);
// Throws core::Error when the file is missing, not a BAN model, or damaged.
// The generator comes back on the CPU in eval mode.
BanModel loadBanModel(const std::string& path);

} // namespace mammo::ai::ban
