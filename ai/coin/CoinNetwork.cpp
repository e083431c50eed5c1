#include "CoinNetwork.h"

#include "core/Error.h"

#include <torch/torch.h>

#include <string>

namespace mammo::ai::coin {

namespace nn = torch::nn;

namespace {

// 3 x 3 factored into depth-wise 3 x 1 then 1 x 3, then a point-wise 1 x 1.
class SeparableConvImpl : public nn::Module {
public:
    SeparableConvImpl(int in, int out)
    {
        m_vertical = register_module(
            "depthwise3x1", nn::Conv2d(nn::Conv2dOptions(in, in, {3, 1}).padding({1, 0}).groups(in).bias(false)));
        m_horizontal = register_module(
            "depthwise1x3", nn::Conv2d(nn::Conv2dOptions(in, in, {1, 3}).padding({0, 1}).groups(in).bias(false)));
        m_pointwise = register_module("pointwise", nn::Conv2d(nn::Conv2dOptions(in, out, 1).bias(false)));
        nn::init::kaiming_normal_(m_pointwise->weight, 0.0, torch::kFanIn, torch::kReLU);
    }
    torch::Tensor forward(const torch::Tensor& x)
    {
        return m_pointwise->forward(m_horizontal->forward(m_vertical->forward(x)));
    }

private:
    nn::Conv2d m_vertical{nullptr}, m_horizontal{nullptr}, m_pointwise{nullptr};
};
TORCH_MODULE(SeparableConv);

// DC block: SConv-BN-ReLU-SConv-BN, 2 x 2 max pooling, ReLU.
class DownBlockImpl : public nn::Module {
public:
    DownBlockImpl(int in, int out)
    {
        m_body = register_module(
            "body", nn::Sequential(SeparableConv(in, out), nn::BatchNorm2d(out), nn::ReLU(nn::ReLUOptions(true)),
                                   SeparableConv(out, out), nn::BatchNorm2d(out),
                                   nn::MaxPool2d(nn::MaxPool2dOptions(2).stride(2))));
    }
    torch::Tensor forward(const torch::Tensor& x) { return torch::relu(m_body->forward(x)); }

private:
    nn::Sequential m_body{nullptr};
};
TORCH_MODULE(DownBlock);

// RC layer: y = ReLU(x + BN(SConv(x))).
class ResidualLayerImpl : public nn::Module {
public:
    explicit ResidualLayerImpl(int channels)
    {
        m_conv = register_module("conv", SeparableConv(channels, channels));
        m_norm = register_module("norm", nn::BatchNorm2d(channels));
    }
    torch::Tensor forward(const torch::Tensor& x) { return torch::relu(x + m_norm->forward(m_conv->forward(x))); }

private:
    SeparableConv m_conv{nullptr};
    nn::BatchNorm2d m_norm{nullptr};
};
TORCH_MODULE(ResidualLayer);

} // namespace

CoinNetworkImpl::CoinNetworkImpl(CoinNetworkOptions options) : m_options(options)
{
    if (options.inputChannels <= 0 || options.inputHalvings < 0 || options.residualLayers < 0 || options.fullyConnectedLayers <= 0
        || options.featureSize <= 0 || options.classes < 2)
        throw core::Error("COIN network: bad layer counts or widths.");
    int channels = options.inputChannels;
    for (int width : options.blockChannels) {
        if (width <= 0)
            throw core::Error("COIN network: bad block width.");
        m_downBlocks->push_back(DownBlock(channels, width));
        channels = width;
    }
    for (int layer = 0; layer < options.residualLayers; ++layer)
        m_residualLayers->push_back(ResidualLayer(channels));
    register_module("down", m_downBlocks);
    register_module("residual", m_residualLayers);

    nn::Sequential head;
    head->push_back(nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions(1)));
    head->push_back(nn::Flatten());
    for (int layer = 0; layer < options.fullyConnectedLayers; ++layer) {
        head->push_back(nn::Linear(layer == 0 ? channels : options.featureSize, options.featureSize));
        head->push_back(nn::ReLU(nn::ReLUOptions(true)));
    }
    m_fullyConnected = register_module("fc", head);
    m_classifier = register_module("classifier", nn::Linear(options.featureSize, options.classes));
}

CoinNetworkOptions coinNetworkPreset(const std::string& name)
{
    CoinNetworkOptions options;
    if (name == "full")
        return options;
    if (name == "cpu") {
        options.inputHalvings = 1;
        options.blockChannels = {48, 96, 192, 192};
        return options;
    }
    throw core::Error("COIN network: unknown preset \"" + name + "\" (full or cpu).");
}

std::vector<std::string> coinNetworkPresetNames()
{
    return {"cpu", "full"};
}

void CoinNetworkImpl::checkInput(const torch::Tensor& images) const
{
    const std::int64_t multiple = std::int64_t(16) << m_options.inputHalvings;
    if (!images.defined() || images.dim() != 4 || images.size(1) != m_options.inputChannels || images.size(0) == 0
        || images.size(2) == 0 || images.size(3) == 0 || images.size(2) % multiple != 0 || images.size(3) % multiple != 0)
        throw core::Error("COIN network: expected images [N, " + std::to_string(m_options.inputChannels)
                          + ", H, W] with H and W multiples of " + std::to_string(multiple) + " (224 x 224 ROIs).");
}

std::vector<torch::Tensor> CoinNetworkImpl::featureMaps(const torch::Tensor& images)
{
    checkInput(images);
    std::vector<torch::Tensor> maps;
    auto x = images;
    for (int halving = 0; halving < m_options.inputHalvings; ++halving)
        x = torch::avg_pool2d(x, 2);
    for (const auto& block : *m_downBlocks) {
        x = block->as<DownBlock>()->forward(x);
        maps.push_back(x);
    }
    for (const auto& layer : *m_residualLayers)
        x = layer->as<ResidualLayer>()->forward(x);
    maps.push_back(x);
    return maps;
}

CoinOutput CoinNetworkImpl::forward(const torch::Tensor& images)
{
    return classify(featureMaps(images).back());
}

CoinOutput CoinNetworkImpl::classify(const torch::Tensor& maps)
{
    const int channels = m_options.blockChannels.back();
    if (!maps.defined() || maps.dim() != 4 || maps.size(1) != channels)
        throw core::Error("COIN network: expected feature maps [N, " + std::to_string(channels) + ", h, w].");
    CoinOutput output;
    output.features = m_fullyConnected->forward(maps);
    output.logits = m_classifier->forward(output.features);
    return output;
}

torch::Tensor CoinNetworkImpl::malignantProbability(const torch::Tensor& logits)
{
    return torch::softmax(logits, 1).select(1, 1);
}

} // namespace mammo::ai::coin
