#include "FoldEvaluation.h"

#include "FrocReport.h"
#include "MaskRcnnInference.h"

#include <torch/torch.h>

#include <fstream>

namespace mammo::ai {

std::vector<FrocImage> detectOnSamples(MaskRcnn& model, const std::vector<DetectionSample>& samples,
                                       const torch::Device& device)
{
    std::vector<FrocImage> images;
    for (const auto& sample : samples) {
        FrocImage image;
        image.masses = sample.massesInInput;
        for (const auto& detection : runDetector(model, sample.prepared, device))
            image.detections.push_back({detection.x1, detection.y1, detection.x2, detection.y2, detection.score});
        images.push_back(std::move(image));
    }
    return images;
}

void writeFoldEvaluation(const std::filesystem::path& path, int fold, const std::vector<DetectionSample>& samples,
                         const std::vector<FrocImage>& images)
{
    std::vector<std::string> references;
    for (const auto& sample : samples)
        references.push_back(sample.reference);
    std::ofstream out(path);
    out << foldEvaluationJson(fold, references, images).dump(1) << "\n";
}

} // namespace mammo::ai
