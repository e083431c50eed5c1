// A manual BAN training run until tools/ has a command for it: trains on the
// mini-MIAS images outside one test fold of a split file, resumable, then
// writes a contact sheet (normal | paste | Poisson | BAN) of held-out-seed ROIs.
// Usage: ban_training_run --out DIR [--split FILE --test-fold K] [--method ban|no_prior|vanilla_gan]
//        [--preset cpu|full] [--roi 128] [--iterations N] [--batch 4] [--lr 2e-4] [--lambda 100]
//        [--seed 1] [--threads 2] [--checkpoint-every 50] [--log-every 10] [--device cpu|cuda|auto]
//        [--sheet 6] [--sheet-only]
#include "ai/ban/BanBlender.h"
#include "ai/ban/BanContactSheet.h"
#include "ai/ban/BanTrainer.h"
#include "ai/synthesis/PasteBlender.h"
#include "ai/synthesis/PoissonBlender.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <malloc.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

namespace ban = mammo::ai::ban;
namespace synthesis = mammo::ai::synthesis;
namespace core = mammo::core;

int main(int argc, char** argv)
{
    try {
        std::map<std::string, std::string> args;
        for (int i = 1; i < argc; ++i) {
            const std::string key = argv[i];
            if (key == "--sheet-only")
                args[key] = "1";
            else if (i + 1 < argc)
                args[key] = argv[++i];
            else
                throw core::Error("missing value after " + key);
        }
        auto get = [&](const std::string& key, const std::string& fallback) {
            return args.count(key) ? args[key] : fallback;
        };
        if (!args.count("--out"))
            throw core::Error("--out DIR is required");
        mallopt(M_MMAP_MAX, 0);   // as ai/HeapReuse: LibTorch's buffers are not faulted in again at every pass
        mallopt(M_TRIM_THRESHOLD, 1 << 30);

        const std::string directory = core::miasDatasetDirectory(MAMMO_MIAS_DIR);
        const auto catalog = core::MiasCatalog::fromDirectory(directory);
        std::vector<std::string> train;
        if (args.count("--split")) {
            std::ifstream in(args["--split"]);
            const auto split = nlohmann::json::parse(in);
            const int testFold = std::stoi(get("--test-fold", "1"));
            std::set<std::string> held;
            for (const auto& fold : split.at("folds"))
                if (fold.at("fold").get<int>() == testFold)
                    for (const auto& image : fold.at("images"))
                        held.insert(image.get<std::string>());
            for (const auto& image : catalog.images())
                if (!held.count(image.reference))
                    train.push_back(image.reference);
            std::printf("training images: %zu (fold %d held out)\n", train.size(), testFold);
        }
        ban::BanTrainingDataOptions dataOptions;
        dataOptions.roiSize = std::stoi(get("--roi", "128"));
        const auto data = ban::BanTrainingData::fromMias(catalog, directory, train, dataOptions);

        ban::BanTrainingOptions options;
        options.outputDirectory = args["--out"];
        options.method = get("--method", "ban");
        options.preset = get("--preset", "cpu");
        options.iterations = std::stoi(get("--iterations", "1000"));
        options.batchSize = std::stoi(get("--batch", "4"));
        options.learningRate = std::stod(get("--lr", "2e-4"));
        options.lambdaPrior = std::stod(get("--lambda", "100"));
        options.seed = std::stoull(get("--seed", "1"));
        options.threads = std::stoi(get("--threads", "2"));
        options.checkpointEvery = std::stoi(get("--checkpoint-every", "50"));
        options.logEvery = std::stoi(get("--log-every", "10"));
        options.device = get("--device", "cpu");
        if (!args.count("--sheet-only")) {
            ban::BanTrainer trainer(options, data);
            trainer.run([](const std::string& line) {
                std::printf("%s\n", line.c_str());
                std::fflush(stdout);
            });
        }

        const int rows = std::stoi(get("--sheet", "6"));
        if (rows > 0) {
            const auto model = (std::filesystem::path(options.outputDirectory) / "model.pt").string();
            const ban::BanBlender banBlender(model);
            const synthesis::PasteBlender paste;
            const synthesis::PoissonBlender poisson(synthesis::GuidanceField::Mixed);
            // A seed the training never drew from.
            const auto samples = data.batch(options.seed + 7777, 0, rows);
            const cv::Mat sheet = ban::blendContactSheet(samples, {&paste, &poisson, &banBlender});
            const auto file = (std::filesystem::path(options.outputDirectory) / "contact-sheet.png").string();
            cv::imwrite(file, sheet);
            std::printf("contact sheet: %s\n", file.c_str());
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ban_training_run: %s\n", e.what());
        return 1;
    }
}
