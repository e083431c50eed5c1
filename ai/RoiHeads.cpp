#include "RoiHeads.h"

#include "Nms.h"
#include "RoiAlign.h"

#include <torch/torch.h>

namespace mammo::ai {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

torch::Tensor toRois(const std::vector<torch::Tensor>& boxesPerImage)
{
    std::vector<torch::Tensor> rois;
    for (std::size_t image = 0; image < boxesPerImage.size(); ++image) {
        const auto& boxes = boxesPerImage[image];
        rois.push_back(torch::cat({torch::full({boxes.size(0), 1}, double(image), boxes.options()), boxes}, 1));
    }
    return torch::cat(rois);
}

RoiHeadsImpl::RoiHeadsImpl(const DetectorConfig& config)
    : m_config(config)
{
    const int pooled = config.fpnChannels * config.boxPoolSize * config.boxPoolSize;
    m_fc1 = register_module("fc1", nn::Linear(pooled, config.boxHeadDim));
    m_fc2 = register_module("fc2", nn::Linear(config.boxHeadDim, config.boxHeadDim));
    m_classifier = register_module("classifier", nn::Linear(config.boxHeadDim, 2));
    m_boxRegressor = register_module("box_regressor", nn::Linear(config.boxHeadDim, 4));
    nn::init::normal_(m_classifier->weight, 0.0, 0.01);
    nn::init::normal_(m_boxRegressor->weight, 0.0, 0.001);
    nn::init::zeros_(m_classifier->bias);
    nn::init::zeros_(m_boxRegressor->bias);

    m_maskConvs = nn::Sequential();
    int channels = config.fpnChannels;
    for (int i = 0; i < config.maskHeadConvs; ++i) {
        m_maskConvs->push_back(nn::Conv2d(nn::Conv2dOptions(channels, config.maskHeadChannels, 3).padding(1)));
        m_maskConvs->push_back(nn::ReLU(nn::ReLUOptions(true)));
        channels = config.maskHeadChannels;
    }
    register_module("mask_convs", m_maskConvs);
    m_maskUpsample = register_module(
        "mask_upsample", nn::ConvTranspose2d(nn::ConvTranspose2dOptions(channels, channels, 2).stride(2)));
    m_maskLogits = register_module("mask_logits", nn::Conv2d(nn::Conv2dOptions(channels, 1, 1)));
}

std::pair<torch::Tensor, torch::Tensor> RoiHeadsImpl::boxHead(const std::vector<torch::Tensor>& features,
                                                              const torch::Tensor& rois)
{
    const auto pooled = multiLevelRoiAlign(features, m_config.fpnLevels, rois, m_config.boxPoolSize,
                                           m_config.canonicalLevel, m_config.canonicalSize);
    auto x = torch::relu(m_fc1->forward(pooled.flatten(1)));
    x = torch::relu(m_fc2->forward(x));
    return {m_classifier->forward(x), m_boxRegressor->forward(x)};
}

torch::Tensor RoiHeadsImpl::maskHead(const std::vector<torch::Tensor>& features, const torch::Tensor& rois)
{
    const auto pooled = multiLevelRoiAlign(features, m_config.fpnLevels, rois, m_config.maskPoolSize,
                                           m_config.canonicalLevel, m_config.canonicalSize);
    auto x = m_maskConvs->forward(pooled);
    x = torch::relu(m_maskUpsample->forward(x));
    return m_maskLogits->forward(x).squeeze(1);   // [K, 2M, 2M]
}

RoiLosses RoiHeadsImpl::losses(const std::vector<torch::Tensor>& features,
                               const std::vector<torch::Tensor>& proposals,
                               const std::vector<ImageTargets>& targets)
{
    // Sample RoIs per image among the proposals plus the ground-truth boxes.
    std::vector<torch::Tensor> sampledBoxes, labels, regressionTargets, matchedCircles;
    std::vector<torch::Tensor> positiveCounts;
    for (std::size_t image = 0; image < proposals.size(); ++image) {
        const auto device = proposals[image].device();
        const auto truth = targets[image].boxes().to(device);
        const auto candidates = torch::cat({proposals[image], truth});
        const auto matches = matchToTargets(boxIou(candidates, truth), 0.5, 0.5, /*keepBestMatches=*/false);
        const auto [positives, negatives] =
            sampleMatches(matches, m_config.roiBatchPerImage, m_config.roiPositiveFraction);
        const auto sampled = torch::cat({positives, negatives});
        sampledBoxes.push_back(candidates.index_select(0, sampled));
        labels.push_back(torch::cat({torch::ones({positives.size(0)}, torch::TensorOptions().dtype(torch::kLong).device(device)),
                                     torch::zeros({negatives.size(0)}, torch::TensorOptions().dtype(torch::kLong).device(device))}));
        const auto positiveTruth = matches.index_select(0, positives);
        regressionTargets.push_back(
            m_coder.encode(truth.index_select(0, positiveTruth), candidates.index_select(0, positives)));
        matchedCircles.push_back(targets[image].circles.defined() && targets[image].count() > 0
                                     ? targets[image].circles.to(device).index_select(0, positiveTruth)
                                     : torch::zeros({0, 3}, candidates.options()));
        positiveCounts.push_back(torch::tensor(positives.size(0)));
    }
    const auto rois = toRois(sampledBoxes);
    const auto [classLogits, boxDeltas] = boxHead(features, rois);
    const auto allLabels = torch::cat(labels);
    RoiLosses result;
    result.classification = F::cross_entropy(classLogits, allLabels);

    const auto positiveIndex = (allLabels == 1).nonzero().squeeze(1);
    const double sampledCount = std::max<double>(1.0, double(allLabels.size(0)));
    if (positiveIndex.size(0) == 0) {
        result.box = boxDeltas.sum() * 0.0;
        result.mask = torch::zeros({}, boxDeltas.options());
        // Keep the mask head in the graph so every parameter gets a (zero) gradient.
        result.mask = result.mask + 0.0 * m_maskLogits->weight.sum();
        return result;
    }
    result.box = F::smooth_l1_loss(boxDeltas.index_select(0, positiveIndex), torch::cat(regressionTargets),
                                   F::SmoothL1LossFuncOptions().reduction(torch::kSum).beta(1.0 / 9.0)) /
                 sampledCount;

    const auto positiveRois = rois.index_select(0, positiveIndex);
    const auto maskLogits = maskHead(features, positiveRois);
    const auto maskTargets = discMasks(torch::cat(matchedCircles), positiveRois.slice(1, 1, 5), int(maskLogits.size(1)));
    result.mask = F::binary_cross_entropy_with_logits(maskLogits, maskTargets);
    return result;
}

std::vector<ImageDetections> RoiHeadsImpl::detect(const std::vector<torch::Tensor>& features,
                                                  const std::vector<torch::Tensor>& proposals,
                                                  std::int64_t imageHeight, std::int64_t imageWidth)
{
    const auto rois = toRois(proposals);
    const auto [classLogits, boxDeltas] = boxHead(features, rois);
    const auto scores = torch::softmax(classLogits, 1).select(1, 1);
    const auto boxes = clipBoxes(m_coder.decode(boxDeltas, rois.slice(1, 1, 5)), double(imageWidth), double(imageHeight));
    const auto imageIndex = rois.select(1, 0).to(torch::kLong);

    std::vector<ImageDetections> results;
    std::vector<torch::Tensor> keptBoxes;
    for (std::size_t image = 0; image < proposals.size(); ++image) {
        const auto candidates =
            ((imageIndex == std::int64_t(image)) & (scores > m_config.detectionScoreThreshold) &
             (boxes.select(1, 2) - boxes.select(1, 0) > 1.0) & (boxes.select(1, 3) - boxes.select(1, 1) > 1.0))
                .nonzero()
                .squeeze(1);
        const auto imageBoxes = boxes.index_select(0, candidates);
        const auto imageScores = scores.index_select(0, candidates);
        const auto kept = nms(imageBoxes, imageScores, m_config.detectionNmsThreshold)
                              .slice(0, 0, m_config.detectionsPerImage);
        ImageDetections detections;
        detections.boxes = imageBoxes.index_select(0, kept);
        detections.scores = imageScores.index_select(0, kept);
        keptBoxes.push_back(detections.boxes);
        results.push_back(detections);
    }
    const auto maskRois = toRois(keptBoxes);
    if (maskRois.size(0) > 0) {
        const auto masks = torch::sigmoid(maskHead(features, maskRois));
        std::int64_t offset = 0;
        for (auto& detections : results) {
            const auto count = detections.boxes.size(0);
            detections.masks = masks.slice(0, offset, offset + count);
            offset += count;
        }
    } else {
        const int size = 2 * m_config.maskPoolSize;
        for (auto& detections : results)
            detections.masks = torch::zeros({0, size, size}, boxes.options());
    }
    return results;
}

} // namespace mammo::ai
