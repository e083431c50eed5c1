#include "BanLosses.h"

#include "core/Error.h"

#include <torch/torch.h>

namespace mammo::ai::ban {

namespace {

void checkImage(const torch::Tensor& t, const char* what)
{
    if (!t.defined() || t.dim() != 4 || t.size(1) != 1)
        throw core::Error(std::string("BAN loss: the ") + what + " must be [N, 1, H, W]");
}

void checkSameShape(const torch::Tensor& a, const torch::Tensor& b, const char* what)
{
    checkImage(b, what);
    if (a.sizes() != b.sizes())
        throw core::Error(std::string("BAN loss: the ") + what + " differs in size from the generated image");
}

// Sum over the region divided by its pixel count (0 for an empty region).
torch::Tensor regionMean(const torch::Tensor& values, const torch::Tensor& region)
{
    return (values * region).sum() / region.sum().clamp_min(1.0);
}

// |grad f| with a floor under the square root: its derivative stays finite on flat tissue.
torch::Tensor gradientMagnitude(const ImageGradient& g)
{
    return torch::sqrt(g.x * g.x + g.y * g.y + 1e-12);
}

} // namespace

ImageGradient forwardGradient(const torch::Tensor& f)
{
    checkImage(f, "image");
    namespace F = torch::nn::functional;
    const auto H = f.size(2), W = f.size(3);
    ImageGradient g;
    // Differences of the interior, padded with a zero column / row at the far end.
    g.x = F::pad(f.narrow(3, 1, W - 1) - f.narrow(3, 0, W - 1), F::PadFuncOptions({0, 1, 0, 0}));
    g.y = F::pad(f.narrow(2, 1, H - 1) - f.narrow(2, 0, H - 1), F::PadFuncOptions({0, 0, 0, 1}));
    return g;
}

ImageGradient mixedGradient(const torch::Tensor& target, const torch::Tensor& source)
{
    checkSameShape(target, source, "source");
    const ImageGradient t = forwardGradient(target), s = forwardGradient(source);
    const auto sourceWins = (s.x * s.x + s.y * s.y) > (t.x * t.x + t.y * t.y);
    return {torch::where(sourceWins, s.x, t.x), torch::where(sourceWins, s.y, t.y)};
}

torch::Tensor shapeLoss(const torch::Tensor& generated, const torch::Tensor& normal, const torch::Tensor& lesion,
                        const torch::Tensor& mask)
{
    checkImage(generated, "generated image");
    checkSameShape(generated, normal, "normal image");
    checkSameShape(generated, lesion, "lesion image");
    checkSameShape(generated, mask, "mask");
    const ImageGradient v = mixedGradient(normal.detach(), lesion.detach());
    const ImageGradient g = forwardGradient(generated);
    const auto dx = g.x - v.x, dy = g.y - v.y;
    return regionMean(dx * dx + dy * dy, mask);
}

torch::Tensor backgroundLoss(const torch::Tensor& generated, const torch::Tensor& normal, const torch::Tensor& mask)
{
    checkImage(generated, "generated image");
    checkSameShape(generated, normal, "normal image");
    checkSameShape(generated, mask, "mask");
    const auto background = 1 - mask;
    const auto l1 = regionMean((generated - normal.detach()).abs(), background);
    const auto magnitudeDifference =
        gradientMagnitude(forwardGradient(generated)) - gradientMagnitude(forwardGradient(normal.detach()));
    return l1 + regionMean(magnitudeDifference * magnitudeDifference, background);
}

torch::Tensor discriminatorLoss(const torch::Tensor& realLogits, const torch::Tensor& fakeLogits)
{
    namespace F = torch::nn::functional;
    const auto real = F::binary_cross_entropy_with_logits(realLogits, torch::ones_like(realLogits));
    const auto fake = F::binary_cross_entropy_with_logits(fakeLogits, torch::zeros_like(fakeLogits));
    return 0.5 * (real + fake);
}

torch::Tensor generatorAdversarialLoss(const torch::Tensor& fakeLogits)
{
    return torch::nn::functional::binary_cross_entropy_with_logits(fakeLogits, torch::ones_like(fakeLogits));
}

GeneratorLoss generatorLoss(BanMethod method, const torch::Tensor& fakeLogits, const torch::Tensor& generated,
                            const torch::Tensor& normal, const torch::Tensor& lesion, const torch::Tensor& mask,
                            double lambdaPrior)
{
    GeneratorLoss loss;
    loss.adversarial = generatorAdversarialLoss(fakeLogits);
    loss.shape = shapeLoss(generated, normal, lesion, mask);
    loss.background = backgroundLoss(generated, normal, mask);
    loss.total = loss.adversarial;
    if (usesShapeLoss(method))
        loss.total = loss.total + lambdaPrior * loss.shape;
    if (usesBackgroundLoss(method))
        loss.total = loss.total + lambdaPrior * loss.background;
    return loss;
}

} // namespace mammo::ai::ban
