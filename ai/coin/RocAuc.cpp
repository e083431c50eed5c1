#include "RocAuc.h"

#include "core/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace mammo::ai::coin {

namespace {

void check(const std::vector<double>& scores, const std::vector<int>& labels)
{
    if (scores.size() != labels.size())
        throw core::Error("ROC: scores and labels differ in number.");
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (labels[i] != 0 && labels[i] != 1)
            throw core::Error("ROC: labels must be 0 (negative) or 1 (positive).");
        if (!std::isfinite(scores[i]))
            throw core::Error("ROC: scores must be finite.");
    }
}

// Indices sorted by score, highest first.
std::vector<std::size_t> byScoreDescending(const std::vector<double>& scores)
{
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    return order;
}

} // namespace

std::optional<double> rocAuc(const std::vector<double>& scores, const std::vector<int>& labels)
{
    check(scores, labels);
    const auto positives = double(std::count(labels.begin(), labels.end(), 1));
    const auto negatives = double(labels.size()) - positives;
    if (positives == 0 || negatives == 0)
        return std::nullopt;
    // Ascending ranks 1..N, each run of tied scores sharing its mean rank.
    auto order = byScoreDescending(scores);
    std::reverse(order.begin(), order.end());
    double positiveRankSum = 0.0;
    for (std::size_t start = 0; start < order.size();) {
        std::size_t end = start + 1;
        while (end < order.size() && scores[order[end]] == scores[order[start]])
            ++end;
        const double midRank = (double(start + 1) + double(end)) / 2.0;
        for (std::size_t k = start; k < end; ++k)
            if (labels[order[k]] == 1)
                positiveRankSum += midRank;
        start = end;
    }
    const double u = positiveRankSum - positives * (positives + 1) / 2.0;
    return u / (positives * negatives);
}

std::vector<RocPoint> rocCurve(const std::vector<double>& scores, const std::vector<int>& labels)
{
    check(scores, labels);
    const auto positives = double(std::count(labels.begin(), labels.end(), 1));
    const auto negatives = double(labels.size()) - positives;
    if (positives == 0 || negatives == 0)
        return {};
    const auto order = byScoreDescending(scores);
    std::vector<RocPoint> curve{{0.0, 0.0, std::numeric_limits<double>::infinity()}};
    double truePositives = 0, falsePositives = 0;
    for (std::size_t start = 0; start < order.size();) {
        std::size_t end = start;
        while (end < order.size() && scores[order[end]] == scores[order[start]]) {
            (labels[order[end]] == 1 ? truePositives : falsePositives) += 1;
            ++end;
        }
        curve.push_back({falsePositives / negatives, truePositives / positives, scores[order[start]]});
        start = end;
    }
    return curve;
}

double areaUnderCurve(const std::vector<RocPoint>& curve)
{
    double area = 0.0;
    for (std::size_t i = 1; i < curve.size(); ++i)
        area += (curve[i].falsePositiveRate - curve[i - 1].falsePositiveRate) *
                (curve[i].truePositiveRate + curve[i - 1].truePositiveRate) / 2.0;
    return area;
}

double accuracy(const std::vector<double>& scores, const std::vector<int>& labels, double threshold)
{
    check(scores, labels);
    if (scores.empty())
        return 0.0;
    std::size_t right = 0;
    for (std::size_t i = 0; i < scores.size(); ++i)
        right += (scores[i] >= threshold) == (labels[i] == 1) ? 1 : 0;
    return double(right) / double(scores.size());
}

} // namespace mammo::ai::coin
