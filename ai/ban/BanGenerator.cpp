#include "BanGenerator.h"

#include "core/Error.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>

namespace mammo::ai::ban {

namespace nn = torch::nn;

namespace {

// conv 3 x 3 - GroupNorm - LeakyReLU, twice.
nn::Sequential doubleConv(int in, int out)
{
    int groups = std::min(8, out);
    while (out % groups != 0)
        --groups;
    return nn::Sequential(nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1).bias(false)),
                          nn::GroupNorm(nn::GroupNormOptions(groups, out)),
                          nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2).inplace(true)),
                          nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1).bias(false)),
                          nn::GroupNorm(nn::GroupNormOptions(groups, out)),
                          nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2).inplace(true)));
}

} // namespace

BanGeneratorOptions banGeneratorPreset(const std::string& name, BanMethod method)
{
    BanGeneratorOptions options;
    options.residualFromPasted = method != BanMethod::VanillaGan;
    if (name == "full")
        return options;
    if (name == "cpu") {
        options.widths = {16, 32, 64, 128};
        return options;
    }
    throw core::Error("BAN generator: unknown preset \"" + name + "\" (cpu or full).");
}

std::vector<std::string> banPresetNames()
{
    return {"cpu", "full"};
}

BanGeneratorImpl::BanGeneratorImpl(BanGeneratorOptions options) : m_options(std::move(options))
{
    if (m_options.inputChannels < 2 || m_options.widths.size() < 2
        || std::any_of(m_options.widths.begin(), m_options.widths.end(), [](int w) { return w <= 0; }))
        throw core::Error("BAN generator: bad input channels or widths.");
    int channels = m_options.inputChannels;
    for (int width : m_options.widths) {
        m_down->push_back(doubleConv(channels, width));
        channels = width;
    }
    for (std::size_t level = m_options.widths.size() - 1; level > 0; --level) {
        const int finer = m_options.widths[level - 1];
        m_upConvs->push_back(nn::ConvTranspose2d(nn::ConvTranspose2dOptions(channels, finer, 2).stride(2)));
        m_up->push_back(doubleConv(2 * finer, finer));
        channels = finer;
    }
    register_module("down", m_down);
    register_module("upsample", m_upConvs);
    register_module("up", m_up);
    m_output = register_module("output", nn::Conv2d(nn::Conv2dOptions(channels, 1, 1)));
    if (m_options.residualFromPasted) {
        // Start near the paste: a small residual, so the prior losses begin small and stay in range.
        torch::NoGradGuard noGrad;
        m_output->weight.mul_(0.1);
        m_output->bias.zero_();
    }
}

int BanGeneratorImpl::sizeMultiple() const
{
    return 1 << (int(m_options.widths.size()) - 1);
}

torch::Tensor BanGeneratorImpl::forward(const torch::Tensor& input)
{
    const int multiple = sizeMultiple();
    if (!input.defined() || input.dim() != 4 || input.size(1) != m_options.inputChannels || input.size(0) == 0
        || input.size(2) == 0 || input.size(3) == 0 || input.size(2) % multiple != 0 || input.size(3) % multiple != 0)
        throw core::Error("BAN generator: expected input [N, " + std::to_string(m_options.inputChannels)
                          + ", H, W] with H and W multiples of " + std::to_string(multiple) + ".");
    std::vector<torch::Tensor> skips;
    torch::Tensor x = input;
    for (std::size_t level = 0; level < m_down->size(); ++level) {
        if (level > 0)
            x = torch::max_pool2d(x, 2);
        x = m_down[level]->as<nn::Sequential>()->forward(x);
        skips.push_back(x);
    }
    for (std::size_t step = 0; step < m_up->size(); ++step) {
        x = m_upConvs[step]->as<nn::ConvTranspose2d>()->forward(x);
        x = torch::cat({skips[skips.size() - 2 - step], x}, 1);
        x = m_up[step]->as<nn::Sequential>()->forward(x);
    }
    x = m_output->forward(x);
    if (m_options.residualFromPasted)
        x = x + input.narrow(1, 1, 1);
    return x;
}

torch::Tensor generatorInput(BanMethod method, const torch::Tensor& normal, const torch::Tensor& pasted,
                             const torch::Tensor& mask, std::uint64_t noiseSeed)
{
    if (!normal.defined() || normal.dim() != 4 || normal.size(1) != 1 || !pasted.defined()
        || pasted.sizes() != normal.sizes() || !mask.defined() || mask.sizes() != normal.sizes())
        throw core::Error("BAN generator input: normal, pasted and mask must be [N, 1, H, W] of one size.");
    if (method == BanMethod::Ban)
        return torch::cat({normal, pasted, mask}, 1);
    auto generator = at::detail::createCPUGenerator(noiseSeed);
    auto noiseOf = [&](std::int64_t channels) {
        std::vector<std::int64_t> sizes = normal.sizes().vec();
        sizes[1] = channels;
        return torch::rand(sizes, generator, torch::TensorOptions().dtype(normal.scalar_type())).to(normal.device());
    };
    if (method == BanMethod::NoPrior) {
        const auto noisy = pasted * (1 - mask) + noiseOf(1) * mask;
        return torch::cat({normal, noisy, mask}, 1);
    }
    return noiseOf(3);
}

} // namespace mammo::ai::ban
