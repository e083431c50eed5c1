#include "ResNetFpn.h"

#include <torch/torch.h>

namespace mammo::ai {

namespace nn = torch::nn;

namespace {

nn::Conv2d conv(int in, int out, int kernel, int stride = 1)
{
    return nn::Conv2d(nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(false));
}

// conv-BN blocks with an identity or projection shortcut.
class ResidualBlockImpl : public nn::Module {
public:
    ResidualBlockImpl(int in, int width, int stride, bool bottleneck)
    {
        const int out = bottleneck ? 4 * width : width;
        if (bottleneck) {
            m_body = nn::Sequential(conv(in, width, 1), nn::BatchNorm2d(width), nn::ReLU(nn::ReLUOptions(true)),
                                    conv(width, width, 3, stride), nn::BatchNorm2d(width),
                                    nn::ReLU(nn::ReLUOptions(true)), conv(width, out, 1), nn::BatchNorm2d(out));
        } else {
            m_body = nn::Sequential(conv(in, width, 3, stride), nn::BatchNorm2d(width),
                                    nn::ReLU(nn::ReLUOptions(true)), conv(width, out, 3), nn::BatchNorm2d(out));
        }
        register_module("body", m_body);
        if (stride != 1 || in != out) {
            m_shortcut = nn::Sequential(conv(in, out, 1, stride), nn::BatchNorm2d(out));
            register_module("shortcut", m_shortcut);
        }
        m_outChannels = out;
    }
    torch::Tensor forward(const torch::Tensor& x)
    {
        const auto identity = m_shortcut ? m_shortcut->forward(x) : x;
        return torch::relu(m_body->forward(x) + identity);
    }
    int outChannels() const { return m_outChannels; }

private:
    nn::Sequential m_body{nullptr};
    nn::Sequential m_shortcut{nullptr};
    int m_outChannels = 0;
};
TORCH_MODULE(ResidualBlock);

void setRequiresGrad(nn::Module& module, bool value)
{
    for (auto& parameter : module.parameters())
        parameter.set_requires_grad(value);
}

} // namespace

ResNetImpl::ResNetImpl(const DetectorConfig& config)
{
    m_stem = register_module(
        "stem", nn::Sequential(conv(1, config.stemChannels, 7, 2), nn::BatchNorm2d(config.stemChannels),
                               nn::ReLU(nn::ReLUOptions(true)),
                               nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).padding(1))));
    int channels = config.stemChannels;
    for (std::size_t stage = 0; stage < config.stageWidths.size(); ++stage) {
        nn::Sequential blocks;
        for (int block = 0; block < config.stageBlocks[stage]; ++block) {
            const int stride = (block == 0 && stage > 0) ? 2 : 1;
            ResidualBlock residual(channels, config.stageWidths[stage], stride, config.bottleneck);
            channels = residual->outChannels();
            blocks->push_back(residual);
        }
        m_stages.push_back(register_module("conv" + std::to_string(stage + 2), blocks));
        m_outputChannels.push_back(channels);
    }
    for (auto& module : modules(/*include_self=*/false)) {
        if (auto* convolution = module->as<nn::Conv2d>())
            nn::init::kaiming_normal_(convolution->weight, 0.0, torch::kFanOut, torch::kReLU);
    }
}

std::vector<torch::Tensor> ResNetImpl::forward(const torch::Tensor& image)
{
    std::vector<torch::Tensor> outputs;
    auto x = m_stem->forward(image);
    for (auto& stage : m_stages) {
        x = stage->forward(x);
        outputs.push_back(x);
    }
    return outputs;
}

void ResNetImpl::setTrainableFrom(int firstTrainable)
{
    setRequiresGrad(*m_stem, firstTrainable <= 1);
    for (std::size_t stage = 0; stage < m_stages.size(); ++stage)
        setRequiresGrad(*m_stages[stage], int(stage) + 2 >= firstTrainable);
}

FeaturePyramidImpl::FeaturePyramidImpl(const std::vector<int>& inputChannels, const std::vector<int>& levels,
                                       int channels)
    : m_levels(levels)
{
    for (std::size_t i = 0; i < levels.size(); ++i) {
        m_lateral->push_back(nn::Conv2d(nn::Conv2dOptions(inputChannels[i], channels, 1)));
        m_output->push_back(nn::Conv2d(nn::Conv2dOptions(channels, channels, 3).padding(1)));
    }
    register_module("lateral", m_lateral);
    register_module("output", m_output);
    for (auto& module : modules(false)) {
        if (auto* convolution = module->as<nn::Conv2d>()) {
            nn::init::kaiming_uniform_(convolution->weight, 1.0);
            nn::init::zeros_(convolution->bias);
        }
    }
}

std::vector<torch::Tensor> FeaturePyramidImpl::forward(const std::vector<torch::Tensor>& backboneOutputs)
{
    const std::size_t count = m_levels.size();
    std::vector<torch::Tensor> results(count);
    torch::Tensor topDown;
    for (std::size_t k = count; k-- > 0;) {
        const auto& input = backboneOutputs[std::size_t(m_levels[k] - 2)];
        auto lateral = m_lateral[k]->as<nn::Conv2d>()->forward(input);
        if (topDown.defined()) {
            lateral = lateral + nn::functional::interpolate(
                                    topDown, nn::functional::InterpolateFuncOptions()
                                                 .size(std::vector<int64_t>{lateral.size(2), lateral.size(3)})
                                                 .mode(torch::kNearest));
        }
        topDown = lateral;
        results[k] = m_output[k]->as<nn::Conv2d>()->forward(lateral);
    }
    return results;
}

} // namespace mammo::ai
