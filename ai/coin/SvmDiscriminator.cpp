#include "SvmDiscriminator.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

namespace mammo::ai::coin {
namespace {

void require(bool condition, const std::string& message)
{
    if (!condition)
        throw std::invalid_argument("SvmDiscriminator: " + message);
}

// One float row per sample, whatever the matrix's depth.
cv::Mat asFloatRows(const cv::Mat& samples, const char* what)
{
    require(!samples.empty(), std::string("no ") + what + " samples");
    require(samples.channels() == 1, std::string("the ") + what + " samples must have one channel");
    cv::Mat rows;
    samples.convertTo(rows, CV_32F);
    return rows;
}

// A vector to score, as a continuous float buffer.
cv::Mat asFloatVector(const cv::Mat& x)
{
    require(x.channels() == 1 && (x.rows == 1 || x.cols == 1), "a sample must be a row or column vector");
    cv::Mat v;
    x.convertTo(v, CV_32F);
    return v.isContinuous() ? v : v.clone();
}

} // namespace

void SvmDiscriminator::train(const std::vector<std::vector<float>>& original,
                             const std::vector<std::vector<float>>& generated, const SvmOptions& options)
{
    require(!original.empty() && !generated.empty(), "both classes need samples");
    const std::size_t d = original.front().size();
    require(d > 0, "empty feature vectors");
    std::vector<const float*> rows;
    for (const auto* set : {&original, &generated})
        for (const auto& x : *set) {
            require(x.size() == d, "feature vectors of different lengths");
            rows.push_back(x.data());
        }
    fit(rows, original.size(), int(d), options);
}

void SvmDiscriminator::train(const cv::Mat& original, const cv::Mat& generated, const SvmOptions& options)
{
    const cv::Mat a = asFloatRows(original, "original"), b = asFloatRows(generated, "generated");
    require(a.cols == b.cols, "feature vectors of different lengths");
    std::vector<const float*> rows;
    for (const auto* m : {&a, &b})
        for (int r = 0; r < m->rows; ++r)
            rows.push_back(m->ptr<float>(r));
    fit(rows, std::size_t(a.rows), a.cols, options);
}

// Dual coordinate descent for the L1-loss (hinge) linear SVM (Hsieh et al.,
// ICML 2008, as in LIBLINEAR): exact per-coordinate steps, no learning rate to
// tune, and it converges on separable data where Pegasos only creeps.
// The bias is learned as the weight of a constant feature, which the dual needs;
// that regularises b, so the data are centred first to keep the hyperplane
// from being pulled towards the origin.
void SvmDiscriminator::fit(const std::vector<const float*>& rows, std::size_t originalCount, int dimension,
                           const SvmOptions& options)
{
    require(options.c > 0, "C must be positive");
    require(options.maxEpochs >= 1, "at least one epoch");
    const std::size_t n = rows.size(), d = std::size_t(dimension);

    std::vector<double> mean(d, 0.0);
    for (const float* x : rows)
        for (std::size_t k = 0; k < d; ++k)
            mean[k] += x[k];
    for (double& m : mean)
        m /= double(n);

    std::vector<double> diagonal(n);   // Q_ii = ||x_i - mean||^2 + 1 (the constant feature)
    for (std::size_t i = 0; i < n; ++i) {
        double s = 1.0;
        for (std::size_t k = 0; k < d; ++k) {
            const double c = rows[i][k] - mean[k];
            s += c * c;
        }
        diagonal[i] = s;
    }

    std::vector<double> w(d, 0.0), alpha(n, 0.0);
    double b = 0;
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    std::mt19937 engine(options.seed);
    for (int epoch = 0; epoch < options.maxEpochs; ++epoch) {
        // A fresh random order each pass: a fixed one can make the descent crawl.
        for (std::size_t i = n - 1; i > 0; --i)
            std::swap(order[i], order[std::size_t((std::uint64_t(engine()) * (i + 1)) >> 32)]);
        double highest = -HUGE_VAL, lowest = HUGE_VAL;
        for (const std::size_t i : order) {
            const double y = i < originalCount ? 1.0 : -1.0;
            const float* x = rows[i];
            double margin = b;
            for (std::size_t k = 0; k < d; ++k)
                margin += w[k] * (x[k] - mean[k]);
            const double gradient = y * margin - 1.0;
            // The projected gradient is zero where the box 0 <= alpha <= C stops the step.
            double projected = gradient;
            if (alpha[i] <= 0)
                projected = std::min(gradient, 0.0);
            else if (alpha[i] >= options.c)
                projected = std::max(gradient, 0.0);
            highest = std::max(highest, projected);
            lowest = std::min(lowest, projected);
            if (std::abs(projected) < 1e-12)
                continue;
            const double previous = alpha[i];
            alpha[i] = std::clamp(previous - gradient / diagonal[i], 0.0, options.c);
            const double step = (alpha[i] - previous) * y;
            for (std::size_t k = 0; k < d; ++k)
                w[k] += step * (x[k] - mean[k]);
            b += step;
        }
        if (highest - lowest < options.tolerance)
            break;
    }

    // Back to uncentred coordinates: w.(x - mean) + b = w.x + (b - w.mean).
    for (std::size_t k = 0; k < d; ++k)
        b -= w[k] * mean[k];
    double squared = 0;
    for (const double v : w)
        squared += v * v;
    m_weights = std::move(w);
    m_bias = b;
    m_norm = std::sqrt(squared);
}

double SvmDiscriminator::decisionValue(const float* x, int length) const
{
    if (!isTrained())
        throw std::logic_error("SvmDiscriminator: used before training");
    require(length == dimension(), "a sample of length " + std::to_string(length) + " for a discriminator of " +
                                       std::to_string(dimension()) + " features");
    double s = m_bias;
    for (std::size_t k = 0; k < m_weights.size(); ++k)
        s += m_weights[k] * x[k];
    return s;
}

double SvmDiscriminator::decisionValue(const std::vector<float>& x) const
{
    return decisionValue(x.data(), int(x.size()));
}

double SvmDiscriminator::decisionValue(const cv::Mat& x) const
{
    const cv::Mat v = asFloatVector(x);
    return decisionValue(v.ptr<float>(), int(v.total()));
}

double SvmDiscriminator::signedDistance(const std::vector<float>& x) const
{
    const double value = decisionValue(x);
    return m_norm > 0 ? value / m_norm : 0.0;
}

double SvmDiscriminator::signedDistance(const cv::Mat& x) const
{
    const double value = decisionValue(x);
    return m_norm > 0 ? value / m_norm : 0.0;
}

double SvmDiscriminator::probability(const std::vector<float>& x) const
{
    return 1.0 / (1.0 + std::exp(-signedDistance(x)));
}

double SvmDiscriminator::probability(const cv::Mat& x) const
{
    return 1.0 / (1.0 + std::exp(-signedDistance(x)));
}

} // namespace mammo::ai::coin
