#pragma once
// The RPN of Faster R-CNN over FPN levels: one shared head scores the square
// anchors of every level and regresses them; the best become proposals.
#include "BoxOps.h"
#include "DetectionTargets.h"
#include "DetectorConfig.h"

#include <torch/nn.h>

#include <vector>

namespace mammo::ai {

struct RpnLosses {
    torch::Tensor objectness;
    torch::Tensor box;
};

struct RpnOutput {
    std::vector<torch::Tensor> proposals;   // per image [P, 4], detached
    RpnLosses losses;                       // defined when targets were given
};

class RegionProposalNetworkImpl : public torch::nn::Module {
public:
    explicit RegionProposalNetworkImpl(const DetectorConfig& config);
    // features: P{levels}; imageSize: (height, width) of the (padded) input.
    // Targets, when given, produce the losses (training).
    RpnOutput forward(const std::vector<torch::Tensor>& features, std::int64_t imageHeight, std::int64_t imageWidth,
                      const std::vector<ImageTargets>* targets);

private:
    DetectorConfig m_config;
    BoxCoder m_coder;
    torch::nn::Conv2d m_conv{nullptr};
    torch::nn::Conv2d m_objectness{nullptr};
    torch::nn::Conv2d m_deltas{nullptr};
};
TORCH_MODULE(RegionProposalNetwork);

} // namespace mammo::ai
