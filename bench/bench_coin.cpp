// bench_coin: the COIN classifier's cost on this machine, for both network
// presets ("cpu" and the paper's "full"). Prints the classification time per
// 224 x 224 ROI (batch 1 and batch 16), a training step as the trainer takes it
// (forward + backward + AdamW, batch 16), the time of the adversarial
// augmentation per class on mini-MIAS masses, and the CUDA figures when a GPU
// is visible. By default the heap is kept for reuse as the trainers keep it
// (ai/HeapReuse.h); --default-allocator times glibc's default instead.
//
//   bench_coin [--threads 2] [--repeat 3] [--no-augmentation] [--default-allocator] [--network cpu|full]
#include "ai/MassDetector.h"
#include "ai/HeapReuse.h"
#include "ai/coin/AdversarialAugmentation.h"
#include "ai/coin/CoinNetwork.h"
#include "ai/coin/RoiExtraction.h"
#include "core/MiasCatalog.h"

#include <opencv2/imgcodecs.hpp>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using mammo::ai::coin::CoinNetwork;

double seconds(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double inferenceSeconds(CoinNetwork& network, const torch::Device& device, int batch, int repeat)
{
    torch::NoGradGuard noGrad;
    network->eval();
    const auto images = torch::randn({batch, 1, 224, 224}, device);
    network->forward(images);   // warm-up
    if (device.is_cuda())
        torch::cuda::synchronize();
    const auto start = Clock::now();
    for (int i = 0; i < repeat; ++i)
        network->forward(images).logits.to(torch::kCPU);
    return seconds(start) / repeat;
}

double trainingStepSeconds(CoinNetwork& network, const torch::Device& device, int batch, int repeat)
{
    network->train();
    torch::optim::AdamW optimizer(network->parameters(), torch::optim::AdamWOptions(1e-4));
    const auto images = torch::randn({batch, 1, 224, 224}, device);
    const auto labels = (torch::arange(batch) % 2).to(device);
    const auto step = [&] {
        optimizer.zero_grad();
        torch::nn::functional::cross_entropy(network->forward(images).logits, labels).backward();
        optimizer.step();
    };
    step();   // warm-up
    if (device.is_cuda())
        torch::cuda::synchronize();
    const auto start = Clock::now();
    for (int i = 0; i < repeat; ++i)
        step();
    if (device.is_cuda())
        torch::cuda::synchronize();
    return seconds(start) / repeat;
}

void timeNetwork(const std::string& preset, const torch::Device& device, int repeat)
{
    torch::manual_seed(1);
    CoinNetwork network(mammo::ai::coin::coinNetworkPreset(preset));
    network->to(device);
    const std::string where = preset + " network on " + (device.is_cuda() ? "cuda" : "cpu");
    const double one = inferenceSeconds(network, device, 1, repeat);
    const double sixteen = inferenceSeconds(network, device, 16, repeat);
    std::printf("  %-20s classify: %7.1f ms/ROI (batch 1), %7.1f ms/ROI (batch 16)\n", where.c_str(), one * 1e3,
                sixteen / 16 * 1e3);
    const int batch = 16;
    const double train = trainingStepSeconds(network, device, batch, std::max(1, repeat - 1));
    std::printf("  %-20s training step, batch %d: %7.2f s (%.0f ms per ROI)\n", where.c_str(), batch, train,
                train / batch * 1e3);
}

} // namespace

int main(int argc, char* argv[])
{
    int threads = 2, repeat = 3;
    bool augmentation = true, defaultAllocator = false;
    std::vector<std::string> presets = mammo::ai::coin::coinNetworkPresetNames();
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--threads" && i + 1 < argc)
            threads = std::atoi(argv[++i]);
        else if (arg == "--repeat" && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--no-augmentation")
            augmentation = false;
        else if (arg == "--default-allocator")
            defaultAllocator = true;
        else if (arg == "--network" && i + 1 < argc)
            presets = {argv[++i]};
        else {
            std::fprintf(stderr, "usage: bench_coin [--threads N] [--repeat N] [--no-augmentation] [--default-allocator] "
                                 "[--network cpu|full]\n");
            return 2;
        }
    }
    mammo::ai::setComputeThreads(threads);
    if (!defaultAllocator)
        mammo::ai::keepFreedMemoryForReuse();
    std::printf("bench_coin: COIN network (%s), 224 x 224 ROIs, %d threads, %s, mean of %d runs after a warm-up\n",
                "4 DC blocks, 7 residual separable layers, 3 x FC 1024", threads,
                defaultAllocator ? "glibc's default allocator" : "heap kept for reuse", repeat);
    for (const auto& preset : presets) {
        timeNetwork(preset, torch::kCPU, repeat);
        if (torch::cuda::is_available())
            timeNetwork(preset, torch::Device(torch::kCUDA), repeat);
    }
    if (!torch::cuda::is_available())
        std::printf("  no CUDA GPU visible to LibTorch: GPU timing skipped\n");

    if (augmentation) {
        const std::string mias = std::getenv("MAMMO_MIAS_DIR") ? std::getenv("MAMMO_MIAS_DIR") : MAMMO_DEFAULT_MIAS_DIR;
        const auto catalog = mammo::core::MiasCatalog::fromDirectory(mias);
        const auto lesions = mammo::ai::coin::miasLesionRois(catalog, mammo::ai::coin::LesionSelection::Masses);
        std::vector<cv::Mat> rois;
        std::vector<int> labels;
        for (const auto& lesion : lesions) {
            const cv::Mat grey = cv::imread((std::filesystem::path(mias) / (lesion.reference + ".png")).string(), cv::IMREAD_GRAYSCALE);
            if (grey.empty())
                continue;
            rois.push_back(mammo::ai::coin::extractRoi(grey, lesion.centre, lesion.radius));
            labels.push_back(lesion.label);
        }
        const auto start = Clock::now();
        const auto classes = mammo::ai::coin::augmentClasses(rois, labels);
        const double total = seconds(start);
        std::printf("  adversarial augmentation, all %zu mini-MIAS mass ROIs, 1 positive + 1 negative per original:\n",
                    rois.size());
        for (const auto& c : classes)
            std::printf("    class %d (%d originals): %zu neighbours\n", c.label, c.originalCount,
                        c.positives.size() + c.negatives.size());
        std::printf("    %.1f s in all, %.1f s per class\n", total, total / double(std::max<std::size_t>(1, classes.size())));
    }
    return 0;
}
