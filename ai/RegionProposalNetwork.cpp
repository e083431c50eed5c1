#include "RegionProposalNetwork.h"

#include "AnchorGenerator.h"
#include "Nms.h"

#include <torch/torch.h>

#include <cmath>

namespace mammo::ai {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

RegionProposalNetworkImpl::RegionProposalNetworkImpl(const DetectorConfig& config)
    : m_config(config)
{
    const int channels = config.fpnChannels;
    const int anchors = config.anchorsPerLocation();
    m_conv = register_module("conv", nn::Conv2d(nn::Conv2dOptions(channels, channels, 3).padding(1)));
    m_objectness = register_module("objectness", nn::Conv2d(nn::Conv2dOptions(channels, anchors, 1)));
    m_deltas = register_module("deltas", nn::Conv2d(nn::Conv2dOptions(channels, 4 * anchors, 1)));
    for (auto* layer : {&m_conv, &m_objectness, &m_deltas}) {
        nn::init::normal_((*layer)->weight, 0.0, 0.01);
        nn::init::zeros_((*layer)->bias);
    }
}

RpnOutput RegionProposalNetworkImpl::forward(const std::vector<torch::Tensor>& features, std::int64_t imageHeight,
                                             std::int64_t imageWidth, const std::vector<ImageTargets>* targets)
{
    const auto batch = features.front().size(0);
    const int anchorsPerCell = m_config.anchorsPerLocation();
    std::vector<torch::Tensor> levelScores, levelDeltas, levelAnchors, levelIds;
    for (std::size_t i = 0; i < features.size(); ++i) {
        const auto& feature = features[i];
        const auto hidden = torch::relu(m_conv->forward(feature));
        const auto height = feature.size(2);
        const auto width = feature.size(3);
        levelScores.push_back(m_objectness->forward(hidden).permute({0, 2, 3, 1}).reshape({batch, -1}));
        levelDeltas.push_back(m_deltas->forward(hidden)
                                  .view({batch, anchorsPerCell, 4, height, width})
                                  .permute({0, 3, 4, 1, 2})
                                  .reshape({batch, -1, 4}));
        const double stride = std::pow(2.0, m_config.fpnLevels[i]);
        levelAnchors.push_back(anchorsForLevel(height, width, stride, m_config.anchorSizes[i], feature.device()));
        levelIds.push_back(torch::full({levelAnchors.back().size(0)}, std::int64_t(i),
                                       torch::TensorOptions().dtype(torch::kLong).device(feature.device())));
    }
    const auto scores = torch::cat(levelScores, 1);   // [N, A]
    const auto deltas = torch::cat(levelDeltas, 1);   // [N, A, 4]
    const auto anchors = torch::cat(levelAnchors, 0); // [A, 4]
    const auto levels = torch::cat(levelIds, 0);      // [A]

    RpnOutput output;
    const int postNms = is_training() ? m_config.rpnPostNmsTopNTrain : m_config.rpnPostNmsTopNTest;
    {
        torch::NoGradGuard noGrad;
        for (std::int64_t image = 0; image < batch; ++image) {
            // Best anchors per level, decoded, clipped, then NMS per level.
            std::vector<torch::Tensor> candidates;
            std::int64_t offset = 0;
            for (const auto& level : levelAnchors) {
                const auto count = level.size(0);
                const auto top = std::min<std::int64_t>(count, m_config.rpnPreNmsTopN);
                candidates.push_back(std::get<1>(scores[image].slice(0, offset, offset + count).topk(top)) + offset);
                offset += count;
            }
            const auto index = torch::cat(candidates);
            auto boxes = m_coder.decode(deltas[image].index_select(0, index), anchors.index_select(0, index));
            boxes = clipBoxes(boxes, double(imageWidth), double(imageHeight));
            auto objectness = scores[image].index_select(0, index);
            auto boxLevels = levels.index_select(0, index);
            const auto large = ((boxes.select(1, 2) - boxes.select(1, 0) >= 1.0) &
                                (boxes.select(1, 3) - boxes.select(1, 1) >= 1.0)).nonzero().squeeze(1);
            boxes = boxes.index_select(0, large);
            objectness = objectness.index_select(0, large);
            boxLevels = boxLevels.index_select(0, large);
            const auto kept = batchedNms(boxes, objectness, boxLevels, m_config.rpnNmsThreshold).slice(0, 0, postNms);
            output.proposals.push_back(boxes.index_select(0, kept));
        }
    }

    if (targets) {
        std::vector<torch::Tensor> sampledScores, sampledLabels, positiveDeltas, positiveTargets;
        for (std::int64_t image = 0; image < batch; ++image) {
            const auto& target = (*targets)[std::size_t(image)];
            const auto truth = target.boxes().to(anchors.device());
            const auto matches = matchToTargets(boxIou(anchors, truth), 0.7, 0.3, /*keepBestMatches=*/true);
            const auto [positives, negatives] =
                sampleMatches(matches, m_config.rpnBatchPerImage, 0.5);
            const auto sampled = torch::cat({positives, negatives});
            sampledScores.push_back(scores[image].index_select(0, sampled));
            sampledLabels.push_back(torch::cat({torch::ones({positives.size(0)}, scores.options()),
                                                torch::zeros({negatives.size(0)}, scores.options())}));
            if (positives.size(0) > 0) {
                positiveDeltas.push_back(deltas[image].index_select(0, positives));
                positiveTargets.push_back(m_coder.encode(truth.index_select(0, matches.index_select(0, positives)),
                                                         anchors.index_select(0, positives)));
            }
        }
        const auto logits = torch::cat(sampledScores);
        const auto labels = torch::cat(sampledLabels);
        const double sampledCount = std::max<double>(1.0, double(logits.size(0)));
        output.losses.objectness = F::binary_cross_entropy_with_logits(logits, labels);
        if (positiveDeltas.empty()) {
            output.losses.box = deltas.sum() * 0.0;
        } else {
            output.losses.box = F::smooth_l1_loss(torch::cat(positiveDeltas), torch::cat(positiveTargets),
                                                  F::SmoothL1LossFuncOptions().reduction(torch::kSum).beta(1.0 / 9.0)) /
                                sampledCount;
        }
    }
    return output;
}

} // namespace mammo::ai
