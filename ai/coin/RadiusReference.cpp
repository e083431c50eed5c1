#include "RadiusReference.h"

#include "RocAuc.h"

#include "core/Error.h"

#include <algorithm>

namespace mammo::ai::coin {

double fittedRadiusThreshold(const std::vector<LesionRoi>& training)
{
    if (training.empty())
        throw core::Error("no training lesions to fit a radius threshold on");
    std::vector<double> radii;
    for (const LesionRoi& lesion : training)
        radii.push_back(lesion.radius);
    std::sort(radii.begin(), radii.end());
    radii.erase(std::unique(radii.begin(), radii.end()), radii.end());
    // Candidates: below every radius (all malignant), between neighbours, above every one (all benign).
    std::vector<double> candidates{radii.front() - 1.0};
    for (std::size_t i = 1; i < radii.size(); ++i)
        candidates.push_back((radii[i - 1] + radii[i]) / 2.0);
    candidates.push_back(radii.back() + 1.0);
    double best = candidates.front();
    int bestCorrect = -1;
    for (double threshold : candidates) {
        int correct = 0;
        for (const LesionRoi& lesion : training)
            correct += (lesion.radius >= threshold) == (lesion.label == 1);
        if (correct > bestCorrect) {
            bestCorrect = correct;
            best = threshold;
        }
    }
    return best;
}

std::vector<FoldResult> lesionRadiusReference(const std::vector<LesionRoi>& lesions, const FoldSplit& split)
{
    std::vector<FoldResult> folds;
    for (int fold = 1; fold <= split.foldCount(); ++fold) {
        std::vector<LesionRoi> training, test;
        for (const LesionRoi& lesion : lesions) {
            const int of = split.foldOf(lesion.reference);
            if (of == fold)
                test.push_back(lesion);
            else if (of != 0)
                training.push_back(lesion);
        }
        if (test.empty())
            continue;
        // A threshold at or below zero calls everything malignant; keep the score's denominator positive.
        const double threshold = std::max(1e-6, fittedRadiusThreshold(training));
        FoldResult result;
        result.fold = fold;
        for (const LesionRoi& lesion : test) {
            result.probabilities.push_back(lesion.radius / (lesion.radius + threshold));
            result.labels.push_back(lesion.label);
        }
        result.accuracy = accuracy(result.probabilities, result.labels);
        result.auc = rocAuc(result.probabilities, result.labels);
        folds.push_back(std::move(result));
    }
    return folds;
}

} // namespace mammo::ai::coin
