// Blending time on one 256 x 256 ROI: a real mini-MIAS mass (mdb028, CIRC)
// warped into a real normal mini-MIAS image (mdb003): plain paste, our Poisson
// solver (mixed and imported gradients) and OpenCV's seamlessClone
// (MIXED_CLONE); median of N runs each. Then the BAN generator (ai/ban
// BanBlender) on the same ROI: an untrained network of each preset, and each
// model file given, on the CPU with 2 threads (default allocator, then the heap
// kept as ai/HeapReuse does for the app's worker) and on CUDA when LibTorch sees a GPU.
// Usage: bench_blend [runs] [ban-model.pt ...]   (mini-MIAS from $MAMMO_MIAS_DIR or the build's default)
#include "ai/ban/BanBlender.h"
#include "ai/ban/BanModelFile.h"
#include "ai/synthesis/LesionExtraction.h"
#include "ai/synthesis/PasteBlender.h"
#include "ai/synthesis/PastePlacement.h"
#include "ai/synthesis/PoissonBlender.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>
#include <torch/torch.h>

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

using namespace mammo::ai::synthesis;
namespace ban = mammo::ai::ban;
namespace core = mammo::core;

namespace {

double medianMs(int runs, const std::function<void()>& work)
{
    work();   // warm-up: allocations, OpenCV's lazy initialisation
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::nth_element(times.begin(), times.begin() + runs / 2, times.end());
    return times[std::size_t(runs / 2)];
}

} // namespace

int main(int argc, char** argv)
{
    try {
        const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
        const std::string directory = core::miasDatasetDirectory(MAMMO_DEFAULT_MIAS_DIR);
        const core::MiasCatalog catalog = core::MiasCatalog::fromDirectory(directory);
        const cv::Mat normalImage = cv::imread(directory + "/mdb003.png", cv::IMREAD_GRAYSCALE);
        const cv::Mat sourceImage = cv::imread(directory + "/mdb028.png", cv::IMREAD_GRAYSCALE);
        if (normalImage.empty() || sourceImage.empty())
            throw core::Error("cannot read mdb003.png / mdb028.png in " + directory);
        const core::MiasCircle circle = *catalog.at("mdb028").abnormalities.at(0).circle;
        const LesionPatch lesion = extractLesion(sourceImage, cv::Point2d(circle.x, circle.y), circle.radius,
                                                 core::kMiasPixelSpacingMm);

        const cv::Rect roi(495, 468, 256, 256);   // around the point of mdb003's breast farthest from its edge
        const WarpedLesion warped = warpLesion(lesion, {{623, 596}, 1.0, 30.0}, roi);
        const cv::Mat normal = normalImage(roi).clone();
        cv::Mat lesionGrey;
        warped.grey.convertTo(lesionGrey, CV_8U, 255.0);
        const cv::Mat& mask = warped.mask;

        cv::Mat normalBgr, lesionBgr, cloned;
        cv::cvtColor(normal, normalBgr, cv::COLOR_GRAY2BGR);
        cv::cvtColor(lesionGrey, lesionBgr, cv::COLOR_GRAY2BGR);
        const cv::Rect box = cv::boundingRect(mask);
        const cv::Point centre(box.x + (box.width - 1) / 2, box.y + (box.height - 1) / 2);

        PoissonSolveReport mixedReport, importReport;
        const PoissonBlender mixed(GuidanceField::Mixed), imported(GuidanceField::Imported);
        cv::Mat result;
        const double pasteMs = medianMs(runs, [&] { result = PasteBlender().blend(normal, lesionGrey, mask); });
        const double mixedMs = medianMs(runs, [&] { result = mixed.blend(normal, lesionGrey, mask, &mixedReport); });
        const double importMs = medianMs(runs, [&] { result = imported.blend(normal, lesionGrey, mask, &importReport); });
        const double openCvMs = medianMs(runs, [&] {
            cv::seamlessClone(lesionBgr, normalBgr, mask, centre, cloned, cv::MIXED_CLONE);
        });

        std::printf("ROI %dx%d from mdb003, lesion mdb028-1 (CIRC, r %d px) rotated 30 deg, mask %d px; "
                    "median of %d runs, %d OpenCV threads\n",
                    roi.width, roi.height, circle.radius, cv::countNonZero(mask), runs, cv::getNumThreads());
        std::printf("  %-42s %8.2f ms\n", "plain paste", pasteMs);
        std::printf("  %-42s %8.2f ms  (CG %d iterations, %d unknowns, residual %.1e)\n",
                    "ours, Poisson mixed gradients", mixedMs, mixedReport.iterations, mixedReport.unknowns,
                    mixedReport.relativeResidual);
        std::printf("  %-42s %8.2f ms  (CG %d iterations)\n", "ours, Poisson imported gradients", importMs,
                    importReport.iterations);
        std::printf("  %-42s %8.2f ms\n", "OpenCV seamlessClone MIXED_CLONE (8UC3)", openCvMs);

        // BAN: untrained networks of both presets (the cost does not depend on the weights), then the given models.
        std::vector<std::pair<std::string, std::string>> models;   // label, file
        const auto scratch = std::filesystem::temp_directory_path() / "bench_blend_ban";
        std::filesystem::create_directories(scratch);
        for (const char* preset : {"cpu", "full"}) {
            torch::manual_seed(1);
            ban::BanModel model{ban::BanGenerator(ban::banGeneratorPreset(preset)), preset, ban::BanMethod::Ban, 256};
            const auto file = (scratch / (std::string(preset) + ".pt")).string();
            ban::saveBanModel(model, file);
            models.emplace_back(std::string("BAN ") + preset + " preset, untrained", file);
        }
        for (int i = 2; i < argc; ++i)
            models.emplace_back(std::string("BAN ") + std::filesystem::path(argv[i]).filename().string(), argv[i]);
        at::set_num_threads(2);
        const bool cuda = torch::cuda::is_available();
        for (const bool keepHeap : {false, true}) {
            if (keepHeap) {
                mallopt(M_MMAP_MAX, 0);   // as ai/HeapReuse: no page faulted in twice
                mallopt(M_TRIM_THRESHOLD, 1 << 30);
            }
            for (const auto& [label, file] : models) {
                const ban::BanBlender blender(file);
                const bool full = blender.preset() == "full";
                const double ms = medianMs(full ? std::max(1, runs / 4) : runs,
                                           [&] { result = blender.blend(normal, lesionGrey, mask); });
                std::printf("  %-42s %8.2f ms  (CPU, %d threads, %s)\n", label.c_str(), ms, at::get_num_threads(),
                            keepHeap ? "heap kept" : "default allocator");
            }
        }
        if (cuda)
            for (const auto& [label, file] : models) {
                ban::BanBlenderOptions options;
                options.device = ban::BanDevice::Cuda;
                const ban::BanBlender blender(file, options);
                const double ms = medianMs(runs, [&] { result = blender.blend(normal, lesionGrey, mask); });
                std::printf("  %-42s %8.2f ms  (CUDA, copies included)\n", label.c_str(), ms);
            }
        else
            std::printf("  (no CUDA GPU: BAN on CUDA not measured)\n");
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_blend: %s\n", e.what());
        return 1;
    }
}
