#include "FoldEvaluation.h"

#include "FrocReport.h"
#include "MaskRcnnInference.h"
#include "core/Error.h"

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
    // Written beside and renamed over: a run stopped mid-write leaves no truncated
    // file that a script would take for a finished evaluation.
    std::filesystem::path partial = path;
    partial += ".partial";
    {
        std::ofstream out(partial);
        out << foldEvaluationJson(fold, references, images).dump(1) << "\n";
        out.close();
        if (!out)
            throw core::Error("cannot write " + path.string());
    }
    std::filesystem::rename(partial, path);
}

} // namespace mammo::ai
