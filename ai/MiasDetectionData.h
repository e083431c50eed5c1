#pragma once
// mini-MIAS as detector training data: images prepared once, masses as
// circles, and a sampler of augmented patches (masses and breast background).
#include "DetectionTargets.h"
#include "DetectorConfig.h"
#include "Froc.h"
#include "MammogramPreprocessor.h"
#include "core/MiasCatalog.h"

#include <torch/types.h>

#include <random>
#include <string>
#include <vector>

namespace mammo::ai {

struct DetectionSample {
    std::string reference;
    PreparedMammogram prepared;
    std::vector<TruthCircle> massesInInput;   // image pixels, y from the top
    std::vector<TruthCircle> massesInModel;   // prepared-image pixels
};

// Reads and prepares the images (PNG or PGM, DIR/REFERENCE.png first). Throws
// core::Error naming a missing or unreadable file.
std::vector<DetectionSample> loadMiasSamples(const core::MiasCatalog& catalog, const std::string& directory,
                                             const std::vector<std::string>& references,
                                             const DetectorConfig& config);

struct TrainingBatch {
    torch::Tensor images;                 // [N, 1, P, P]
    std::vector<ImageTargets> targets;
};

// Square patches: a positiveFraction of them hold a mass (at a random place
// in the patch), the rest are random breast regions. Each is rescaled by a
// random factor, flipped vertically at random and jittered in brightness.
class PatchSampler {
public:
    PatchSampler(const std::vector<DetectionSample>& samples, int patchSize, double positiveFraction,
                 std::uint32_t seed);
    TrainingBatch next(int batchSize);

private:
    // A patch around `mass` (nullptr: a random breast region); the masses it shows go to `masses`.
    cv::Mat patch(const DetectionSample& sample, const TruthCircle* mass, std::vector<TruthCircle>& masses);

    const std::vector<DetectionSample>& m_samples;
    std::vector<std::pair<std::size_t, std::size_t>> m_masses;   // (sample, mass)
    int m_patchSize;
    double m_positiveFraction;
    std::mt19937 m_random;
};

} // namespace mammo::ai
