#pragma once
// A reference for COIN's ablation that learns nothing from pixels: each
// lesion's radius in Info.txt as its score, with the radius threshold that
// classifies the training folds best. It says how much of the benign/malignant
// question the data give away by lesion size alone, which the networks cannot
// see (every ROI is resampled to 224 x 224 around its lesion). No torch.
#include "CoinReport.h"
#include "RoiExtraction.h"

#include "ai/FoldSplit.h"

#include <vector>

namespace mammo::ai::coin {

// The radius above which training lesions are called malignant: the midpoint
// between two neighbouring radii that classifies the most of them correctly
// (the smallest such threshold on ties). Throws core::Error for no lesions.
double fittedRadiusThreshold(const std::vector<LesionRoi>& training);

// Per fold of the split, the held-out lesions scored r / (r + t) with t fitted
// on the other folds, so that P >= 0.5 exactly when r >= t: accuracy at 0.5 and
// ROC AUC as for the trained configurations.
std::vector<FoldResult> lesionRadiusReference(const std::vector<LesionRoi>& lesions, const FoldSplit& split);

} // namespace mammo::ai::coin
