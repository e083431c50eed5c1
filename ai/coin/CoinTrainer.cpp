#include "CoinTrainer.h"

#include "CoinModelFile.h"
#include "CoinNetwork.h"
#include "ContrastiveLoss.h"
#include "RocAuc.h"
#include "RoiExtraction.h"
#include "ai/FixedFormat.h"
#include "ai/FoldSplit.h"
#include "ai/LearningRateSchedule.h"
#include "ai/MassDetector.h"
#include "ai/TrainingDevice.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <random>
#include <set>
#include <sstream>

namespace mammo::ai::coin {

namespace fs = std::filesystem;

namespace {

LesionSelection selectionNamed(const std::string& name)
{
    if (name == "masses")
        return LesionSelection::Masses;
    if (name == "all")
        return LesionSelection::AllAbnormalities;
    throw core::Error("unknown data set \"" + name + "\" (masses or all)");
}

std::string kindName(SampleKind kind)
{
    switch (kind) {
    case SampleKind::Original: return "original";
    case SampleKind::PositiveNeighbour: return "positive";
    case SampleKind::NegativeNeighbour: return "negative";
    }
    return "original";
}

SampleKind kindNamed(const std::string& name)
{
    if (name == "original")
        return SampleKind::Original;
    if (name == "positive")
        return SampleKind::PositiveNeighbour;
    if (name == "negative")
        return SampleKind::NegativeNeighbour;
    throw core::Error("unknown sample kind \"" + name + "\" (original, positive or negative)");
}

// The patch as the network sees it: roiSize x roiSize, CV_32F, normalised.
cv::Mat networkInput(const cv::Mat& roi, int roiSize)
{
    if (roi.empty() || roi.channels() != 1)
        throw core::Error("a COIN training ROI must be a one-channel image");
    cv::Mat sized = roi;
    if (roi.rows != roiSize || roi.cols != roiSize)
        cv::resize(roi, sized, cv::Size(roiSize, roiSize), 0, 0, roi.rows > roiSize ? cv::INTER_AREA : cv::INTER_LINEAR);
    return normaliseRoi(sized);   // idempotent on an already normalised patch
}

torch::Tensor stackRois(const std::vector<ClassifierSample>& samples)
{
    if (samples.empty())
        return {};
    const int size = samples.front().roi.rows;
    auto images = torch::empty({std::int64_t(samples.size()), 1, size, size}, torch::kFloat);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const cv::Mat& roi = samples[i].roi;
        images[std::int64_t(i)][0].copy_(torch::from_blob(roi.data, {roi.rows, roi.cols}, torch::kFloat));
    }
    return images;
}

struct HeldOutLesion {
    LesionRoi lesion;
    cv::Mat roi;
};

// The lesions of the selected kind on the given images, cut and normalised.
std::vector<HeldOutLesion> loadLesions(const core::MiasCatalog& catalog, const std::string& directory,
                                       LesionSelection selection, const std::vector<std::string>& references,
                                       int roiSize)
{
    const std::set<std::string> wanted(references.begin(), references.end());
    std::vector<HeldOutLesion> lesions;
    std::map<std::string, cv::Mat> images;
    RoiOptions roiOptions;
    roiOptions.outputSize = roiSize;
    for (const LesionRoi& lesion : miasLesionRois(catalog, selection)) {
        if (!wanted.count(lesion.reference))
            continue;
        auto& grey = images[lesion.reference];
        if (grey.empty()) {
            const auto file = (fs::path(directory) / (lesion.reference + ".png")).string();
            grey = cv::imread(file, cv::IMREAD_GRAYSCALE);
            if (grey.empty())
                throw core::Error("cannot read the mini-MIAS image " + file);
        }
        lesions.push_back({lesion, normaliseRoi(extractRoi(grey, lesion.centre, lesion.radius, roiOptions))});
    }
    return lesions;
}

struct Checkpoint {
    fs::path directory;
    fs::path model() const { return directory / "checkpoint-model.pt"; }
    fs::path optimizer() const { return directory / "checkpoint-optimizer.pt"; }
    fs::path state() const { return directory / "checkpoint.json"; }
};

// After a resume, the log rows the lost iterations wrote would appear twice: keep the header and rows up to `iteration`.
void keepRowsUpTo(const fs::path& csv, int iteration)
{
    std::ifstream in(csv);
    if (!in)
        return;
    std::string line, kept;
    for (bool header = true; std::getline(in, line); header = false)
        if (header || std::atoi(line.c_str()) <= iteration)
            kept += line + "\n";
    in.close();
    std::ofstream(csv) << kept;
}

double learningRateAt(int iteration, const CoinTrainingOptions& options)
{
    return warmupStepRate(iteration, options.iterations, options.learningRate, std::min(100, options.iterations / 20));
}

// A batch: half of each class (the rest to the benign half on odd sizes), each
// drawn uniformly with replacement from its class's expanded set; with
// conventional augmentation every ROI gets one of the eight flips/rotations.
// The random stream depends only on the seed and the iteration, so a resumed
// run draws the same batches as an uninterrupted one.
struct Batch {
    torch::Tensor images, labels, kinds;
};

Batch drawBatch(const torch::Tensor& images, const std::vector<ClassifierSample>& samples,
                const std::array<std::vector<std::int64_t>, 2>& byClass, const CoinTrainingOptions& options,
                int iteration)
{
    std::mt19937 random(options.seed * 1000003u + std::uint32_t(iteration));
    std::vector<std::int64_t> picked;
    const int malignant = byClass[1].empty() ? 0 : byClass[0].empty() ? options.batchSize : options.batchSize / 2;
    for (int b = 0; b < options.batchSize; ++b) {
        const auto& pool = b < options.batchSize - malignant ? byClass[0] : byClass[1];
        std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1);
        picked.push_back(pool[pick(random)]);
    }
    Batch batch;
    auto index = torch::tensor(picked, torch::kLong);
    batch.images = images.index_select(0, index.to(images.device()));
    if (options.conventionalAugmentation) {
        std::uniform_int_distribution<int> quarterTurns(0, 3), flip(0, 1);
        std::vector<torch::Tensor> turned;
        for (int b = 0; b < options.batchSize; ++b) {
            auto image = batch.images[b].rot90(quarterTurns(random), {1, 2});
            if (flip(random))
                image = image.flip({2});
            turned.push_back(image);
        }
        batch.images = torch::stack(turned).contiguous();
    }
    std::vector<std::int64_t> labels, kinds;
    for (auto i : picked) {
        labels.push_back(samples[std::size_t(i)].label);
        kinds.push_back(std::int64_t(samples[std::size_t(i)].kind));
    }
    batch.labels = torch::tensor(labels, torch::kLong).to(images.device());
    batch.kinds = torch::tensor(kinds, torch::kLong).to(images.device());
    return batch;
}

