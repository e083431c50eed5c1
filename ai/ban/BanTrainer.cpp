#include "BanTrainer.h"

#include "BanGenerator.h"
#include "BanLosses.h"
#include "BanModelFile.h"
#include "PatchDiscriminator.h"
#include "core/Error.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace mammo::ai::ban {

namespace fs = std::filesystem;

namespace {

struct Checkpoint {
    fs::path directory;
    fs::path generator() const { return directory / "checkpoint-generator.pt"; }
    fs::path discriminator() const { return directory / "checkpoint-discriminator.pt"; }
    fs::path generatorOptimizer() const { return directory / "checkpoint-generator-optimizer.pt"; }
    fs::path discriminatorOptimizer() const { return directory / "checkpoint-discriminator-optimizer.pt"; }
    fs::path state() const { return directory / "checkpoint.json"; }
};

torch::Device deviceNamed(const std::string& name)
{
    const bool cuda = torch::cuda::is_available();
    if (name == "cpu" || (name == "auto" && !cuda))
        return torch::kCPU;
    if (name == "cuda" || name == "auto") {
        if (!cuda)
            throw core::Error("CUDA was asked for but LibTorch sees no CUDA GPU on this machine");
        return torch::kCUDA;
    }
    throw core::Error("unknown device \"" + name + "\" (cpu, cuda or auto)");
}

// CV_32F (or CV_8U masks, to 0 / 1) images of one size -> [N, 1, H, W] float on the device.
torch::Tensor stack(const std::vector<cv::Mat>& images, torch::Device device)
{
    const int rows = images.front().rows, cols = images.front().cols;
    auto batch = torch::empty({std::int64_t(images.size()), 1, rows, cols}, torch::kFloat);
    for (std::size_t i = 0; i < images.size(); ++i) {
        cv::Mat image;
        images[i].convertTo(image, CV_32F, images[i].depth() == CV_8U ? 1.0 / 255.0 : 1.0);
        if (image.rows != rows || image.cols != cols)
            throw core::Error("BAN training: the ROIs of a batch differ in size");
        std::memcpy(batch[std::int64_t(i)].data_ptr<float>(), image.ptr<float>(), sizeof(float) * std::size_t(rows * cols));
    }
    return batch.to(device);
}

struct BatchTensors {
    torch::Tensor normal, lesion, pasted, mask, real;
};

BatchTensors toTensors(const std::vector<BanSample>& samples, torch::Device device)
{
    if (samples.empty())
        throw core::Error("BAN training: an empty batch");
    std::array<std::vector<cv::Mat>, 5> parts;
    for (const BanSample& s : samples) {
        parts[0].push_back(s.normal);
        parts[1].push_back(s.lesion);
        parts[2].push_back(s.pasted);
        parts[3].push_back(s.mask);
        parts[4].push_back(s.real);
    }
    return {stack(parts[0], device), stack(parts[1], device), stack(parts[2], device), stack(parts[3], device),
            stack(parts[4], device)};
}

std::string fixed(double value, int decimals = 4)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// After a resume, log rows of iterations after the checkpoint would appear twice.
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

} // namespace

struct BanTrainer::State {
    BanTrainingOptions options;
    const BanTrainingData& data;
    BanMethod method;
    torch::Device device;
    BanGenerator generator{nullptr};
    PatchDiscriminator discriminator{nullptr};
    std::unique_ptr<torch::optim::Adam> generatorOptimizer, discriminatorOptimizer;
    Checkpoint checkpoint;
    int iteration = 0;
    double secondsBefore = 0.0;   // training time of the runs before this one
    double seconds = 0.0;         // training time up to `iteration`, for the checkpoint
    bool resumed = false;

    State(BanTrainingOptions o, const BanTrainingData& d)
        : options(std::move(o)), data(d), method(banMethodFromName(options.method)), device(deviceNamed(options.device)),
          checkpoint{options.outputDirectory}
    {
    }

    // The noise of one iteration's generator input (no_prior, vanilla_gan): a function of seed and iteration.
    std::uint64_t noiseSeed(std::int64_t at) const { return options.seed * 1000003ull + std::uint64_t(at); }
};

