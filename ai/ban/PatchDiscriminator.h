#pragma once
// The BAN patch discriminator (paper Sec. 2.1, "Patch Discriminator"; Sec. 3
// "a series of four convolutional layers"): it classifies every N x N patch
// of an ROI as real or blended, N = 16, run convolutionally across the ROI,
// and the responses are averaged into the final output (as in pix2pix [7],
// whose wording the paper takes).
//
// N = 16 is the receptive field of one output: four convolutions,
// 4 x 4 stride 2, then three 3 x 3 stride 1, see 4 + 2 * (2 + 2 + 2) = 16
// input pixels across. Padding 1 each, so an H x W ROI gives H/2 x W/2
// patch logits. LeakyReLU(0.2) between the layers and no normalisation:
// batch or group statistics would let every output see the whole ROI, and a
// patch discriminator's outputs should each judge their own patch only.
// Unconditional: it sees the ROI only, as D(Y) and D(G(X, E)) in eq. (2).
// Torch types: for ai/ban .cpp files and tests only.
#include <torch/nn.h>

#include <array>
#include <string>

namespace mammo::ai::ban {

inline constexpr int kPatchSize = 16;   // N of the paper

struct PatchDiscriminatorOptions {
    int inputChannels = 1;
    std::array<int, 3> widths{64, 128, 256};   // the first three layers; the fourth gives one logit
};

// "full" (64-128-256, pix2pix's widths) or "cpu" (32-64-128). Throws core::Error otherwise.
PatchDiscriminatorOptions patchDiscriminatorPreset(const std::string& name);

class PatchDiscriminatorImpl : public torch::nn::Module {
public:
    explicit PatchDiscriminatorImpl(PatchDiscriminatorOptions options = {});

    // images [N, C, H, W], H and W even -> patch logits [N, 1, H/2, W/2],
    // one per 16 x 16 patch. Throws core::Error otherwise.
    torch::Tensor forward(const torch::Tensor& images);

    // The final output D(.) of the paper: the patch probabilities averaged, [N].
    static torch::Tensor averagedProbability(const torch::Tensor& patchLogits);

private:
    PatchDiscriminatorOptions m_options;
    torch::nn::Sequential m_layers{nullptr};
};
TORCH_MODULE(PatchDiscriminator);

} // namespace mammo::ai::ban
