// Blending time on one 256 x 256 ROI: a real mini-MIAS mass (mdb028, CIRC)
// warped into a real normal mini-MIAS image (mdb003): plain paste, our Poisson
// solver (mixed and imported gradients) and OpenCV's seamlessClone
// (MIXED_CLONE); median of N runs each.
// Usage: bench_blend [runs]   (mini-MIAS from $MAMMO_MIAS_DIR or the build's default)
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

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

using namespace mammo::ai::synthesis;
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
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_blend: %s\n", e.what());
        return 1;
    }
}
