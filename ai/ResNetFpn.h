#pragma once
// The backbone: a ResNet (basic or bottleneck blocks, any widths) and a
// feature pyramid network over its outputs, as in Lin et al. 2017.
#include "DetectorConfig.h"

#include <torch/nn.h>

#include <vector>

namespace mammo::ai {

class ResNetImpl : public torch::nn::Module {
public:
    explicit ResNetImpl(const DetectorConfig& config);
    // C2 .. C5 (strides 4 .. 32).
    std::vector<torch::Tensor> forward(const torch::Tensor& image);
    // Freezes everything below conv{firstTrainable}_x (1 = stem, 2..5 = stages,
    // 6 = the whole backbone frozen): the paper's staged training.
    void setTrainableFrom(int firstTrainable);
    std::vector<int> outputChannels() const { return m_outputChannels; }

private:
    torch::nn::Sequential m_stem{nullptr};
    std::vector<torch::nn::Sequential> m_stages;
    std::vector<int> m_outputChannels;
};
TORCH_MODULE(ResNet);

class FeaturePyramidImpl : public torch::nn::Module {
public:
    // inputChannels[i] is the width of C{levels[i]}.
    FeaturePyramidImpl(const std::vector<int>& inputChannels, const std::vector<int>& levels, int channels);
    // Takes C2 .. C5, returns P{levels} (all with `channels` channels).
    std::vector<torch::Tensor> forward(const std::vector<torch::Tensor>& backboneOutputs);

private:
    std::vector<int> m_levels;
    torch::nn::ModuleList m_lateral;
    torch::nn::ModuleList m_output;
};
TORCH_MODULE(FeaturePyramid);

} // namespace mammo::ai
