#pragma once
// COIN's objective. The signed-graph regulariser, paper eq. (5):
//
//   Jg(X, Phi) = sum_{i,j}  phi_ij * dist(h(x_i), h(x_j))                 if phi_ij > 0
//                           max(0, m + phi_ij * dist(h(x_i), h(x_j)))      if phi_ij < 0
//
// (pairs with phi_ij = 0 add nothing), on the deep features h(x) "directly
// behind the softmax layer"; the classification loss, eq. (6):
//
//   Jl = -1/N sum_{i=1..N} sum_{c=1..C} delta_c(y_i) log P(y_i | x_i; theta)
//
// over all N samples of the expanded set, augmented ones with their class's
// label; and the total, eq. (7):  J = Jl + lambda * Jg.
//
// As in the paper Jg is a sum, not a mean: it grows with the batch while Jl
// does not, so lambda = 1 weighs it by the batch size in effect.
#include "SignedGraph.h"

#include <torch/types.h>

namespace mammo::ai::coin {

struct CoinLossOptions {
    SignedGraphOptions graph;   // n+ = 1, n- = 4 and dist(.), used for eq. (4) and eq. (5) alike
    // m of eq. (5); the paper gives no value. Half the cosine distance's range on
    // non-negative features ([0, 1]): other-class neighbours must be at least
    // 60 degrees apart. Choose it anew for the Euclidean distance.
    double margin = 0.5;
    double lambda = 1.0;        // lambda of eq. (7), the paper's best
};

struct CoinLosses {
    torch::Tensor classification;   // Jl, eq. (6)
    torch::Tensor graph;            // Jg, eq. (5)
    torch::Tensor total;            // J = Jl + lambda * Jg, eq. (7)
};

// Jg of eq. (5) for features [N, D] (with gradient) and a signed graph [N, N].
// Throws core::Error on mismatched shapes or a margin that is not positive.
torch::Tensor signedGraphLoss(const torch::Tensor& features, const torch::Tensor& graph, double margin,
                              FeatureDistance distance);

// Eqs. (5)-(7) with a given graph. logits [N, C] (before the softmax), labels [N].
CoinLosses coinLoss(const torch::Tensor& logits, const torch::Tensor& features, const torch::Tensor& labels,
                    const torch::Tensor& graph, const CoinLossOptions& options = {});

// The same with the graph of eq. (4) built on the batch's own features (detached:
// the graph picks the pairs, the gradient flows through their distances).
// kinds [N] holds SampleKind values.
CoinLosses coinLossOnBatchGraph(const torch::Tensor& logits, const torch::Tensor& features,
                                const torch::Tensor& labels, const torch::Tensor& kinds,
                                const CoinLossOptions& options = {});

} // namespace mammo::ai::coin