std::vector<double> malignantProbabilities(CoinNetwork& model, const torch::Tensor& images, torch::Device device)
{
    std::vector<double> probabilities;
    if (!images.defined())
        return probabilities;
    model->eval();
    c10::InferenceMode inference;
    for (std::int64_t start = 0; start < images.size(0); start += 16) {
        const auto chunk = images.slice(0, start, std::min(images.size(0), start + 16)).to(device);
        const auto p = CoinNetworkImpl::malignantProbability(model->forward(chunk).logits).to(torch::kCPU, torch::kDouble);
        for (std::int64_t i = 0; i < p.size(0); ++i)
            probabilities.push_back(p[i].item<double>());
    }
    return probabilities;
}

nlohmann::json optionsJson(const CoinTrainingOptions& options)
{
    return {{"configuration", options.configuration},
            {"dataset", options.dataset},
            {"fold", options.fold},
            {"train_images", options.trainImages},
            {"test_images", options.testImages},
            {"conventional_augmentation", options.conventionalAugmentation},
            {"adversarial_augmentation", options.adversarialAugmentation},
            {"n_plus", options.positiveNeighbours},
            {"n_minus", options.negativeNeighbours},
            {"lambda", options.lambda},
            {"margin", options.margin},
            {"augmentation_directory", options.augmentationDirectory},
            {"network", options.network},
            {"roi_size", options.roiSize},
            {"iterations", options.iterations},
            {"batch", options.batchSize},
            {"learning_rate", options.learningRate},
            {"weight_decay", options.weightDecay},
            {"threads", options.threads},
            {"seed", options.seed},
            {"device", options.device},
            {"split", options.splitPath}};
}

