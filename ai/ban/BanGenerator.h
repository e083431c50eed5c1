#pragma once
// The BAN generator (paper Sec. 2.1, "Generator"; Sec. 3 "we adopted U-Net
// [13] as the backbone for our generator"): a fully convolutional hourglass
// with skip connections between encoder and decoder, whose input is three
// channels — the normal ROI X, the same ROI with the lesion pasted, and the
// binary lesion mask — and whose output is the blended ROI (one channel).
//
// What the paper fixes: the three input channels, an encoder-decoder U-Net
// with skip connections "to facilitate the propagation of prior clues given
// at the input", one output image. What it leaves open, and what we chose:
// - U-Net levels as in Ronneberger et al.: two 3 x 3 convolutions per level,
//   2 x 2 max pooling down, a 2 x 2 transposed convolution up, concatenation
//   with the encoder's maps of that level, a final 1 x 1 convolution.
// - GroupNorm (8 groups, or the largest divisor of the width below 8) and
//   LeakyReLU(0.2) after each 3 x 3 conv:
//   batches are small (4-8 ROIs) and train and eval then compute the same.
// - A global skip: output = pasted channel + the U-Net's output, so outside
//   the mask (where the pasted ROI equals X) keeping the background means
//   learning a zero residual (the background loss LB asks for exactly that).
//   Not for the vanilla GAN, whose input is noise.
// - Intensities: grey as a fraction of full scale, [0, 1]; the mask 0 / 1.
//
// Presets (banGeneratorPreset):
// - "full": U-Net's widths 64-128-256-512-1024 (5 levels), for a GPU.
// - "cpu": 16-32-64-128 (4 levels), for the live preview on 2 CPU cores.
// Torch types: for ai/ban .cpp files and tests only.
#include "BanMethod.h"

#include <torch/nn.h>

#include <cstdint>
#include <string>
#include <vector>

namespace mammo::ai::ban {

struct BanGeneratorOptions {
    int inputChannels = 3;
    std::vector<int> widths{64, 128, 256, 512, 1024};   // per level, finest first
    bool residualFromPasted = true;                     // output = input channel 1 + U-Net
};

// "full" or "cpu", for a method (the vanilla GAN has no residual skip).
// Throws core::Error for another name.
BanGeneratorOptions banGeneratorPreset(const std::string& name, BanMethod method = BanMethod::Ban);
std::vector<std::string> banPresetNames();

class BanGeneratorImpl : public torch::nn::Module {
public:
    explicit BanGeneratorImpl(BanGeneratorOptions options = {});

    // input [N, inputChannels, H, W] with H, W multiples of sizeMultiple(),
    // made by generatorInput. Returns [N, 1, H, W]. Throws core::Error otherwise.
    torch::Tensor forward(const torch::Tensor& input);

    // 2^(levels - 1): the poolings must divide the ROI exactly.
    int sizeMultiple() const;
    const BanGeneratorOptions& options() const { return m_options; }

private:
    BanGeneratorOptions m_options;
    torch::nn::ModuleList m_down, m_up, m_upConvs;
    torch::nn::Conv2d m_output{nullptr};
};
TORCH_MODULE(BanGenerator);

// The generator's input for a method, shared by training and inference so the
// two cannot drift apart. normal, pasted, mask: [N, 1, H, W] float, mask 0/1.
// ban: [normal, pasted, mask]; no_prior: the pasted channel's lesion replaced
// by uniform [0, 1) noise inside the mask; vanilla_gan: three channels of
// uniform noise. The noise comes from a CPU generator seeded with noiseSeed.
torch::Tensor generatorInput(BanMethod method, const torch::Tensor& normal, const torch::Tensor& pasted,
                             const torch::Tensor& mask, std::uint64_t noiseSeed);

} // namespace mammo::ai::ban
