#pragma once
// Learning curves of detector trainings: training loss per logged step and the
// held-out fold's TPR at 1 FPPI, one line per run, as a PNG.
#include <string>
#include <vector>

namespace mammo::ai {

struct TrainingRun {
    std::string name;                    // "fold1"
    std::string trainLogCsv;             // train-log.csv
    std::string validationLogCsv;        // validation-log.csv (may be missing)
};

void writeLearningCurvePlot(const std::string& pngPath, const std::vector<TrainingRun>& runs);

} // namespace mammo::ai
