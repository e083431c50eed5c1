#include "MaskRcnn.h"

#include "core/Error.h"

#include <torch/torch.h>

namespace mammo::ai {

MaskRcnnImpl::MaskRcnnImpl(DetectorConfig config)
    : m_config(std::move(config))
{
    m_backbone = register_module("backbone", ResNet(m_config));
    std::vector<int> pyramidInputs;
    for (int level : m_config.fpnLevels)
        pyramidInputs.push_back(m_backbone->outputChannels()[std::size_t(level - 2)]);
    m_fpn = register_module("fpn", FeaturePyramid(pyramidInputs, m_config.fpnLevels, m_config.fpnChannels));
    m_rpn = register_module("rpn", RegionProposalNetwork(m_config));
    m_heads = register_module("roi_heads", RoiHeads(m_config));
}

std::vector<torch::Tensor> MaskRcnnImpl::pyramid(const torch::Tensor& images)
{
    if (images.dim() != 4 || images.size(1) != 1)
        throw core::Error("the detector takes grey images shaped [N, 1, H, W]");
    if (images.size(2) % m_config.sizeDivisor != 0 || images.size(3) % m_config.sizeDivisor != 0)
        throw core::Error("the detector's input size must be a multiple of " + std::to_string(m_config.sizeDivisor));
    return m_fpn->forward(m_backbone->forward(images));
}

DetectorLosses MaskRcnnImpl::losses(const torch::Tensor& images, const std::vector<ImageTargets>& targets)
{
    const auto features = pyramid(images);
    const auto rpn = m_rpn->forward(features, images.size(2), images.size(3), &targets);
    const auto roi = m_heads->losses(features, rpn.proposals, targets);
    DetectorLosses result;
    result.rpnObjectness = rpn.losses.objectness;
    result.rpnBox = rpn.losses.box;
    result.classification = roi.classification;
    result.box = roi.box;
    result.mask = roi.mask;
    result.total = (result.rpnObjectness + result.classification) +
                   m_config.lambdaLoc * (result.rpnBox + result.box) + m_config.lambdaSeg * result.mask;
    return result;
}

std::vector<ImageDetections> MaskRcnnImpl::detect(const torch::Tensor& images)
{
    const auto features = pyramid(images);
    const auto rpn = m_rpn->forward(features, images.size(2), images.size(3), nullptr);
    return m_heads->detect(features, rpn.proposals, images.size(2), images.size(3));
}

void MaskRcnnImpl::setTrainingStage(int stage)
{
    // conv4_x is ResNet's "stage 4" in the paper's wording.
    m_backbone->setTrainableFrom(stage == 1 ? 6 : stage == 2 ? 4 : 1);
}

} // namespace mammo::ai
