#pragma once
// Mean and spread of a figure over cross-validation folds, as the reports
// (FROC, COIN) state them.
#include <cmath>
#include <numeric>
#include <vector>

namespace mammo::ai {

inline double mean(const std::vector<double>& values)
{
    return values.empty() ? 0.0 : std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

// Sample standard deviation (n - 1), as fold-to-fold spread is usually reported.
inline double sampleDeviation(const std::vector<double>& values)
{
    if (values.size() < 2)
        return 0.0;
    const double m = mean(values);
    double sum = 0.0;
    for (double v : values)
        sum += (v - m) * (v - m);
    return std::sqrt(sum / double(values.size() - 1));
}

} // namespace mammo::ai