void checkOptions(const CoinTrainingOptions& options)
{
    selectionNamed(options.dataset);
    coinNetworkPreset(options.network);
    if (options.roiSize < 32 || options.roiSize % 32 != 0)
        throw core::Error("the ROI size must be a positive multiple of 32 (the paper's 224)");
    if (options.iterations <= 0 || options.batchSize < 2 || !(options.learningRate > 0))
        throw core::Error("iterations must be positive, the batch at least 2 and the learning rate positive");
    if (options.positiveNeighbours < 0 || options.negativeNeighbours < 0 || !(options.lambda >= 0) ||
        !(options.margin > 0))
        throw core::Error("n+ and n- must not be negative, lambda not negative and the margin positive");
    if (options.checkpointEvery <= 0 || options.logEvery <= 0)
        throw core::Error("checkpoint and log intervals must be positive");
    if (options.outputDirectory.empty())
        throw core::Error("no output folder for the COIN training");
}

} // namespace

std::vector<std::string> coinConfigurationNames()
{
    return {"baseline", "conventional", "adversarial", "lambda0", "coin"};
}

CoinTrainingOptions coinConfiguration(const std::string& name)
{
    CoinTrainingOptions options;
    options.configuration = name;
    options.conventionalAugmentation = false;
    if (name == "baseline" || name == "conventional") {
        options.conventionalAugmentation = name == "conventional";
        options.adversarialAugmentation = false;
        options.positiveNeighbours = 0;
        options.negativeNeighbours = 0;
        options.lambda = 0.0;
    } else if (name == "adversarial") {
        options.positiveNeighbours = 5;
        options.negativeNeighbours = 0;
        options.lambda = 0.0;
    } else if (name == "lambda0") {
        options.lambda = 0.0;
    } else if (name != "coin") {
        std::string names;
        for (const auto& known : coinConfigurationNames())
            names += (names.empty() ? "" : ", ") + known;
        throw core::Error("unknown COIN configuration \"" + name + "\" (" + names + ")");
    }
    return options;
}

bool needsAdversarialNeighbours(const CoinTrainingOptions& options)
{
    return options.adversarialAugmentation && (options.positiveNeighbours > 0 || options.negativeNeighbours > 0);
}

void writeAugmentedSamples(const std::string& directory, const std::vector<ClassifierSample>& samples, int fold)
{
    fs::create_directories(directory);
    nlohmann::json index;
    if (fold >= 0)
        index["fold"] = fold;
    index["samples"] = nlohmann::json::array();
    for (std::size_t i = 0; i < samples.size(); ++i) {
        std::ostringstream name;
        name << kindName(samples[i].kind) << "-" << samples[i].label << "-" << std::setw(5) << std::setfill('0') << i
             << ".tiff";
        cv::Mat values;
        samples[i].roi.convertTo(values, CV_32F);
        if (!cv::imwrite((fs::path(directory) / name.str()).string(), values))
            throw core::Error("cannot write " + (fs::path(directory) / name.str()).string());
        index["samples"].push_back(
            {{"file", name.str()}, {"label", samples[i].label}, {"kind", kindName(samples[i].kind)},
             {"source", samples[i].source}});
    }
    const auto path = fs::path(directory) / "samples.json";
    std::ofstream(path.string() + ".part") << index.dump(1) << "\n";
    fs::rename(path.string() + ".part", path);
}

