#pragma once
// A trained COIN classifier on disk: the network preset, the ROI side and the
// training configuration's name, plus the weights, in LibTorch's serialized
// format. Torch types: for ai/ .cpp files only.
#include "CoinNetwork.h"

#include <string>

namespace mammo::ai::coin {

struct CoinModel {
    CoinNetwork network{nullptr};
    std::string networkPreset;   // coinNetworkPreset name: "cpu" or "full"
    std::string configuration;   // the ablation configuration it was trained as ("coin", "baseline", ...)
    int roiSize = 224;
};

// Written to PATH.part and renamed, so a crash never leaves half a model.
void saveCoinModel(CoinModel& model, const std::string& path);
// Throws core::Error when the file is missing, not a COIN model, or damaged.
// The network comes back on the CPU in eval mode.
CoinModel loadCoinModel(const std::string& path);

} // namespace mammo::ai::coin
