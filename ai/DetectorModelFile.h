#pragma once
// A trained detector on disk: the configuration's name plus the weights, in
// LibTorch's serialized-module format.
#include "MaskRcnn.h"

#include <string>

namespace mammo::ai {

// Written to PATH.part and renamed, so a crash never leaves half a model.
void saveDetector(MaskRcnn& model, const std::string& path);
// Throws core::Error when the file is missing, not a detector or damaged.
MaskRcnn loadDetector(const std::string& path);

} // namespace mammo::ai
