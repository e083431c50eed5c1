#include "MassDetector.h"

#include "DetectorModelFile.h"
#include "MaskRcnnInference.h"
#include "TrainingDevice.h"
#include "core/Error.h"

#include <torch/torch.h>

#include <thread>

#include <dlfcn.h>

namespace mammo::ai {

bool cudaAvailable()
{
    return torch::cuda::is_available();
}

void writeUntrainedDetector(const std::string& configName, const std::string& path, std::uint64_t seed)
{
    torch::manual_seed(seed);
    MaskRcnn model(detectorConfigNamed(configName));
    saveDetector(model, path);
}

void setComputeThreads(int threads)
{
    const int count = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    // LibTorch splits work across `count` threads itself; an OpenBLAS with its own
    // thread pool underneath oversubscribes the cores (bench_detector: 0.34 s per
    // image instead of 0.08 s on 2 cores). OpenBLAS's call also sets OpenMP's
    // thread count, so LibTorch's comes after it. Looked up at run time: the
    // reference BLAS has no such call.
    using SetThreads = void (*)(int);
    if (auto* setBlasThreads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        setBlasThreads(1);
    at::set_num_threads(count);
}

struct MassDetector::Impl {
    MaskRcnn model{nullptr};
    torch::Device device{torch::kCPU};
};

MassDetector::MassDetector(const std::string& modelPath, ComputeDevice device, int threads)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->device = torchDevice(device);
    setComputeThreads(threads);
    m_impl->model = loadDetector(modelPath);
    m_impl->model->to(m_impl->device);
    m_impl->model->eval();
}

MassDetector::~MassDetector() = default;
MassDetector::MassDetector(MassDetector&&) noexcept = default;
MassDetector& MassDetector::operator=(MassDetector&&) noexcept = default;

std::vector<Detection> MassDetector::detect(const cv::Mat& grey, double pixelSpacingMm)
{
    const auto& config = m_impl->model->config();
    try {
        const auto prepared = prepareMammogram(grey, pixelSpacingMm, config.pixelSizeMm, config.sizeDivisor);
        return runDetector(m_impl->model, prepared, m_impl->device);
    } catch (const c10::Error& error) {
        throw core::Error(std::string("the detector failed: ") + error.what_without_backtrace());
    }
}

std::string MassDetector::deviceName() const
{
    return m_impl->device.is_cuda() ? "cuda" : "cpu";
}

std::string MassDetector::configName() const
{
    return m_impl->model->config().name;
}

} // namespace mammo::ai
