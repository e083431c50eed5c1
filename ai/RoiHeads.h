#pragma once
// The second stage of Mask R-CNN: RoIAlign on the FPN, a two-layer box head
// (mass vs background, box refinement) and a small FCN mask head.
#include "BoxOps.h"
#include "DetectionTargets.h"
#include "DetectorConfig.h"

#include <torch/nn.h>

#include <vector>

namespace mammo::ai {

struct RoiLosses {
    torch::Tensor classification;
    torch::Tensor box;
    torch::Tensor mask;
};

// Detections of one image, in model pixels.
struct ImageDetections {
    torch::Tensor boxes;    // [D, 4]
    torch::Tensor scores;   // [D]
    torch::Tensor masks;    // [D, M, M] probabilities over each box
};

class RoiHeadsImpl : public torch::nn::Module {
public:
    explicit RoiHeadsImpl(const DetectorConfig& config);

    RoiLosses losses(const std::vector<torch::Tensor>& features, const std::vector<torch::Tensor>& proposals,
                     const std::vector<ImageTargets>& targets);
    std::vector<ImageDetections> detect(const std::vector<torch::Tensor>& features,
                                        const std::vector<torch::Tensor>& proposals, std::int64_t imageHeight,
                                        std::int64_t imageWidth);

private:
    std::pair<torch::Tensor, torch::Tensor> boxHead(const std::vector<torch::Tensor>& features,
                                                    const torch::Tensor& rois);
    torch::Tensor maskHead(const std::vector<torch::Tensor>& features, const torch::Tensor& rois);

    DetectorConfig m_config;
    BoxCoder m_coder{{10.0, 10.0, 5.0, 5.0}};
    torch::nn::Linear m_fc1{nullptr};
    torch::nn::Linear m_fc2{nullptr};
    torch::nn::Linear m_classifier{nullptr};
    torch::nn::Linear m_boxRegressor{nullptr};
    torch::nn::Sequential m_maskConvs{nullptr};
    torch::nn::ConvTranspose2d m_maskUpsample{nullptr};
    torch::nn::Conv2d m_maskLogits{nullptr};
};
TORCH_MODULE(RoiHeads);

// RoIs [K, 5] (image index, box) from per-image boxes.
torch::Tensor toRois(const std::vector<torch::Tensor>& boxesPerImage);

} // namespace mammo::ai
