#pragma once
// The BAN losses (paper Sec. 2.2): L = Ladv + lambda_p (LS + LB) (eq. 1).
//
// - Ladv (eq. 2) is the original GAN loss of Goodfellow et al. [4]: the
//   discriminator maximises log D(Y) + log(1 - D(G(X, E))); the generator,
//   as Goodfellow et al. advise, maximises log D(G(X, E)) (the non-saturating
//   form). D's output being the average over 16 x 16 patches, the binary
//   cross-entropy is taken per patch and averaged, as pix2pix [7] does.
// - LS (eqs. 3, 4): inside the mask Omega, the generated image's gradient
//   against the mixed field v: per pixel the gradient of X or of the lesion E,
//   whichever is larger in magnitude (X's on a tie). Forward differences, zero
//   in the last column / row: ai/synthesis/PoissonGuidance's discretisation.
// - LB (eq. 5): on the background B (every ROI pixel outside Omega), the L1
//   distance to X plus the squared difference of gradient magnitudes.
// The norms of eqs. 3 and 5 are taken as means over the region's pixels (the
// squared L2 for LS and the gradient term, mean absolute for the L1 term), so
// the terms do not scale with the ROI or the lesion size; a batch's pixels are
// pooled, and an empty region gives 0.
// Tensors: [N, 1, H, W] float; masks 0 / 1. Torch types: ai/ban and tests only.
#include "BanMethod.h"

#include <torch/types.h>

namespace mammo::ai::ban {

struct ImageGradient {
    torch::Tensor x;   // f(y, x+1) - f(y, x); 0 in the last column
    torch::Tensor y;   // f(y+1, x) - f(y, x); 0 in the last row
};

ImageGradient forwardGradient(const torch::Tensor& f);
// The mixed field of eq. 4: target's vector where |grad target| >= |grad source|, else source's.
ImageGradient mixedGradient(const torch::Tensor& target, const torch::Tensor& source);

// LS of eq. 3: mean over Omega of |grad G - v|^2, v = mixedGradient(normal, lesion).
torch::Tensor shapeLoss(const torch::Tensor& generated, const torch::Tensor& normal, const torch::Tensor& lesion,
                        const torch::Tensor& mask);
// LB of eq. 5: mean over B of |G - X| + mean over B of (|grad G| - |grad X|)^2, B = 1 - mask.
torch::Tensor backgroundLoss(const torch::Tensor& generated, const torch::Tensor& normal, const torch::Tensor& mask);

// From patch logits: D's loss, 0.5 [BCE(real, 1) + BCE(fake, 0)] averaged over patches
// (the half as in pix2pix: D learns at half the generator's pace).
torch::Tensor discriminatorLoss(const torch::Tensor& realLogits, const torch::Tensor& fakeLogits);
// The generator's side of eq. 2, non-saturating: BCE(fake, 1) = -log D(G) averaged over patches.
torch::Tensor generatorAdversarialLoss(const torch::Tensor& fakeLogits);

struct GeneratorLoss {
    torch::Tensor total;        // adversarial + lambda_p (shape + background), terms as the method uses them
    torch::Tensor adversarial;
    torch::Tensor shape;        // computed for every method (monitoring), counted only for ban
    torch::Tensor background;   // computed for every method, counted for ban and no_prior
};

GeneratorLoss generatorLoss(BanMethod method, const torch::Tensor& fakeLogits, const torch::Tensor& generated,
                            const torch::Tensor& normal, const torch::Tensor& lesion, const torch::Tensor& mask,
                            double lambdaPrior);

} // namespace mammo::ai::ban