std::vector<ClassifierSample> readAugmentedSamples(const std::string& directory, int fold)
{
    const auto path = fs::path(directory) / "samples.json";
    std::ifstream in(path);
    if (!in)
        throw core::Error("no augmented samples in " + directory + " (samples.json is missing)");
    try {
        const auto index = nlohmann::json::parse(in);
        if (index.contains("fold") && index.at("fold").get<int>() != fold)
            throw core::Error("the augmented samples in " + directory + " were made for fold " +
                              std::to_string(index.at("fold").get<int>()) + ", not fold " + std::to_string(fold));
        std::vector<ClassifierSample> samples;
        for (const auto& entry : index.at("samples")) {
            ClassifierSample sample;
            const auto file = (fs::path(directory) / entry.at("file").get<std::string>()).string();
            sample.roi = cv::imread(file, cv::IMREAD_UNCHANGED);
            if (sample.roi.empty() || sample.roi.channels() != 1)
                throw core::Error("cannot read the augmented ROI " + file);
            sample.label = entry.at("label").get<int>();
            if (sample.label != 0 && sample.label != 1)
                throw core::Error("augmented ROI " + file + " has a label other than 0 or 1");
            sample.kind = kindNamed(entry.at("kind").get<std::string>());
            sample.source = entry.value("source", "");
            samples.push_back(std::move(sample));
        }
        return samples;
    } catch (const nlohmann::json::exception& error) {
        throw core::Error("malformed " + path.string() + ": " + error.what());
    }
}

