#pragma once
// Runs a detector over the held-out images of a fold and records what it
// found, for FROC and for reproducing the figures later.
#include "Froc.h"
#include "MaskRcnn.h"
#include "MiasDetectionData.h"

#include <filesystem>
#include <vector>

namespace mammo::ai {

// One FrocImage per sample: detections and masses in input-image pixels.
std::vector<FrocImage> detectOnSamples(MaskRcnn& model, const std::vector<DetectionSample>& samples,
                                       const torch::Device& device);

// evaluation.json: the fold, every image's masses and detections, and TPR at the standard FPPI.
void writeFoldEvaluation(const std::filesystem::path& path, int fold, const std::vector<DetectionSample>& samples,
                         const std::vector<FrocImage>& images);

} // namespace mammo::ai
