#pragma once
#include <string>
#include <vector>

namespace mammo::ai {

// One code path, two sizes. `cpu` is compact enough to train a 5-fold
// cross-validation on two cores; `full` is the paper's ResNet-50-FPN for a GPU.
struct DetectorConfig {
    std::string name;

    // Backbone: a ResNet. Basic blocks (ResNet-18 style) or bottlenecks (ResNet-50).
    bool bottleneck = false;
    int stemChannels = 32;
    std::vector<int> stageWidths;      // conv2_x .. conv5_x
    std::vector<int> stageBlocks;

    // FPN over the ResNet outputs C{level}; level L has stride 2^L.
    int fpnChannels = 64;
    std::vector<int> fpnLevels;        // e.g. {3, 4, 5}

    // RPN: square anchors (masses are round; the ground truth is a bounding
    // square), the same number per level so one head serves every level.
    std::vector<std::vector<double>> anchorSizes;   // per FPN level, in model pixels
    int rpnPreNmsTopN = 600;            // per level
    int rpnPostNmsTopNTrain = 300;
    int rpnPostNmsTopNTest = 100;
    double rpnNmsThreshold = 0.7;
    int rpnBatchPerImage = 256;

    // RoI heads.
    int roiBatchPerImage = 128;
    double roiPositiveFraction = 0.25;
    int boxPoolSize = 7;
    int boxHeadDim = 256;
    int maskPoolSize = 14;
    int maskHeadConvs = 2;
    int maskHeadChannels = 64;
    int canonicalLevel = 4;             // RoIs of canonicalSize pool from this level
    double canonicalSize = 64.0;
    double detectionScoreThreshold = 0.01;
    double detectionNmsThreshold = 0.3;
    int detectionsPerImage = 20;

    // Loss L = Lcls + lambdaLoc * Lloc + lambdaSeg * Lseg.
    double lambdaLoc = 1.0;
    double lambdaSeg = 1.0;

    // Input: mammograms are resampled to this pixel size (mini-MIAS: 0.2 mm -> 512 px).
    double pixelSizeMm = 0.4;
    int sizeDivisor = 32;               // padded so every level has whole pixels

    int anchorsPerLocation() const { return anchorSizes.empty() ? 0 : int(anchorSizes.front().size()); }
};

DetectorConfig cpuDetectorConfig();
DetectorConfig fullDetectorConfig();
// "cpu" or "full"; throws core::Error naming the choices otherwise.
DetectorConfig detectorConfigNamed(const std::string& name);

} // namespace mammo::ai
