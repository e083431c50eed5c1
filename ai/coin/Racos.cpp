#include "Racos.h"
#include "PortableRandom.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

namespace mammo::ai::coin {
namespace {

struct Solution {
    std::vector<double> x;
    double value = 0;
};

struct Box {
    std::vector<double> low, high;
};

std::vector<double> sampleIn(const Box& box, PortableRandom& random)
{
    std::vector<double> x(box.low.size());
    for (std::size_t k = 0; k < x.size(); ++k)
        // min: a + u(b - a) can round up past b, and f must never see a point outside.
        x[k] = std::min(random.uniform(box.low[k], box.high[k]), box.high[k]);
    return x;
}

// The randomised coordinate shrinking of RACOS: start from the whole box and
// cut it, one random negative at a time, on a random coordinate where it
// differs from the positive, at a random point between the two, until no
// negative is left inside; then pin all but `uncertain` random coordinates to
// the positive. The region keeps the positive and, being random, differs from
// call to call, which is what keeps the search exploring around good solutions.
Box learnRegion(const std::vector<double>& positive, const std::vector<const Solution*>& negatives,
                const Box& whole, std::size_t uncertain, PortableRandom& random)
{
    Box region = whole;
    std::vector<const std::vector<double>*> inside;
    for (const auto* negative : negatives)
        // A negative equal to the positive cannot be cut away; it is left out.
        if (negative->x != positive)
            inside.push_back(&negative->x);

    std::vector<std::size_t> differing;
    while (!inside.empty()) {
        const auto& negative = *inside[random.index(inside.size())];
        differing.clear();
        for (std::size_t k = 0; k < positive.size(); ++k)
            if (negative[k] != positive[k])
                differing.push_back(k);
        const std::size_t k = differing[random.index(differing.size())];
        const double cut = random.uniform(positive[k], negative[k]);
        // Only the chosen coordinate needs checking: every negative still listed
        // lies inside the region on all the others.
        if (positive[k] < negative[k]) {
            region.high[k] = std::min(region.high[k], cut);
            inside.erase(std::remove_if(inside.begin(), inside.end(),
                                        [&](const auto* x) { return (*x)[k] >= cut; }),
                         inside.end());
        } else {
            region.low[k] = std::max(region.low[k], cut);
            inside.erase(std::remove_if(inside.begin(), inside.end(),
                                        [&](const auto* x) { return (*x)[k] <= cut; }),
                         inside.end());
        }
    }

    // A partial shuffle: its first `uncertain` entries are the free coordinates.
    std::vector<std::size_t> order(positive.size());
    for (std::size_t k = 0; k < order.size(); ++k)
        order[k] = k;
    for (std::size_t i = 0; i < uncertain && i < order.size(); ++i)
        std::swap(order[i], order[i + random.index(order.size() - i)]);
    for (std::size_t i = uncertain; i < order.size(); ++i)
        region.low[order[i]] = region.high[order[i]] = positive[order[i]];
    return region;
}

void check(bool condition, const std::string& message)
{
    if (!condition)
        throw std::invalid_argument("racosMinimise: " + message);
}

} // namespace

RacosResult racosMinimise(const RacosObjective& f, const std::vector<double>& lower,
                          const std::vector<double>& upper, const RacosParameters& parameters)
{
    check(bool(f), "no objective");
    check(!lower.empty() && lower.size() == upper.size(), "the bounds must have the same, non-zero size");
    for (std::size_t k = 0; k < lower.size(); ++k)
        check(std::isfinite(lower[k]) && std::isfinite(upper[k]) && lower[k] <= upper[k],
              "bound " + std::to_string(k) + " is not a finite interval");
    check(parameters.budget >= 1, "the budget must be at least 1");
    check(parameters.sampleSize >= 2, "the sample size must be at least 2");
    check(parameters.positiveCount >= 1 && parameters.positiveCount < parameters.sampleSize,
          "the positive count must be in [1, sample size)");
    check(parameters.lambda >= 0 && parameters.lambda <= 1, "lambda must be in [0, 1]");
    check(parameters.uncertainCoordinates >= 1, "at least one coordinate must be left free");

    const Box whole{lower, upper};
    PortableRandom random(parameters.seed);
    int evaluations = 0;
    auto evaluate = [&](std::vector<double> x) {
        double value = f(x);
        ++evaluations;
        // NaN would break the ordering the selection relies on.
        if (std::isnan(value))
            value = std::numeric_limits<double>::infinity();
        return Solution{std::move(x), value};
    };
    // Stable: equal values keep their order, so ties cannot make runs differ.
    auto byValue = [](const Solution& a, const Solution& b) { return a.value < b.value; };

    std::vector<Solution> population;
    const int initial = std::min(parameters.budget, parameters.sampleSize);
    for (int i = 0; i < initial; ++i)
        population.push_back(evaluate(sampleIn(whole, random)));
    std::stable_sort(population.begin(), population.end(), byValue);

    // Each iteration: the best k are the positives, the other m - k the negatives;
    // m - k new solutions are drawn and the best m of old and new go on.
    const std::size_t positives = std::size_t(parameters.positiveCount);
    const std::size_t uncertain = std::size_t(parameters.uncertainCoordinates);
    std::vector<const Solution*> negatives;
    while (evaluations < parameters.budget) {
        negatives.clear();
        for (std::size_t i = positives; i < population.size(); ++i)
            negatives.push_back(&population[i]);

        const int batch = std::min(parameters.sampleSize - parameters.positiveCount,
                                   parameters.budget - evaluations);
        std::vector<Solution> fresh;
        for (int j = 0; j < batch; ++j) {
            // Sampling the whole box now and then keeps the search from locking
            // onto one basin (the 1 - lambda of the paper).
            if (random.chance(parameters.lambda)) {
                const auto& positive = population[random.index(positives)].x;
                fresh.push_back(evaluate(sampleIn(learnRegion(positive, negatives, whole, uncertain, random), random)));
            } else {
                fresh.push_back(evaluate(sampleIn(whole, random)));
            }
        }
        for (auto& solution : fresh)
            population.push_back(std::move(solution));
        std::stable_sort(population.begin(), population.end(), byValue);
        population.resize(std::size_t(parameters.sampleSize));
    }

    RacosResult result;
    result.best = population.front().x;
    result.value = population.front().value;
    result.evaluations = evaluations;
    return result;
}

RacosResult racosMinimise(const RacosObjective& f, int dimension, double lower, double upper,
                          const RacosParameters& parameters)
{
    check(dimension >= 1, "the dimension must be at least 1");
    return racosMinimise(f, std::vector<double>(std::size_t(dimension), lower),
                         std::vector<double>(std::size_t(dimension), upper), parameters);
}

} // namespace mammo::ai::coin
