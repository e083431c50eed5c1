#pragma once
// RACOS, derivative-free optimisation by classification (Yu, Qian and Hu,
// AAAI 2016): COIN searches the noise that corrupts a seed sample with it,
// because the objectives (2) and (3) of the paper wrap an SVM and a min over
// distances and have no useful gradient.
#include <cstdint>
#include <functional>
#include <vector>

namespace mammo::ai::coin {

struct RacosParameters {
    int budget = 1000;          // evaluations of f in all, the initial sample included
    int sampleSize = 20;        // solutions kept between iterations (m)
    int positiveCount = 2;      // the best of them, which the learned regions contain (k)
    double lambda = 0.95;       // probability of sampling inside a learned region, else in the whole box
    // Coordinates left free in a learned region ("uncertain bits" in the RACOS
    // authors' code, which frees 1); the others are pinned to the positive's
    // values. A region is cut in only a few coordinates, so with all of them free
    // a sample in ten dimensions is nearly a sample of the whole box. The
    // dimension (or more) gives plain sampling of the region.
    int uncertainCoordinates = 1;
    std::uint32_t seed = 0;
};

struct RacosResult {
    std::vector<double> best;   // the best solution evaluated
    double value = 0;           // f(best)
    int evaluations = 0;        // calls of f made; never above the budget
};

using RacosObjective = std::function<double(const std::vector<double>&)>;

// Minimises f over the box lower <= x <= upper (per coordinate); to maximise,
// minimise -f. f is only called inside the box. A NaN value counts as +inf.
// The same parameters and seed give the same calls and the same result.
// Throws std::invalid_argument on an empty or inverted box or bad parameters.
RacosResult racosMinimise(const RacosObjective& f, const std::vector<double>& lower,
                          const std::vector<double>& upper, const RacosParameters& parameters);

// The cube [lower, upper]^dimension.
RacosResult racosMinimise(const RacosObjective& f, int dimension, double lower, double upper,
                          const RacosParameters& parameters);

} // namespace mammo::ai::coin
