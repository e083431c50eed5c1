#pragma once
// Mask R-CNN (He et al. 2017) for masses: ResNet-FPN backbone, RPN, RoI heads.
// Training returns Ldet = Lcls + lambdaLoc * Lloc + lambdaSeg * Lseg (the
// paper's eq. 6, with the RPN's own classification and box terms added to
// Lcls and Lloc); inference returns boxes, scores and masks per image.
#include "DetectorConfig.h"
#include "RegionProposalNetwork.h"
#include "ResNetFpn.h"
#include "RoiHeads.h"

#include <torch/nn.h>

#include <vector>

namespace mammo::ai {

struct DetectorLosses {
    torch::Tensor rpnObjectness, rpnBox, classification, box, mask;
    torch::Tensor total;
};

class MaskRcnnImpl : public torch::nn::Module {
public:
    explicit MaskRcnnImpl(DetectorConfig config);

    // images [N, 1, H, W] with H and W multiples of config.sizeDivisor.
    DetectorLosses losses(const torch::Tensor& images, const std::vector<ImageTargets>& targets);
    std::vector<ImageDetections> detect(const torch::Tensor& images);

    // The paper's stages: 1 = heads only, 2 = heads + conv4_x and conv5_x, 3 = everything.
    void setTrainingStage(int stage);
    const DetectorConfig& config() const { return m_config; }

private:
    std::vector<torch::Tensor> pyramid(const torch::Tensor& images);

    DetectorConfig m_config;
    ResNet m_backbone{nullptr};
    FeaturePyramid m_fpn{nullptr};
    RegionProposalNetwork m_rpn{nullptr};
    RoiHeads m_heads{nullptr};
};
TORCH_MODULE(MaskRcnn);

} // namespace mammo::ai
