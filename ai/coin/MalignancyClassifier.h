#pragma once
// COIN as the app and the command line use it: load a trained classifier, give
// it a grey mammogram, its pixel spacing and boxes around masses (detections or
// regions a reader drew), get P(malignant) per box. No torch types in this
// header (pimpl, like MassDetector).
#include "RoiExtraction.h"
#include "ai/MassDetector.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mammo::ai::coin {

// The pixel spacing of mini-MIAS, which the training ROIs were cut from.
inline constexpr double kTrainingSpacingMm = 0.2;

// extractRoi's options for an image of this spacing: the minimum side keeps
// its physical size (128 pixels at 0.2 mm = 25.6 mm), so a small lesion gets
// the same amount of context as in training. Throws core::Error unless the
// spacing is positive and finite.
RoiOptions malignancyRoiOptions(double pixelSpacingMm, int roiSize = kRoiSize);

// The network's input for one box: the ROI around it, normalised (CV_32F,
// roiSize x roiSize). Throws core::Error on an empty or degenerate box.
cv::Mat malignancyInput(const cv::Mat& grey, double pixelSpacingMm, const cv::Rect2d& box, int roiSize = kRoiSize);

class MalignancyClassifier {
public:
    // Loads a COIN model file (verify it against the manifest first: ModelManifest).
    // Automatic picks CUDA when LibTorch sees a GPU. threads <= 0: all cores.
    // Throws core::Error on a missing or damaged model or an unavailable device.
    MalignancyClassifier(const std::string& modelPath, ComputeDevice device = ComputeDevice::Automatic, int threads = 0);
    ~MalignancyClassifier();
    MalignancyClassifier(MalignancyClassifier&&) noexcept;
    MalignancyClassifier& operator=(MalignancyClassifier&&) noexcept;

    // grey: CV_8U / CV_16U / CV_32F in [0, 1], brighter = denser (MassDetector's
    // input); boxes in its pixels, (0, 0) the top-left corner of the first pixel.
    // One P(malignant) in [0, 1] per box, in the boxes' order.
    std::vector<double> malignancy(const cv::Mat& grey, double pixelSpacingMm, const std::vector<cv::Rect2d>& boxes);

    std::string deviceName() const;      // "cpu" or "cuda"
    std::string configName() const;      // the network preset: "cpu" or "full"
    std::string configuration() const;   // what it was trained as: "coin", "baseline", ...; "untrained"
    int roiSize() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Writes a COIN model with freshly initialised (untrained) weights and the
// configuration "untrained": for tests and benchmarks that need a model file.
void writeUntrainedCoinModel(const std::string& preset, const std::string& path, std::uint64_t seed = 1);

} // namespace mammo::ai::coin
