#pragma once
// Trains COIN's classifier on mini-MIAS lesion ROIs for one configuration of
// the paper's ablation (Table I and Sec. IV-B), one fold held out, with
// checkpoints so that a stopped run resumes where it was. No torch types here.
//
// The configurations (coinConfiguration presets; every field can be changed after):
//   baseline      originals only, cross-entropy (eq. 6)
//   conventional  + random flips and rotations by multiples of 90 degrees
//   adversarial   originals + positive neighbours (eq. 2), (n+, n-) = (5, 0), lambda = 0:
//                 the paper's "proposed augmentation" of Table I
//   lambda0       originals + positive and negative neighbours (eqs. 2, 3), lambda = 0
//   coin          the same with the signed graph (eq. 4, n+ = 1, n- = 4) and
//                 J = Jl + lambda Jg (eq. 7), lambda = 1: full COIN
// Adversarial neighbours of a kind enter the training set when its count (n+ or
// n-) is positive, as the paper writes "positive neighbours only, i.e. (n+, n-)
// is (5, 0)".
//
// The signed graph is built on each batch's own deep features
// (coinLossOnBatchGraph), not on the whole expanded set: a batch is half
// benign, half malignant, drawn uniformly from each class's expanded set, so
// every anchor has same-class and other-class candidates in it.
#include "SampleKind.h"

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mammo::ai::coin {

// One ROI of the training set: a lesion patch with its class and origin.
struct ClassifierSample {
    cv::Mat roi;          // one channel, any size; resampled to roiSize and normalised (normaliseRoi) by the trainer
    int label = 0;        // 0 benign, 1 malignant
    SampleKind kind = SampleKind::Original;
    std::string source;   // the image reference (an original) or what it was made from, for inspection
};

// What the trainer asks the adversarial augmentation for.
struct AugmentationRequest {
    bool positiveNeighbours = false;   // X+_c of eq. (2), for each class
    bool negativeNeighbours = false;   // X-_c of eq. (3), for each class
    std::uint32_t seed = 1;
    std::string outputDirectory;       // where the provider may leave what it wants inspected (contact sheets)
};

// Makes the adversarial neighbours of the training fold's originals (given as
// the network sees them: CV_32F, roiSize, normalised, kind Original). Returns
// the new samples only, each labelled with its class and kind.
using AugmentationProvider =
    std::function<std::vector<ClassifierSample>(const std::vector<ClassifierSample>& originals,
                                                const AugmentationRequest& request)>;

struct CoinTrainingOptions {
    std::string configuration = "coin";   // name recorded in options.json and the evaluation
    std::string dataset = "masses";       // "masses" (CIRC, SPIC, MISC) or "all" (every abnormality with coordinates)
    std::string datasetDirectory;         // mini-MIAS: Info.txt and the images
    std::string splitPath;                // resources/splits/mias-5fold.json
    int fold = 0;                         // test fold held out (1..k); 0 = train on all images, no evaluation
    std::vector<std::string> trainImages; // when set: train on the lesions of exactly these images...
    std::vector<std::string> testImages;  // ...and evaluate on these (may be empty)

    bool conventionalAugmentation = false;   // random flips and rotations by k * 90 degrees
    bool adversarialAugmentation = true;     // neighbours from the provider or augmentationDirectory
    int positiveNeighbours = 1;              // n+ of eq. (4)
    int negativeNeighbours = 4;              // n- of eq. (4)
    double lambda = 1.0;                     // lambda of eq. (7)
    double margin = 0.5;                     // m of eq. (5), cosine distance
    std::string augmentationDirectory;       // read the neighbours from here (writeAugmentedSamples) instead of a provider

    std::string network = "cpu";             // coinNetworkPreset: "cpu" or "full" (the paper's widths, for a GPU)
    int roiSize = 224;                       // the paper's 224; a multiple of 32 (smaller only for tests)
    int iterations = 250;
    int batchSize = 16;
    double learningRate = 1e-4;
    double weightDecay = 1e-4;
    std::string outputDirectory;
    int checkpointEvery = 100;
    int logEvery = 20;
    int validateEvery = 200;                 // accuracy and AUC on the held-out fold (monitoring only); 0 = never
    int threads = 0;                         // <= 0: all cores
    std::uint32_t seed = 1;
    std::string device = "cpu";              // "cpu", "cuda" or "auto"
};

// The preset of a configuration named above, with every other field at its
// default. Throws core::Error for an unknown name.
CoinTrainingOptions coinConfiguration(const std::string& name);
std::vector<std::string> coinConfigurationNames();

// Whether a configuration needs adversarial neighbours at all.
bool needsAdversarialNeighbours(const CoinTrainingOptions& options);

// Progress lines for the console.
using CoinTrainingLog = std::function<void(const std::string&)>;

// Writes to outputDirectory: options.json, train-log.csv, validation-log.csv,
// checkpoint files, augmentation/ (the neighbours used, so that a resumed run
// trains on the same set), and at the end model.pt and, when a fold is held
// out, evaluation.json: the held-out lesions with their probability of
// malignancy, the accuracy at 0.5 and the ROC AUC. A configuration that needs
// adversarial neighbours and gets neither a provider, an augmentationDirectory
// nor a previous run's augmentation/ fails with core::Error before training.
void trainCoin(const CoinTrainingOptions& options, const CoinTrainingLog& log,
               const AugmentationProvider& augmentation = {});

// Augmented samples on disk: DIR/samples.json ({"fold", "samples": [{"file",
// "label", "kind", "source"}]}) beside one 32-bit float TIFF per ROI.
// fold < 0 is not recorded.
void writeAugmentedSamples(const std::string& directory, const std::vector<ClassifierSample>& samples, int fold);
// Throws core::Error when the directory or a file is missing or malformed, or
// when it records a fold other than `fold` (neighbours made from another fold's
// originals would leak its test images into training).
std::vector<ClassifierSample> readAugmentedSamples(const std::string& directory, int fold);

} // namespace mammo::ai::coin
