#pragma once
// The detector as the app and the command line use it: load a trained model,
// give it a grey mammogram and its pixel spacing, get masses back in the
// image's own pixel coordinates. No torch types in this header.
#include "Detection.h"

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace mammo::ai {

enum class ComputeDevice { Automatic, Cpu, Cuda };

class MassDetector {
public:
    // Loads a model file (verify it against the manifest first: ModelManifest).
    // Automatic picks CUDA when LibTorch sees a GPU. threads <= 0: all cores.
    // Throws core::Error on a missing or damaged model or an unavailable device.
    MassDetector(const std::string& modelPath, ComputeDevice device = ComputeDevice::Automatic, int threads = 0);
    ~MassDetector();
    MassDetector(MassDetector&&) noexcept;
    MassDetector& operator=(MassDetector&&) noexcept;

    // grey: CV_8U / CV_16U / CV_32F in [0, 1], brighter = denser. Sorted by score.
    std::vector<Detection> detect(const cv::Mat& grey, double pixelSpacingMm);

    std::string deviceName() const;    // "cpu" or "cuda"
    std::string configName() const;    // "cpu" or "full"

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

bool cudaAvailable();
// Writes a detector with freshly initialised (untrained) weights: for tests
// and benchmarks that need a model file of the right format and size.
void writeUntrainedDetector(const std::string& configName, const std::string& path, std::uint64_t seed = 1);
// Sets LibTorch's intra-op thread count (<= 0: the number of cores).
void setComputeThreads(int threads);

} // namespace mammo::ai
