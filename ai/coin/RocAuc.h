#pragma once
// ROC curve, its area and the accuracy of a benign/malignant classifier from
// per-ROI probabilities of malignancy. No torch: the trainer and the report
// share it.
#include <optional>
#include <vector>

namespace mammo::ai::coin {

struct RocPoint {
    double falsePositiveRate = 0;
    double truePositiveRate = 0;
    double threshold = 0;   // the point counts scores >= threshold as positive
};

// Area under the ROC curve by the rank statistic (Mann-Whitney U / (n+ n-)):
// the probability that a random positive scores above a random negative, a
// tie counting one half (mid-ranks). labels: 1 positive (malignant), 0
// negative. Nothing when either class is absent (the area is undefined).
// Throws core::Error on mismatched sizes, a label other than 0/1 or a
// non-finite score.
std::optional<double> rocAuc(const std::vector<double>& scores, const std::vector<int>& labels);

// The ROC curve from (0, 0) to (1, 1), one point per distinct score from the
// highest down (tied scores move both rates at once: a diagonal step), so
// that the trapezoid area under it equals rocAuc. Empty when a class is absent.
std::vector<RocPoint> rocCurve(const std::vector<double>& scores, const std::vector<int>& labels);

// Trapezoid area under a curve from rocCurve.
double areaUnderCurve(const std::vector<RocPoint>& curve);

// Fraction of samples whose decision (score >= threshold means positive)
// matches the label; 0 for no samples.
double accuracy(const std::vector<double>& scores, const std::vector<int>& labels, double threshold = 0.5);

} // namespace mammo::ai::coin
