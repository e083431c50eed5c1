#pragma once
// FROC results as JSON (per fold, and the 5-fold summary of
// results/detector-froc.json) and as a PNG plot. No torch.
#include "Froc.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mammo::ai {

// A fold's images with their masses and detections, plus TPR at the standard FPPI per rule.
nlohmann::ordered_json foldEvaluationJson(int fold, const std::vector<std::string>& references,
                                          const std::vector<FrocImage>& images);
// Reads the images back from foldEvaluationJson's output.
std::vector<FrocImage> foldImagesFromJson(const nlohmann::json& json);

// TPR at standardFppi() for one fold.
std::vector<double> tprAtStandardFppi(const std::vector<FrocImage>& images, HitRule rule);

// {"config", "folds", "rules": {"iou0.5": {"fppi", "tpr_mean", "tpr_std", "per_fold"}, "centre": ...}}
nlohmann::ordered_json frocSummaryJson(const std::string& config, const std::vector<std::vector<FrocImage>>& folds);

// One rule's {"fppi", "tpr_mean", "tpr_std", "per_fold"} from each fold's TPR at standardFppi()
// (so figures of folds whose detections are not at hand can still be summarised).
nlohmann::ordered_json frocRuleSummaryJson(const std::vector<std::vector<double>>& tprPerFold);

// Score thresholds with the FPPI and TPR they give over all folds pooled (the
// app's operating-point slider), at most `points` of them.
nlohmann::ordered_json operatingPointsJson(const std::vector<std::vector<FrocImage>>& folds, int points);

// FROC curves (mean over folds, each fold thin) for both rules, log FPPI axis.
void writeFrocPlot(const std::string& pngPath, const std::string& title,
                   const std::vector<std::vector<FrocImage>>& folds);

} // namespace mammo::ai
