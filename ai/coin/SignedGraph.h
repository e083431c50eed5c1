#pragma once
// The signed kNN graph of COIN, paper eq. (4). For every sample x_i of the
// expanded set of class c, X_c = {X_c, X+_c, X-_c} (originals, positive and
// negative neighbours from the adversarial augmentation):
//
//   phi_ij = +1,  x_j in {X_c  U  X+_c}^{n+}_i
//            -1,  x_j in {X-_c U  X_{-c}}^{n-}_i
//             0   otherwise
//
// where {.}^{n}_i is the n nearest samples of x_i in that set and X_{-c} is
// everything of the other classes (their originals and both kinds of
// neighbours). The rule holds for every x_i, a negative neighbour included;
// x_i is never its own neighbour; when a set has fewer than n members all of
// them are taken. The graph is not symmetric: phi_ij says what x_i wants.
#include "SampleKind.h"

#include <torch/types.h>

namespace mammo::ai::coin {

// dist(.) of eq. (5) and the "nearest" of eq. (4). The paper names one
// distance, the angular cosine distance (for d(.) of eqs. (2) and (3)), and
// leaves dist(.) of eq. (5) open; cosine is our default for both.
enum class FeatureDistance {
    Cosine,      // 1 - cos(theta) in [0, 2]: same neighbours as the angle, smooth gradient
    Angular,     // theta / pi in [0, 1], the angular cosine distance proper
    Euclidean    // ||a - b||
};

struct SignedGraphOptions {
    int positiveNeighbours = 1;   // n+ (the paper's best, Fig. 5a)
    int negativeNeighbours = 4;   // n-
    FeatureDistance distance = FeatureDistance::Cosine;
};

// Row-wise distances between a [N, D] and b [N, D]: [N], differentiable (a zero
// vector has cosine distance 1; equal vectors have gradient 0, not NaN).
torch::Tensor featureDistance(const torch::Tensor& a, const torch::Tensor& b, FeatureDistance distance);

// All pairwise distances of features [N, D]: [N, N], no gradient.
torch::Tensor pairwiseFeatureDistances(const torch::Tensor& features, FeatureDistance distance);

// phi of eq. (4) for features [N, D] (the deep features h(x) of a batch in
// training, detached here), labels [N] (class c, integers) and kinds [N]
// (SampleKind values): [N, N] float in {-1, 0, +1} on the features' device.
// Equal distances are broken by the lower index. Throws core::Error on
// mismatched shapes or negative neighbour counts.
torch::Tensor signedGraph(const torch::Tensor& features, const torch::Tensor& labels, const torch::Tensor& kinds,
                          const SignedGraphOptions& options = {});

} // namespace mammo::ai::coin
