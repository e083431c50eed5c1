#include "SignedGraph.h"

#include "core/Error.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mammo::ai::coin {
namespace {

namespace F = torch::nn::functional;

torch::Tensor unitRows(const torch::Tensor& x)
{
    return F::normalize(x, F::NormalizeFuncOptions().p(2).dim(1).eps(1e-12));
}

// acos is infinitely steep at +-1; clamping just inside keeps the gradient finite.
torch::Tensor angularFromCosine(const torch::Tensor& cosine)
{
    const double edge = 1.0 - 1e-6;
    return torch::acos(cosine.clamp(-edge, edge)) / M_PI;
}

void checkFeatures(const torch::Tensor& features, const char* what)
{
    if (!features.defined() || features.dim() != 2)
        throw core::Error(std::string(what) + ": features must be a [N, D] tensor.");
}

// 1 where j is among the k nearest members of row i's set, else 0.
torch::Tensor nearestInSet(const torch::Tensor& distances, const torch::Tensor& inSet, int k)
{
    auto chosen = torch::zeros_like(distances);
    k = std::min<int>(k, int(distances.size(1)));
    if (k == 0)
        return chosen;
    const auto masked = distances.masked_fill(inSet.logical_not(), std::numeric_limits<double>::infinity());
    const auto [sorted, order] = torch::sort(masked, /*stable=*/true, /*dim=*/1, /*descending=*/false);
    // Fewer than k members: the rest of the first k columns are outsiders (inf).
    const auto isMember = torch::isfinite(sorted.narrow(1, 0, k)).to(distances.scalar_type());
    return chosen.scatter(1, order.narrow(1, 0, k), isMember);
}

} // namespace

torch::Tensor featureDistance(const torch::Tensor& a, const torch::Tensor& b, FeatureDistance distance)
{
    checkFeatures(a, "featureDistance");
    checkFeatures(b, "featureDistance");
    if (a.sizes() != b.sizes())
        throw core::Error("featureDistance: the two sets of features differ in shape.");
    switch (distance) {
    case FeatureDistance::Cosine: return 1.0 - (unitRows(a) * unitRows(b)).sum(1);
    case FeatureDistance::Angular: return angularFromCosine((unitRows(a) * unitRows(b)).sum(1));
    case FeatureDistance::Euclidean: return (a - b).norm(2, 1);   // its backward is 0, not NaN, at a == b
    }
    throw core::Error("featureDistance: unknown distance.");
}

torch::Tensor pairwiseFeatureDistances(const torch::Tensor& features, FeatureDistance distance)
{
    checkFeatures(features, "pairwiseFeatureDistances");
    torch::NoGradGuard noGrad;
    const auto h = features.detach();
    switch (distance) {
    case FeatureDistance::Cosine: {
        const auto u = unitRows(h);
        return (1.0 - u.mm(u.t())).clamp_min(0.0);
    }
    case FeatureDistance::Angular: {
        const auto u = unitRows(h);
        return torch::acos(u.mm(u.t()).clamp(-1.0, 1.0)) / M_PI;
    }
    case FeatureDistance::Euclidean:
        // Without the matrix-product shortcut, whose rounding would reorder near ties.
        return torch::cdist(h, h, 2.0, /*compute_mode: donot_use_mm_for_euclid_dist*/ 2);
    }
    throw core::Error("pairwiseFeatureDistances: unknown distance.");
}

torch::Tensor signedGraph(const torch::Tensor& features, const torch::Tensor& labels, const torch::Tensor& kinds,
                          const SignedGraphOptions& options)
{
    checkFeatures(features, "signedGraph");
    const auto n = features.size(0);
    if (!labels.defined() || !kinds.defined() || labels.dim() != 1 || kinds.dim() != 1 || labels.size(0) != n
        || kinds.size(0) != n)
        throw core::Error("signedGraph: labels and kinds must be [N] for features [N, D].");
    if (options.positiveNeighbours < 0 || options.negativeNeighbours < 0)
        throw core::Error("signedGraph: neighbour counts must not be negative.");
    if (n > 0 && (kinds.min().item<std::int64_t>() < 0 || kinds.max().item<std::int64_t>() > 2))
        throw core::Error("signedGraph: kinds must be SampleKind values (0, 1 or 2).");

    torch::NoGradGuard noGrad;
    const auto device = features.device();
    const auto c = labels.to(device, torch::kLong);
    const auto kind = kinds.to(device, torch::kLong);
    const auto distances = pairwiseFeatureDistances(features, options.distance).to(torch::kFloat);

    const auto sameClass = c.unsqueeze(1) == c.unsqueeze(0);   // [i, j]: y_j == y_i
    const auto jIsNegativeNeighbour =
        (kind == std::int64_t(SampleKind::NegativeNeighbour)).unsqueeze(0).expand({n, n});
    const auto notSelf = torch::eye(n, torch::TensorOptions().dtype(torch::kBool).device(device)).logical_not();
    // {X_c U X+_c}: same class, an original or a positive neighbour.
    const auto positiveSet = sameClass & jIsNegativeNeighbour.logical_not() & notSelf;
    // {X-_c U X_{-c}}: the class's negative neighbours, and every sample of another class.
    const auto negativeSet = ((sameClass & jIsNegativeNeighbour) | sameClass.logical_not()) & notSelf;

    return nearestInSet(distances, positiveSet, options.positiveNeighbours)
           - nearestInSet(distances, negativeSet, options.negativeNeighbours);
}

} // namespace mammo::ai::coin
