#include "ContrastiveLoss.h"

#include "core/Error.h"

#include <torch/torch.h>

namespace mammo::ai::coin {

torch::Tensor signedGraphLoss(const torch::Tensor& features, const torch::Tensor& graph, double margin,
                              FeatureDistance distance)
{
    if (!features.defined() || features.dim() != 2)
        throw core::Error("signedGraphLoss: features must be a [N, D] tensor.");
    const auto n = features.size(0);
    if (!graph.defined() || graph.dim() != 2 || graph.size(0) != n || graph.size(1) != n)
        throw core::Error("signedGraphLoss: the graph must be [N, N] for features [N, D].");
    if (!(margin > 0))
        throw core::Error("signedGraphLoss: the margin m must be positive.");

    const auto phi = graph.to(features.device(), features.scalar_type());
    // Only the pairs with phi_ij != 0 enter the sum of eq. (5).
    const auto pairs = phi.detach().nonzero();   // [P, 2]: (i, j)
    if (pairs.size(0) == 0)
        return (features * 0).sum();   // zero, attached to the graph of the features
    const auto i = pairs.select(1, 0), j = pairs.select(1, 1);
    const auto phiIj = phi.index({i, j});
    const auto dist = featureDistance(features.index_select(0, i), features.index_select(0, j), distance);
    const auto weighted = phiIj * dist;
    // phi_ij > 0: phi_ij * dist;  phi_ij < 0: max(0, m + phi_ij * dist).
    const auto terms = torch::where(phiIj > 0, weighted, torch::relu(margin + weighted));
    return terms.sum();
}

CoinLosses coinLoss(const torch::Tensor& logits, const torch::Tensor& features, const torch::Tensor& labels,
                    const torch::Tensor& graph, const CoinLossOptions& options)
{
    if (!logits.defined() || logits.dim() != 2 || !labels.defined() || labels.dim() != 1
        || labels.size(0) != logits.size(0) || !features.defined() || features.size(0) != logits.size(0))
        throw core::Error("coinLoss: logits [N, C], features [N, D] and labels [N] must agree on N.");
    if (!(options.lambda >= 0))
        throw core::Error("coinLoss: lambda must not be negative.");
    CoinLosses losses;
    // Eq. (6): the mean negative log-softmax of each sample's own class.
    losses.classification = torch::nn::functional::cross_entropy(logits, labels.to(logits.device(), torch::kLong));
    losses.graph = signedGraphLoss(features, graph, options.margin, options.graph.distance);
    losses.total = losses.classification + options.lambda * losses.graph;   // eq. (7)
    return losses;
}

CoinLosses coinLossOnBatchGraph(const torch::Tensor& logits, const torch::Tensor& features,
                                const torch::Tensor& labels, const torch::Tensor& kinds,
                                const CoinLossOptions& options)
{
    const auto graph = signedGraph(features.detach(), labels, kinds, options.graph);
    return coinLoss(logits, features, labels, graph, options);
}

} // namespace mammo::ai::coin