BanTrainer::BanTrainer(BanTrainingOptions options, const BanTrainingData& data)
{
    if (options.iterations < 0 || options.batchSize <= 0 || options.checkpointEvery <= 0 || options.logEvery <= 0
        || !(options.learningRate > 0.0) || options.lambdaPrior < 0.0)
        throw core::Error("BAN training: iterations, batch size, intervals, learning rate and lambda_p must be positive");
    if (options.outputDirectory.empty())
        throw core::Error("BAN training needs an output directory");
    if (options.threads > 0)
        at::set_num_threads(options.threads);
    m_state = std::make_unique<State>(std::move(options), data);
    State& s = *m_state;
    const BanGeneratorOptions generatorOptions = banGeneratorPreset(s.options.preset, s.method);
    if (data.roiSize() % (1 << (int(generatorOptions.widths.size()) - 1)) != 0)
        throw core::Error("BAN training: the ROI size does not suit the generator's poolings");
    torch::manual_seed(s.options.seed);
    s.generator = BanGenerator(generatorOptions);
    s.discriminator = PatchDiscriminator(patchDiscriminatorPreset(s.options.preset));
    s.generator->to(s.device);
    s.discriminator->to(s.device);
    auto adam = [&](const std::vector<torch::Tensor>& parameters) {
        return std::make_unique<torch::optim::Adam>(
            parameters,
            torch::optim::AdamOptions(s.options.learningRate).betas({s.options.beta1, s.options.beta2}));
    };
    s.generatorOptimizer = adam(s.generator->parameters());
    s.discriminatorOptimizer = adam(s.discriminator->parameters());

    fs::create_directories(s.options.outputDirectory);
    if (!s.options.resume || !fs::exists(s.checkpoint.state()))
        return;
    std::ifstream in(s.checkpoint.state());
    const auto state = nlohmann::json::parse(in);
    if (state.value("method", "") != s.options.method || state.value("preset", "") != s.options.preset
        || state.value("roi_size", 0) != data.roiSize())
        throw core::Error("the checkpoint in " + s.options.outputDirectory
                          + " is of another method, preset or ROI size: choose another output directory");
    s.iteration = state.at("iteration").get<int>();
    s.secondsBefore = state.value("seconds", 0.0);
    s.seconds = s.secondsBefore;
    torch::load(s.generator, s.checkpoint.generator().string());
    torch::load(s.discriminator, s.checkpoint.discriminator().string());
    torch::load(*s.generatorOptimizer, s.checkpoint.generatorOptimizer().string());
    torch::load(*s.discriminatorOptimizer, s.checkpoint.discriminatorOptimizer().string());
    s.generator->to(s.device);
    s.discriminator->to(s.device);
    s.resumed = true;
}

BanTrainer::~BanTrainer() = default;

int BanTrainer::iteration() const
{
    return m_state->iteration;
}

void BanTrainer::saveCheckpoint() const
{
    const State& s = *m_state;
    torch::save(s.generator, s.checkpoint.generator().string());
    torch::save(s.discriminator, s.checkpoint.discriminator().string());
    torch::save(*s.generatorOptimizer, s.checkpoint.generatorOptimizer().string());
    torch::save(*s.discriminatorOptimizer, s.checkpoint.discriminatorOptimizer().string());
    const nlohmann::json state{{"iteration", s.iteration}, {"method", s.options.method}, {"preset", s.options.preset},
                               {"roi_size", s.data.roiSize()}, {"seed", s.options.seed}, {"seconds", s.seconds}};
    // The state names the iteration the weight files hold: written last, renamed into place.
    std::ofstream(s.checkpoint.state().string() + ".part") << state.dump() << "\n";
    fs::rename(s.checkpoint.state().string() + ".part", s.checkpoint.state());
}

void BanTrainer::saveModel(const std::string& path) const
{
    const State& s = *m_state;
    BanModel model{s.generator, s.options.preset, s.method, s.data.roiSize()};
    saveBanModel(model, path);
}

BanLossValues BanTrainer::evaluate(const std::vector<BanSample>& samples)
{
    State& s = *m_state;
    torch::NoGradGuard noGrad;
    s.generator->eval();
    s.discriminator->eval();
    const BatchTensors t = toTensors(samples, s.device);
    const auto fake = s.generator->forward(generatorInput(s.method, t.normal, t.pasted, t.mask, s.noiseSeed(-1)));
    const auto realLogits = s.discriminator->forward(t.real);
    const auto fakeLogits = s.discriminator->forward(fake);
    const GeneratorLoss g = generatorLoss(s.method, fakeLogits, fake, t.normal, t.lesion, t.mask, s.options.lambdaPrior);
    BanLossValues values;
    values.discriminator = discriminatorLoss(realLogits, fakeLogits).item<double>();
    values.adversarial = g.adversarial.item<double>();
    values.shape = g.shape.item<double>();
    values.background = g.background.item<double>();
    values.realProbability = PatchDiscriminatorImpl::averagedProbability(realLogits).mean().item<double>();
    values.fakeProbability = PatchDiscriminatorImpl::averagedProbability(fakeLogits).mean().item<double>();
    s.generator->train();
    s.discriminator->train();
    return values;
}

