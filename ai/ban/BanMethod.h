#pragma once
// The blending method a BAN generator is trained as: the paper's blending
// adversarial network and its two learned baselines (Sec. 3, Fig. 5).
#include <string>
#include <vector>

namespace mammo::ai::ban {

enum class BanMethod {
    // Input normal | pasted | mask; L = Ladv + lambda_p (LS + LB) (eq. 1).
    Ban,
    // "Adversarial model without mass prior knowledge": the lesion inside the
    // mask replaced by uniform noise at the input, so there is no lesion
    // gradient for LS; L = Ladv + lambda_p LB.
    NoPrior,
    // Vanilla GAN: noise in all three input channels, L = Ladv only, and no
    // skip from the pasted image (there is none to keep).
    VanillaGan,
};

std::string banMethodName(BanMethod method);              // "ban", "no_prior", "vanilla_gan"
BanMethod banMethodFromName(const std::string& name);     // throws core::Error for another name
std::vector<std::string> banMethodNames();

// Which terms of the loss a method uses.
bool usesShapeLoss(BanMethod method);        // LS: ban only
bool usesBackgroundLoss(BanMethod method);   // LB: ban and no_prior

} // namespace mammo::ai::ban
