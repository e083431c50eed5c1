#include "DetectorTrainer.h"

#include "DetectorModelFile.h"
#include "FixedFormat.h"
#include "FoldSplit.h"
#include "FoldEvaluation.h"
#include "LearningRateSchedule.h"
#include "MaskRcnnInference.h"
#include "MassDetector.h"
#include "MiasDetectionData.h"
#include "TrainingDevice.h"
#include "core/Error.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <sstream>

namespace mammo::ai {

namespace fs = std::filesystem;

namespace {

int stageAt(int iteration, const TrainingOptions& options)
{
    double boundary = 0.0;
    for (std::size_t s = 0; s < options.stageFractions.size(); ++s) {
        boundary += options.stageFractions[s];
        if (iteration < boundary * options.iterations)
            return int(s) + 1;
    }
    return int(options.stageFractions.size());
}

double learningRateAt(int iteration, const TrainingOptions& options)
{
    return warmupStepRate(iteration, options.iterations, options.learningRate, std::min(100, options.iterations / 10));
}

struct Checkpoint {
    fs::path directory;
    fs::path model() const { return directory / "checkpoint-model.pt"; }
    fs::path optimizer() const { return directory / "checkpoint-optimizer.pt"; }
    fs::path state() const { return directory / "checkpoint.json"; }
};

} // namespace

void trainDetector(const TrainingOptions& options, const TrainingLog& log)
{
    setComputeThreads(options.threads);
    torch::manual_seed(options.seed);
    const auto device = trainingDevice(options.device);
    const auto config = detectorConfigNamed(options.configName);
    const auto catalog = core::MiasCatalog::fromDirectory(options.datasetDirectory);
    std::vector<std::string> trainingReferences;
    std::vector<std::string> testReferences;
    if (!options.onlyImages.empty()) {
        trainingReferences = options.onlyImages;
    } else if (options.fold == 0) {
        for (const auto& image : catalog.images())
            trainingReferences.push_back(image.reference);
    } else {
        const auto split = readFoldSplit(options.splitPath);
        trainingReferences = split.trainingImages(options.fold);
        testReferences = split.testImages(options.fold);
    }
    fs::create_directories(options.outputDirectory);
    // What this run was asked to do, so a published model can name its exact recipe.
    {
        const nlohmann::json recipe{{"config", options.configName},       {"fold", options.fold},
                                    {"only_images", options.onlyImages},  {"iterations", options.iterations},
                                    {"batch", options.batchSize},         {"patch", options.patchSize},
                                    {"positive_fraction", options.positiveFraction},
                                    {"learning_rate", options.learningRate}, {"weight_decay", options.weightDecay},
                                    {"stages", options.stageFractions},   {"threads", options.threads},
                                    {"seed", options.seed},               {"device", options.device},
                                    {"split", options.splitPath},         {"synthetic", options.syntheticDirectory}};
        std::ofstream(fs::path(options.outputDirectory) / "options.json") << recipe.dump(2) << "\n";
    }
    const auto start = std::chrono::steady_clock::now();
    auto training = loadMiasSamples(catalog, options.datasetDirectory, trainingReferences, config);
    if (!options.syntheticDirectory.empty()) {
        // Synthetic cases join the training images only; the held-out fold stays real.
        const auto synthetic = core::MiasCatalog::fromDirectory(options.syntheticDirectory);
        std::vector<std::string> references;
        for (const auto& image : synthetic.images())
            references.push_back(image.reference);
        auto extra = loadMiasSamples(synthetic, options.syntheticDirectory, references, config);
        log("added " + std::to_string(extra.size()) + " synthetic training images from " + options.syntheticDirectory);
        training.insert(training.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
    }
    const auto test = loadMiasSamples(catalog, options.datasetDirectory, testReferences, config);
    log("prepared " + std::to_string(training.size()) + " training and " + std::to_string(test.size()) +
        " test images in " +
        formatFixed(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1) + " s");

    MaskRcnn model(config);
    model->to(device);
    torch::optim::AdamW optimizer(model->parameters(),
                                  torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));

    const Checkpoint checkpoint{options.outputDirectory};
    int iteration = 0;
    double elapsedBefore = 0.0;
    if (fs::exists(checkpoint.state())) {
        std::ifstream in(checkpoint.state());
        const auto state = nlohmann::json::parse(in);
        iteration = state.at("iteration").get<int>();
        elapsedBefore = state.value("seconds", 0.0);
        torch::load(model, checkpoint.model().string());
        torch::load(optimizer, checkpoint.optimizer().string());
        model->to(device);
        log("resumed at iteration " + std::to_string(iteration));
    }

    const fs::path trainLog = fs::path(options.outputDirectory) / "train-log.csv";
    const fs::path validationLog = fs::path(options.outputDirectory) / "validation-log.csv";
    if (iteration == 0) {
        std::ofstream(trainLog) << "iteration,stage,learning_rate,loss,rpn_objectness,rpn_box,classification,box,mask,seconds\n";
        std::ofstream(validationLog) << "iteration,tpr_at_1fppi_centre,tpr_at_1fppi_iou,tpr_at_0.5fppi_centre\n";
    }

    // The sampler restarts from a seed derived from the iteration, so a resumed run stays reproducible.
    PatchSampler sampler(training, options.patchSize, options.positiveFraction, options.seed + std::uint32_t(iteration));
    auto runStart = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return elapsedBefore + std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();
    };
    auto validate = [&](int at) {
        if (test.empty())
            return;
        const auto images = detectOnSamples(model, test, device);
        const auto centre = frocCurve(images, HitRule::CentreInCircle);
        const auto iou = frocCurve(images, HitRule::IouAboveHalf);
        std::ofstream(validationLog, std::ios::app)
            << at << "," << tprAtFppi(centre, 1.0) << "," << tprAtFppi(iou, 1.0) << "," << tprAtFppi(centre, 0.5) << "\n";
        log("validation at " + std::to_string(at) + ": TPR@1FPPI centre " + formatFixed(tprAtFppi(centre, 1.0), 3) +
            ", IoU>0.5 " + formatFixed(tprAtFppi(iou, 1.0), 3));
        model->train();
    };