void BanTrainer::run(const BanTrainingLog& log)
{
    State& s = *m_state;
    auto say = [&](const std::string& line) {
        if (log)
            log(line);
    };
    const fs::path trainLog = fs::path(s.options.outputDirectory) / "train-log.csv";
    if (s.resumed) {
        say("resumed at iteration " + std::to_string(s.iteration));
        keepRowsUpTo(trainLog, s.iteration);
        s.resumed = false;
    } else if (s.iteration == 0) {
        std::ofstream(trainLog) << "iteration,discriminator,adversarial,shape,background,d_real,d_fake,seconds\n";
    }
    say("BAN training: method " + s.options.method + ", preset " + s.options.preset + ", ROI "
        + std::to_string(s.data.roiSize()) + ", batch " + std::to_string(s.options.batchSize) + ", lambda_p "
        + fixed(s.options.lambdaPrior, 1) + ", " + std::to_string(s.data.normalCount()) + " normal images, "
        + std::to_string(s.data.lesionCount()) + " lesions, " + std::to_string(s.data.realCount()) + " real masses, on "
        + (s.device.is_cuda() ? "CUDA" : "CPU"));

    s.secondsBefore = s.seconds;
    const auto start = std::chrono::steady_clock::now();
    auto seconds = [&] {
        return s.secondsBefore + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    std::array<double, 6> sums{};
    int summed = 0;
    s.generator->train();
    s.discriminator->train();
    while (s.iteration < s.options.iterations) {
        const BatchTensors t = toTensors(s.data.batch(s.options.seed, s.iteration, s.options.batchSize), s.device);
        const auto fake = s.generator->forward(generatorInput(s.method, t.normal, t.pasted, t.mask, s.noiseSeed(s.iteration)));

        // Discriminator: real mass ROIs against the generator's blends.
        const auto realLogits = s.discriminator->forward(t.real);
        const auto fakeLogitsForD = s.discriminator->forward(fake.detach());
        const auto dLoss = discriminatorLoss(realLogits, fakeLogitsForD);
        s.discriminatorOptimizer->zero_grad();
        dLoss.backward();
        s.discriminatorOptimizer->step();

        // Generator: fool the updated discriminator, keep the prior.
        const auto fakeLogits = s.discriminator->forward(fake);
        const GeneratorLoss g = generatorLoss(s.method, fakeLogits, fake, t.normal, t.lesion, t.mask, s.options.lambdaPrior);
        s.generatorOptimizer->zero_grad();
        g.total.backward();
        s.generatorOptimizer->step();
        ++s.iteration;

        const std::array<double, 6> values{dLoss.item<double>(), g.adversarial.item<double>(), g.shape.item<double>(),
                                           g.background.item<double>(),
                                           PatchDiscriminatorImpl::averagedProbability(realLogits).mean().item<double>(),
                                           PatchDiscriminatorImpl::averagedProbability(fakeLogitsForD).mean().item<double>()};
        for (std::size_t i = 0; i < values.size(); ++i)
            sums[i] += values[i];
        ++summed;
        if (s.iteration % s.options.logEvery == 0 || s.iteration == s.options.iterations) {
            std::ofstream out(trainLog, std::ios::app);
            out << s.iteration;
            for (double sum : sums)
                out << "," << sum / summed;
            out << "," << fixed(seconds(), 1) << "\n";
            say("iteration " + std::to_string(s.iteration) + "/" + std::to_string(s.options.iterations) + "  D "
                + fixed(sums[0] / summed) + "  G adv " + fixed(sums[1] / summed) + "  LS " + fixed(sums[2] / summed, 6)
                + "  LB " + fixed(sums[3] / summed, 6) + "  D(real) " + fixed(sums[4] / summed, 3) + "  D(fake) "
                + fixed(sums[5] / summed, 3) + "  (" + fixed(seconds(), 0) + " s)");
            sums.fill(0.0);
            summed = 0;
        }
        if (s.iteration % s.options.checkpointEvery == 0 || s.iteration == s.options.iterations) {
            s.seconds = seconds();
            saveCheckpoint();
        }
    }
    const auto model = (fs::path(s.options.outputDirectory) / "model.pt").string();
    saveModel(model);
    say("saved " + model + " after " + fixed(seconds(), 0) + " s of training");
}

} // namespace mammo::ai::ban
