#include "PatchDiscriminator.h"

#include "core/Error.h"

#include <torch/torch.h>

#include <algorithm>

namespace mammo::ai::ban {

namespace nn = torch::nn;

PatchDiscriminatorOptions patchDiscriminatorPreset(const std::string& name)
{
    PatchDiscriminatorOptions options;
    if (name == "full")
        return options;
    if (name == "cpu") {
        options.widths = {32, 64, 128};
        return options;
    }
    throw core::Error("BAN discriminator: unknown preset \"" + name + "\" (cpu or full).");
}

PatchDiscriminatorImpl::PatchDiscriminatorImpl(PatchDiscriminatorOptions options) : m_options(options)
{
    if (options.inputChannels <= 0 || std::any_of(options.widths.begin(), options.widths.end(), [](int w) { return w <= 0; }))
        throw core::Error("BAN discriminator: bad widths.");
    const auto& w = options.widths;
    auto leaky = [] { return nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2).inplace(true)); };
    m_layers = register_module(
        "layers",
        nn::Sequential(nn::Conv2d(nn::Conv2dOptions(options.inputChannels, w[0], 4).stride(2).padding(1)), leaky(),
                       nn::Conv2d(nn::Conv2dOptions(w[0], w[1], 3).padding(1)), leaky(),
                       nn::Conv2d(nn::Conv2dOptions(w[1], w[2], 3).padding(1)), leaky(),
                       nn::Conv2d(nn::Conv2dOptions(w[2], 1, 3).padding(1))));
}

torch::Tensor PatchDiscriminatorImpl::forward(const torch::Tensor& images)
{
    if (!images.defined() || images.dim() != 4 || images.size(1) != m_options.inputChannels || images.size(0) == 0
        || images.size(2) < kPatchSize || images.size(3) < kPatchSize || images.size(2) % 2 != 0
        || images.size(3) % 2 != 0)
        throw core::Error("BAN discriminator: expected images [N, " + std::to_string(m_options.inputChannels)
                          + ", H, W] with even H and W of at least 16.");
    return m_layers->forward(images);
}

torch::Tensor PatchDiscriminatorImpl::averagedProbability(const torch::Tensor& patchLogits)
{
    return torch::sigmoid(patchLogits).flatten(1).mean(1);
}

} // namespace mammo::ai::ban