void trainCoin(const CoinTrainingOptions& options, const CoinTrainingLog& log, const AugmentationProvider& augmentation)
{
    checkOptions(options);
    const auto selection = selectionNamed(options.dataset);
    const fs::path output(options.outputDirectory);
    const fs::path augmentationCache = output / "augmentation";
    // Fail before anything is loaded when the neighbours cannot come from anywhere.
    if (needsAdversarialNeighbours(options) && !augmentation && options.augmentationDirectory.empty() &&
        !fs::exists(augmentationCache / "samples.json"))
        throw core::Error("configuration \"" + options.configuration +
                          "\" trains on adversarial neighbours (eqs. 2 and 3) but no adversarial augmentation was "
                          "given: pass an augmentation provider or a directory of augmented samples");

    setComputeThreads(options.threads);
    torch::manual_seed(options.seed);
    const auto device = trainingDevice(options.device);
    const auto catalog = core::MiasCatalog::fromDirectory(options.datasetDirectory);
    std::vector<std::string> trainingReferences = options.trainImages;
    std::vector<std::string> testReferences = options.testImages;
    if (trainingReferences.empty()) {
        if (options.fold == 0) {
            for (const auto& image : catalog.images())
                trainingReferences.push_back(image.reference);
        } else {
            const auto split = readFoldSplit(options.splitPath);
            if (options.fold < 0 || options.fold > split.foldCount())
                throw core::Error("fold " + std::to_string(options.fold) + " is not in the split " + options.splitPath);
            trainingReferences = split.trainingImages(options.fold);
            testReferences = split.testImages(options.fold);
        }
    }
    fs::create_directories(output);
    std::ofstream(output / "options.json") << optionsJson(options).dump(2) << "\n";

    const auto start = std::chrono::steady_clock::now();
    std::vector<ClassifierSample> samples;
    for (auto& lesion : loadLesions(catalog, options.datasetDirectory, selection, trainingReferences, options.roiSize))
        samples.push_back({lesion.roi, lesion.lesion.label, SampleKind::Original, lesion.lesion.reference});
    const auto test = loadLesions(catalog, options.datasetDirectory, selection, testReferences, options.roiSize);
    if (samples.empty())
        throw core::Error("no " + options.dataset + " lesions with coordinates on the training images");
    const auto originals = samples.size();
    const auto malignantOriginals =
        std::count_if(samples.begin(), samples.end(), [](const ClassifierSample& s) { return s.label == 1; });
    log("prepared " + std::to_string(originals) + " training ROIs (" + std::to_string(malignantOriginals) +
        " malignant) and " + std::to_string(test.size()) + " held-out ROIs in " +
        formatFixed(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1) + " s");

    if (needsAdversarialNeighbours(options)) {
        // Made once per run and kept: a resumed run trains on the very same neighbours.
        std::vector<ClassifierSample> neighbours;
        if (fs::exists(augmentationCache / "samples.json")) {
            neighbours = readAugmentedSamples(augmentationCache.string(), options.fold);
            log("read " + std::to_string(neighbours.size()) + " adversarial neighbours from " + augmentationCache.string());
        } else {
            if (!options.augmentationDirectory.empty()) {
                neighbours = readAugmentedSamples(options.augmentationDirectory, options.fold);
            } else {
                AugmentationRequest request;
                request.positiveNeighbours = options.positiveNeighbours > 0;
                request.negativeNeighbours = options.negativeNeighbours > 0;
                request.seed = options.seed;
                request.outputDirectory = augmentationCache.string();
                const auto augmentStart = std::chrono::steady_clock::now();
                neighbours = augmentation(samples, request);
                log("adversarial augmentation made " + std::to_string(neighbours.size()) + " neighbours in " +
                    formatFixed(std::chrono::duration<double>(std::chrono::steady_clock::now() - augmentStart).count(), 1) +
                    " s");
            }
            for (auto& neighbour : neighbours) {
                if (neighbour.label != 0 && neighbour.label != 1)
                    throw core::Error("an adversarial neighbour has a label other than 0 or 1");
                neighbour.roi = networkInput(neighbour.roi, options.roiSize);
            }
            writeAugmentedSamples(augmentationCache.string(), neighbours, options.fold);
        }
        std::array<int, 3> used{};
        for (auto& neighbour : neighbours) {
            // The counts n+ / n- say which kinds of neighbour the configuration trains on.
            const bool wanted = (neighbour.kind == SampleKind::PositiveNeighbour && options.positiveNeighbours > 0) ||
                                (neighbour.kind == SampleKind::NegativeNeighbour && options.negativeNeighbours > 0);
            if (!wanted)
                continue;
            ++used[std::size_t(neighbour.kind)];
            samples.push_back(std::move(neighbour));
        }
        if (used[1] + used[2] == 0)
            throw core::Error("the adversarial augmentation gave none of the neighbours configuration \"" +
                              options.configuration + "\" trains on");
        log("training set: " + std::to_string(originals) + " originals, " + std::to_string(used[1]) +
            " positive and " + std::to_string(used[2]) + " negative neighbours");
    }

    std::array<std::vector<std::int64_t>, 2> byClass;
    for (std::size_t i = 0; i < samples.size(); ++i)
        byClass[std::size_t(samples[i].label)].push_back(std::int64_t(i));
    const auto images = stackRois(samples).to(device);
    std::vector<ClassifierSample> testSamples;
    for (const auto& lesion : test)
        testSamples.push_back({lesion.roi, lesion.lesion.label, SampleKind::Original, lesion.lesion.reference});
    const auto testImages = stackRois(testSamples);
    std::vector<int> testLabels;
    for (const auto& lesion : test)
        testLabels.push_back(lesion.lesion.label);

    CoinNetwork model(coinNetworkPreset(options.network));
    model->to(device);
    torch::optim::AdamW optimizer(model->parameters(),
                                  torch::optim::AdamWOptions(options.learningRate).weight_decay(options.weightDecay));
    CoinLossOptions lossOptions;
    lossOptions.graph.positiveNeighbours = options.positiveNeighbours;
    lossOptions.graph.negativeNeighbours = options.negativeNeighbours;
    lossOptions.margin = options.margin;
    lossOptions.lambda = options.lambda;

    const Checkpoint checkpoint{output};
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
    const fs::path trainLog = output / "train-log.csv";
    const fs::path validationLog = output / "validation-log.csv";
    if (iteration > 0) {
        keepRowsUpTo(trainLog, iteration);
        keepRowsUpTo(validationLog, iteration);
    } else {
        std::ofstream(trainLog) << "iteration,learning_rate,loss,classification,graph,batch_accuracy,seconds\n";
        std::ofstream(validationLog) << "iteration,accuracy,auc\n";
    }

    const auto runStart = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return elapsedBefore + std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();
    };
    auto validate = [&](int at) {
        if (testSamples.empty())
            return;
        const auto probabilities = malignantProbabilities(model, testImages, device);
        const auto auc = rocAuc(probabilities, testLabels);
        const double acc = accuracy(probabilities, testLabels);
        std::ofstream(validationLog, std::ios::app) << at << "," << acc << "," << (auc ? formatFixed(*auc) : "") << "\n";
        log("held-out fold at " + std::to_string(at) + ": accuracy " + formatFixed(acc, 3) + ", AUC " +
            (auc ? formatFixed(*auc, 3) : std::string("undefined (one class)")));
        model->train();
    };

    std::array<double, 4> sums{};
    int summed = 0;
    model->train();
    while (iteration < options.iterations) {
        const double rate = learningRateAt(iteration, options);
        for (auto& group : optimizer.param_groups())
            static_cast<torch::optim::AdamWOptions&>(group.options()).lr(rate);
        const auto batch = drawBatch(images, samples, byClass, options, iteration);
        const auto outputs = model->forward(batch.images);
        const auto losses = coinLossOnBatchGraph(outputs.logits, outputs.features, batch.labels, batch.kinds, lossOptions);
        optimizer.zero_grad();
        losses.total.backward();
        torch::nn::utils::clip_grad_norm_(model->parameters(), 10.0);
        optimizer.step();
        ++iteration;

        const double batchAccuracy =
            outputs.logits.detach().argmax(1).eq(batch.labels).to(torch::kDouble).mean().item<double>();
        const std::array<double, 4> values{losses.total.item<double>(), losses.classification.item<double>(),
                                           losses.graph.item<double>(), batchAccuracy};
        for (std::size_t i = 0; i < values.size(); ++i)
            sums[i] += values[i];
        ++summed;
        if (iteration % options.logEvery == 0 || iteration == options.iterations) {
            std::ofstream out(trainLog, std::ios::app);
            out << iteration << "," << rate;
            for (double sum : sums)
                out << "," << sum / summed;
            out << "," << formatFixed(elapsed(), 1) << "\n";
            log("iteration " + std::to_string(iteration) + "/" + std::to_string(options.iterations) + " loss " +
                formatFixed(sums[0] / summed) + " (Jl " + formatFixed(sums[1] / summed) + ", Jg " + formatFixed(sums[2] / summed) +
                ") batch accuracy " + formatFixed(sums[3] / summed, 2) + " (" + formatFixed(elapsed(), 0) + " s)");
            sums.fill(0.0);
            summed = 0;
        }
        if (iteration % options.checkpointEvery == 0 || iteration == options.iterations) {
            torch::save(model, checkpoint.model().string());
            torch::save(optimizer, checkpoint.optimizer().string());
            const nlohmann::json state{{"iteration", iteration}, {"seconds", elapsed()}};
            std::ofstream(checkpoint.state().string() + ".part") << state.dump() << "\n";
            fs::rename(checkpoint.state().string() + ".part", checkpoint.state());
        }
        if (options.validateEvery > 0 && iteration % options.validateEvery == 0 && iteration < options.iterations)
            validate(iteration);
    }

    model->eval();
    CoinModel trained{model, options.network, options.configuration, options.roiSize};
    saveCoinModel(trained, (output / "model.pt").string());
    log("saved " + (output / "model.pt").string() + " after " + formatFixed(elapsed(), 0) + " s of training");
    if (testSamples.empty())
        return;

    const auto probabilities = malignantProbabilities(model, testImages, device);
    const auto auc = rocAuc(probabilities, testLabels);
    const double acc = accuracy(probabilities, testLabels);
    nlohmann::ordered_json evaluation;
    evaluation["fold"] = options.fold;
    evaluation["dataset"] = options.dataset;
    evaluation["configuration"] = options.configuration;
    evaluation["iterations"] = options.iterations;
    evaluation["threshold"] = 0.5;
    evaluation["accuracy"] = acc;
    evaluation["auc"] = auc ? nlohmann::ordered_json(*auc) : nlohmann::ordered_json(nullptr);
    evaluation["rois"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < test.size(); ++i) {
        const auto& lesion = test[i].lesion;
        evaluation["rois"].push_back({{"reference", lesion.reference},
                                      {"class", core::miasClassCode(lesion.abnormalityClass)},
                                      {"label", lesion.label},
                                      {"x", lesion.centre.x},
                                      {"y", lesion.centre.y},
                                      {"radius", lesion.radius},
                                      {"probability", std::round(probabilities[i] * 1e6) / 1e6}});
    }
    const auto path = output / "evaluation.json";
    std::ofstream(path.string() + ".part") << evaluation.dump(2) << "\n";
    fs::rename(path.string() + ".part", path);
    log("fold " + std::to_string(options.fold) + " (" + std::to_string(test.size()) + " ROIs): accuracy " +
        formatFixed(acc, 3) + ", AUC " + (auc ? formatFixed(*auc, 3) : std::string("undefined (one class)")));
}

} // namespace mammo::ai::coin
