// bench_detector: inference time per image, preprocessing included, of the
// `cpu` and `full` detector configurations, next to torchvision's
// maskrcnn_resnet50_fpn (random weights) at the same network input size, on
// the same threads. On a machine with a CUDA GPU it times `full` there too.
//
//   bench_detector [--threads 2] [--repeat 5] [--image mdb184.png] [--cpu-model FILE] [--no-torchvision]
#include "ai/MassDetector.h"
#include "ai/ModelManifest.h"
#include "core/MiasCatalog.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct Options {
    int threads = 2;
    int repeat = 5;
    std::string image;
    std::string cpuModel;
    bool torchvision = true;
};

double secondsPerImage(mammo::ai::MassDetector& detector, const cv::Mat& grey, double spacingMm, int repeat)
{
    detector.detect(grey, spacingMm);   // warm-up: first-call allocations
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < repeat; ++i)
        detector.detect(grey, spacingMm);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / repeat;
}

std::string runCommand(const std::string& command)
{
    std::string output;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[512];
        while (fgets(buffer, sizeof buffer, pipe))
            output += buffer;
        pclose(pipe);
    }
    return output;
}

void line(const std::string& what, double seconds)
{
    std::printf("%-62s %8.3f s/image\n", what.c_str(), seconds);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char* argv[])
{
    Options options;
    options.image = mammo::core::miasDatasetDirectory(MAMMO_DEFAULT_MIAS_DIR) + "/mdb184.png";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (arg == "--threads") options.threads = std::stoi(value());
        else if (arg == "--repeat") options.repeat = std::stoi(value());
        else if (arg == "--image") options.image = value();
        else if (arg == "--cpu-model") options.cpuModel = value();
        else if (arg == "--no-torchvision") options.torchvision = false;
        else {
            std::cerr << "usage: bench_detector [--threads N] [--repeat N] [--image PNG] [--cpu-model FILE] [--no-torchvision]\n";
            return 2;
        }
    }
    try {
        cv::Mat grey = cv::imread(options.image, cv::IMREAD_GRAYSCALE);
        if (grey.empty()) {
            std::cerr << "cannot read " << options.image << "; using a synthetic 1024 x 1024 image\n";
            grey = cv::Mat(1024, 1024, CV_8U, cv::Scalar(4));
            cv::ellipse(grey, {0, 512}, {420, 480}, 0, -90, 90, cv::Scalar(120), cv::FILLED);
        }
        const auto temporary = std::filesystem::temp_directory_path() / "mammoscope-bench-detector";
        std::filesystem::create_directories(temporary);
        std::string cpuModel = options.cpuModel;
        std::string cpuOrigin = "trained";
        if (cpuModel.empty()) {
            try {
                cpuModel = mammo::ai::ModelManifest::read(MAMMO_SOURCE_DIR "/resources/models").verifiedPath("detector-cpu");
            } catch (const std::exception&) {
                cpuModel = (temporary / "cpu.pt").string();
                mammo::ai::writeUntrainedDetector("cpu", cpuModel);
                cpuOrigin = "untrained";
            }
        }
        const auto fullModel = (temporary / "full.pt").string();
        mammo::ai::writeUntrainedDetector("full", fullModel);

        std::printf("bench_detector: %d x %d image (%s), %d threads, mean of %d runs after a warm-up\n", grey.cols,
                    grey.rows, options.image.c_str(), options.threads, options.repeat);
        std::printf("preprocessing included; a 0.2 mm image becomes 512 x 512 at the models' 0.4 mm; given as\n"
                    "0.4 mm it is not resampled, so the network sees 1024 x 1024\n\n");
        {
            mammo::ai::MassDetector cpu(cpuModel, mammo::ai::ComputeDevice::Cpu, options.threads);
            line("ours, cpu config (" + cpuOrigin + "), network input 512", secondsPerImage(cpu, grey, 0.2, options.repeat));
            line("ours, cpu config (" + cpuOrigin + "), network input 1024", secondsPerImage(cpu, grey, 0.4, options.repeat));
        }
        {
            mammo::ai::MassDetector full(fullModel, mammo::ai::ComputeDevice::Cpu, options.threads);
            line("ours, full config (ResNet-50-FPN, random weights), input 512",
                 secondsPerImage(full, grey, 0.2, std::max(1, options.repeat / 2)));
            line("ours, full config (ResNet-50-FPN, random weights), input 1024",
                 secondsPerImage(full, grey, 0.4, std::max(1, options.repeat / 2)));
        }
        if (options.torchvision) {
            for (int size : {512, 1024}) {
                const std::string command = "/usr/bin/python3 " MAMMO_BENCH_DIR "/torchvision_maskrcnn.py --size " +
                                            std::to_string(size) + " --threads " + std::to_string(options.threads) +
                                            " --repeat " + std::to_string(std::max(1, options.repeat / 2)) + " 2>&1";
                std::printf("%s", runCommand(command).c_str());
                std::fflush(stdout);
            }
        }
        if (mammo::ai::cudaAvailable()) {
            mammo::ai::MassDetector gpu(fullModel, mammo::ai::ComputeDevice::Cuda, options.threads);
            line("ours, full config on CUDA, input 1024", secondsPerImage(gpu, grey, 0.4, options.repeat * 4));
            if (options.torchvision)
                std::printf("%s", runCommand("/usr/bin/python3 " MAMMO_BENCH_DIR "/torchvision_maskrcnn.py --size 1024 --device cuda "
                                             "--repeat 20 2>&1").c_str());
        } else {
            std::printf("no CUDA GPU visible to LibTorch: GPU timing skipped\n");
        }
    } catch (const std::exception& error) {
        std::cerr << "bench_detector: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
