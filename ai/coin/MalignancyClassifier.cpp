#include "MalignancyClassifier.h"

#include "CoinModelFile.h"
#include "ai/TrainingDevice.h"
#include "core/Error.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace mammo::ai::coin {

namespace {
// ROIs per forward pass. One at a time: 16 boxes in one batch took more time
// in all (its activations are faulted in afresh) and 170 MB more memory, and
// the app classifies a few findings per image.
constexpr std::size_t kBatchSize = 1;
}

RoiOptions malignancyRoiOptions(double pixelSpacingMm, int roiSize)
{
    if (!(pixelSpacingMm > 0) || !std::isfinite(pixelSpacingMm))
        throw core::Error("the benign/malignant classifier needs a positive pixel spacing");
    RoiOptions options;
    options.outputSize = roiSize;
    options.minimumSide = RoiOptions{}.minimumSide * kTrainingSpacingMm / pixelSpacingMm;
    return options;
}

cv::Mat malignancyInput(const cv::Mat& grey, double pixelSpacingMm, const cv::Rect2d& box, int roiSize)
{
    if (!(box.width > 0) || !(box.height > 0) || !std::isfinite(box.x) || !std::isfinite(box.y))
        throw core::Error("a region to classify needs a finite position and a positive width and height");
    return normaliseRoi(extractRoi(grey, box, malignancyRoiOptions(pixelSpacingMm, roiSize)));
}

void writeUntrainedCoinModel(const std::string& preset, const std::string& path, std::uint64_t seed)
{
    torch::manual_seed(seed);
    CoinModel model{CoinNetwork(coinNetworkPreset(preset)), preset, "untrained", kRoiSize};
    saveCoinModel(model, path);
}

struct MalignancyClassifier::Impl {
    CoinModel model;
    torch::Device device{torch::kCPU};
};

MalignancyClassifier::MalignancyClassifier(const std::string& modelPath, ComputeDevice device, int threads)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->device = torchDevice(device);
    setComputeThreads(threads);
    m_impl->model = loadCoinModel(modelPath);
    m_impl->model.network->to(m_impl->device);
    m_impl->model.network->eval();
}

MalignancyClassifier::~MalignancyClassifier() = default;
MalignancyClassifier::MalignancyClassifier(MalignancyClassifier&&) noexcept = default;
MalignancyClassifier& MalignancyClassifier::operator=(MalignancyClassifier&&) noexcept = default;

std::vector<double> MalignancyClassifier::malignancy(const cv::Mat& grey, double pixelSpacingMm,
                                                     const std::vector<cv::Rect2d>& boxes)
{
    std::vector<double> probabilities;
    probabilities.reserve(boxes.size());
    const int size = m_impl->model.roiSize;
    try {
        c10::InferenceMode inference;
        for (std::size_t start = 0; start < boxes.size(); start += kBatchSize) {
            const std::size_t count = std::min(kBatchSize, boxes.size() - start);
            auto images = torch::empty({std::int64_t(count), 1, size, size}, torch::kFloat);
            for (std::size_t i = 0; i < count; ++i) {
                // Continuous: extractRoi makes a fresh patch and normaliseRoi a fresh CV_32F matrix.
                const cv::Mat roi = malignancyInput(grey, pixelSpacingMm, boxes[start + i], size);
                images[std::int64_t(i)][0].copy_(torch::from_blob(roi.data, {size, size}, torch::kFloat));
            }
            const auto logits = m_impl->model.network->forward(images.to(m_impl->device)).logits;
            const auto p = CoinNetworkImpl::malignantProbability(logits).to(torch::kCPU, torch::kDouble).contiguous();
            probabilities.insert(probabilities.end(), p.data_ptr<double>(), p.data_ptr<double>() + count);
        }
    } catch (const c10::Error& error) {
        throw core::Error(std::string("the benign/malignant classifier failed: ") + error.what_without_backtrace());
    }
    return probabilities;
}

std::string MalignancyClassifier::deviceName() const
{
    return m_impl->device.is_cuda() ? "cuda" : "cpu";
}

std::string MalignancyClassifier::configName() const
{
    return m_impl->model.networkPreset;
}

std::string MalignancyClassifier::configuration() const
{
    return m_impl->model.configuration;
}

int MalignancyClassifier::roiSize() const
{
    return m_impl->model.roiSize;
}

} // namespace mammo::ai::coin
