#pragma once
// Trains the mass detector on mini-MIAS patches with the paper's three stages
// (heads; + conv4_x/conv5_x; everything), checkpointing so a stopped run
// resumes where it was. No torch types in this header.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mammo::ai {

struct TrainingOptions {
    std::string configName = "cpu";
    std::string datasetDirectory;          // mini-MIAS: Info.txt and the images
    std::string splitPath;                 // resources/splits/mias-5fold.json
    int fold = 0;                          // test fold held out (1..k); 0 = train on all images
    std::vector<std::string> onlyImages;   // when set: train on exactly these images, test on none
    std::string syntheticDirectory;        // when set: every case of this mini-MIAS-shaped folder (synth) is added to training
    int iterations = 3000;
    int batchSize = 8;
    int patchSize = 256;
    double positiveFraction = 0.5;
    double learningRate = 1e-3;
    double weightDecay = 1e-4;
    std::vector<double> stageFractions{0.3, 0.3, 0.4};   // the paper's 30/30/40 epochs
    std::string outputDirectory;
    int checkpointEvery = 100;
    int validateEvery = 500;               // FROC on the held-out fold (monitoring only)
    int threads = 0;                       // <= 0: all cores
    std::uint32_t seed = 1;
    std::string device = "cpu";            // "cpu", "cuda" or "auto"
};

// Progress lines for the console.
using TrainingLog = std::function<void(const std::string&)>;

// Writes to outputDirectory: train-log.csv (losses per logged step),
// validation-log.csv, checkpoint files, and at the end model.pt and
// evaluation.json (the held-out fold's detections and FROC). Throws core::Error.
void trainDetector(const TrainingOptions& options, const TrainingLog& log);

} // namespace mammo::ai
