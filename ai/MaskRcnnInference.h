#pragma once
// One prepared mammogram through a Mask R-CNN, results mapped back to the
// input image: boxes, scores and mask outlines.
#include "Detection.h"
#include "MammogramPreprocessor.h"
#include "MaskRcnn.h"

#include <vector>

namespace mammo::ai {

std::vector<Detection> runDetector(MaskRcnn& model, const PreparedMammogram& prepared, const torch::Device& device);

} // namespace mammo::ai
