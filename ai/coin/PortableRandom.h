#pragma once
// Random draws made from std::mt19937's raw output, not with std's
// distributions: those differ between standard libraries, and a seed must give
// the same RACOS run and the same generated ROIs everywhere.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace mammo::ai::coin {

class PortableRandom {
public:
    explicit PortableRandom(std::uint32_t seed) : m_engine(seed) {}

    // Uniform in [0, 1) with 53 random bits.
    double unit()
    {
        const std::uint64_t high = m_engine() >> 5, low = m_engine() >> 6;
        return (double(high) * 67108864.0 + double(low)) / 9007199254740992.0;
    }
    // Between a and b (either order); callers that must stay inside clamp.
    double uniform(double a, double b) { return a + unit() * (b - a); }
    bool chance(double p) { return unit() < p; }
    // Uniform in [0, n) by multiply-shift: no modulo bias worth the name for small n.
    std::size_t index(std::size_t n) { return std::size_t((std::uint64_t(m_engine()) * n) >> 32); }
    std::uint32_t next() { return m_engine(); }

    template <typename T> void shuffle(std::vector<T>& v)
    {
        for (std::size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[index(i)]);
    }

private:
    std::mt19937 m_engine;
};

} // namespace mammo::ai::coin
