#pragma once
// COIN's cross-validation results: a fold's evaluation.json read back, the
// mean and spread over folds per configuration (results/coin.json) and the
// ROC plot. No torch.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mammo::ai::coin {

// One held-out fold of one training run (what trainCoin writes to evaluation.json).
struct FoldResult {
    int fold = 0;
    double accuracy = 0;
    std::optional<double> auc;          // none when the fold held one class only
    std::vector<double> probabilities;  // per ROI, P(malignant)
    std::vector<int> labels;            // per ROI, 1 malignant
};

// Throws core::Error when the file is missing or malformed.
FoldResult readFoldResult(const std::string& evaluationPath);

// {"acc_mean", "acc_std", "auc_mean", "auc_std", "folds", "rois", "per_fold": [{"fold",
// "accuracy", "auc", "rois"}]}: means over folds, sample standard deviations
// (n - 1); the AUC over the folds where it is defined.
nlohmann::ordered_json configurationSummary(const std::vector<FoldResult>& folds);

// Configurations of one data set, each with its folds.
using DatasetResults = std::vector<std::pair<std::string, std::vector<FoldResult>>>;

// One panel per data set; per configuration the ROC curve of all folds'
// held-out ROIs pooled, labelled with its AUC mean +- std over folds.
void writeCoinRocPlot(const std::string& pngPath, const std::string& title,
                      const std::vector<std::pair<std::string, DatasetResults>>& datasets);

} // namespace mammo::ai::coin
