#pragma once
// The schedule both trainers use: a linear warm-up from a tenth of the rate
// over `warmup` iterations, the rate, then a tenth of it for the last 15 %.
#include <algorithm>

namespace mammo::ai {

inline double warmupStepRate(int iteration, int iterations, double rate, int warmup)
{
    if (iteration < warmup)
        return rate * (0.1 + 0.9 * iteration / double(std::max(1, warmup)));
    return iteration < 0.85 * iterations ? rate : 0.1 * rate;
}

} // namespace mammo::ai