    std::array<double, 6> sums{};
    int summed = 0;
    int currentStage = 0;
    model->train();
    while (iteration < options.iterations) {
        const int stage = stageAt(iteration, options);
        if (stage != currentStage) {
            model->setTrainingStage(stage);
            currentStage = stage;
            log("stage " + std::to_string(stage) + " from iteration " + std::to_string(iteration));
        }
        const double rate = learningRateAt(iteration, options);
        for (auto& group : optimizer.param_groups())
            static_cast<torch::optim::AdamWOptions&>(group.options()).lr(rate);

        auto batch = sampler.next(options.batchSize);
        for (auto& target : batch.targets)
            target.circles = target.circles.to(device);
        const auto losses = model->losses(batch.images.to(device), batch.targets);
        optimizer.zero_grad();
        losses.total.backward();
        torch::nn::utils::clip_grad_norm_(model->parameters(), 10.0);
        optimizer.step();
        ++iteration;

        const std::array<double, 6> values{losses.total.item<double>(), losses.rpnObjectness.item<double>(),
                                           losses.rpnBox.item<double>(), losses.classification.item<double>(),
                                           losses.box.item<double>(), losses.mask.item<double>()};
        for (std::size_t i = 0; i < values.size(); ++i)
            sums[i] += values[i];
        ++summed;
        if (iteration % 20 == 0 || iteration == options.iterations) {
            std::ofstream out(trainLog, std::ios::app);
            out << iteration << "," << stage << "," << rate;
            for (double sum : sums)
                out << "," << sum / summed;
            out << "," << formatFixed(elapsed(), 1) << "\n";
            log("iteration " + std::to_string(iteration) + "/" + std::to_string(options.iterations) + " stage " +
                std::to_string(stage) + " loss " + formatFixed(sums[0] / summed) + " (" + formatFixed(elapsed(), 0) + " s)");
            sums.fill(0.0);
            summed = 0;
        }
        if (iteration % options.checkpointEvery == 0 || iteration == options.iterations) {
            torch::save(model, checkpoint.model().string());
            torch::save(optimizer, checkpoint.optimizer().string());
            nlohmann::json state{{"iteration", iteration}, {"seconds", elapsed()}};
            std::ofstream(checkpoint.state().string() + ".part") << state.dump() << "\n";
            fs::rename(checkpoint.state().string() + ".part", checkpoint.state());
        }
        if (options.validateEvery > 0 && iteration % options.validateEvery == 0 && iteration < options.iterations)
            validate(iteration);
    }

    model->eval();
    model->to(torch::kCPU);
    const fs::path modelPath = fs::path(options.outputDirectory) / "model.pt";
    saveDetector(model, modelPath.string());
    log("saved " + modelPath.string() + " after " + formatFixed(elapsed(), 0) + " s of training");
    if (!test.empty()) {
        const auto images = detectOnSamples(model, test, torch::Device(torch::kCPU));
        writeFoldEvaluation(fs::path(options.outputDirectory) / "evaluation.json", options.fold, test, images);
        validate(iteration);
    }
}

} // namespace mammo::ai
