#pragma once
// Trains a BAN generator and its patch discriminator (paper Sec. 2.2) on ROI
// crops (BanTrainingData) with Adam, alternating one discriminator and one
// generator step per iteration, as the method asks (ban, no_prior,
// vanilla_gan). Checkpoints every N iterations; a new trainer on the same
// output directory resumes where the last one stopped and draws the same
// batches, so a run stopped mid-way ends as an uninterrupted one would.
// No torch types here (for tools/ and app/).
#include "BanTrainingData.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mammo::ai::ban {

struct BanTrainingOptions {
    std::string method = "ban";     // banMethodFromName: ban | no_prior | vanilla_gan
    std::string preset = "cpu";     // banGeneratorPreset and patchDiscriminatorPreset: cpu | full
    int iterations = 2000;
    int batchSize = 4;
    double learningRate = 2e-4;     // Adam for both networks; rate and betas as pix2pix [7]
    double beta1 = 0.5;
    double beta2 = 0.999;
    double lambdaPrior = 100.0;     // lambda_p of eq. 1 (the paper gives no value; pix2pix weighs its L1 by 100)
    std::uint64_t seed = 1;         // weights, batches and input noise
    std::string outputDirectory;    // checkpoint files, train-log.csv, and model.pt at the end
    int checkpointEvery = 100;
    int logEvery = 10;
    bool resume = true;             // continue from outputDirectory's checkpoint when there is one
    std::string device = "cpu";     // cpu | cuda | auto
    int threads = 0;                // > 0: at::set_num_threads (process-wide)
};

// Losses of one batch; prior() = LS + LB, the generator's supervised part.
struct BanLossValues {
    double discriminator = 0.0;   // 0.5 [BCE(real, 1) + BCE(fake, 0)]
    double adversarial = 0.0;     // the generator's -log D(G)
    double shape = 0.0;           // LS
    double background = 0.0;      // LB
    double realProbability = 0.0; // D's averaged output on the real ROIs
    double fakeProbability = 0.0; // ... and on the generated ones
    double prior() const { return shape + background; }
};

using BanTrainingLog = std::function<void(const std::string&)>;

class BanTrainer {
public:
    // Keeps a reference to `data`: it must outlive the trainer. With
    // options.resume and a checkpoint in outputDirectory, continues from it.
    // Throws core::Error on bad options or a checkpoint of another method,
    // preset or ROI size.
    BanTrainer(BanTrainingOptions options, const BanTrainingData& data);
    ~BanTrainer();
    BanTrainer(const BanTrainer&) = delete;
    BanTrainer& operator=(const BanTrainer&) = delete;

    // Trains up to options.iterations: progress and losses every logEvery
    // iterations to `log` and train-log.csv, checkpoints every checkpointEvery
    // and at the end, then writes outputDirectory/model.pt.
    void run(const BanTrainingLog& log = {});

    int iteration() const;   // iterations done (after a resume, including the earlier run's)
    // The losses on fixed samples, without updating anything.
    BanLossValues evaluate(const std::vector<BanSample>& samples);
    // The generator as a model file (saveBanModel).
    void saveModel(const std::string& path) const;
    void saveCheckpoint() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace mammo::ai::ban
