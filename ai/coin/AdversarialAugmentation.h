#pragma once
// COIN's adversarial augmentation (paper Sec. III-B.2): for each class c, new
// ROIs near the class's originals X_c, positive neighbours X+_c (eq. (2): the
// discriminator takes them for originals) and negative neighbours X-_c (eq. (3):
// it tells them apart, yet they stay close to X_c). Torch-free.
//
// Our reading of the paper, step by step:
//  - Generator: "the random noise w is utilized to corrupt selected seed points,
//    which are a number of randomly selected samples in X_c ... simply a noise
//    addition". A sample is seed + alpha * noise, the noise a smooth field (a
//    noiseGrid x noiseGrid grid of values in [-1, 1], cubic-upsampled to the ROI
//    and made zero-mean), then normalised as the originals are (normaliseRoi).
//    The paper says "all of the new sample nodes are close to the original data
//    points": alpha is solved so that the cosine distance to the seed is exactly
//    strength * reach, strength in [0, 1], reach = positiveReach * rho for
//    positives, negativeReach * rho for negatives. RACOS searches the grid
//    values and the strength (noiseGrid^2 + 1 parameters); the seed is not
//    searched, it is drawn (each original serves as seed equally often).
//  - Representation: the paper's x, d(.) and SVM act on the ROI itself. We use
//    the ROI normalised, area-downsampled to featureSize x featureSize and
//    scaled to unit length: the cosine distance of the paper is then a dot
//    product, the SVM's signed distance is O(1) so eq. (1) does not saturate,
//    and the noise (coarser than the features) is fully seen by both.
//  - Discriminator, one per neighbour kind and per batch: a linear SVM, real =
//    originals, generated = the batch's T candidates (seeds drawn at random from
//    X_c, noise and strength uniform) plus the neighbours of that kind accepted
//    so far, P_D(x; X_c, X+-_c U {x_t}); the originals are repeated, cycling
//    through X_c, until both sides have the same count ("for the data balanced").
//  - Selection, one neighbour per batch: RACOS minimises over the noise of the
//    batch's seed
//      eq. (2)  -P_D(x) + gamma max{0, r1 - min_{X+_c} d(x, x_i)}
//      eq. (3)   P_D(x) + gamma max{0, r2 - min_{X-_c} d(x, x_j)}
//                       + gamma max{0, min_{X_c} d(x, x_i) - r3}
//    with d the cosine distance 1 - cos, rho = min_{i != j} d(x_i, x_j) over X_c,
//    r1 = r2 = rho, r3 = 3 rho, T = 200, gamma = 1e-2.
//  - The paper says the hinge terms "force" the radii; with gamma = 1e-2 against
//    P_D in [0, 1] they cannot. With enforceRadii (default) a candidate that
//    breaks a radius is worse than any that keeps them all, and among those the
//    search minimises the hinges alone (feasibility first), which is the
//    paper's intent; among candidates that keep them the objective is exactly
//    eq. (2) or (3). enforceRadii = false is the literal soft penalty.
#include "Racos.h"
#include "SampleKind.h"
#include "SvmDiscriminator.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace mammo::ai::coin {

// How rho is read from a class's originals.
enum class RadiusRule {
    MinimumPairwise,       // the paper: the smallest distance between two originals (distinct ones: d > 1e-6)
    MedianNearestNeighbour // the median over originals of the distance to their nearest other original
};

struct AdversarialAugmentationOptions {
    int positivesPerOriginal = 1;  // |X+_c| = this * |X_c|
    int negativesPerOriginal = 1;  // |X-_c| = this * |X_c|
    int batchSize = 200;           // T: generated candidates per discriminator batch
    double gamma = 1e-2;           // weight of the distance hinges of eqs. (2) and (3)
    RadiusRule radiusRule = RadiusRule::MinimumPairwise;
    double rho = 0;                // > 0: this rho instead of the data's
    double r1Factor = 1.0;         // r1 = r1Factor * rho (eq. (2))
    double r2Factor = 1.0;         // r2 = r2Factor * rho (eq. (3))
    double r3Factor = 3.0;         // r3 = r3Factor * rho (eq. (3))
    // How far from its seed the generator may take a sample, in units of rho.
    // Positives: 1, so that a positive is nearer its seed than any other
    // original is (it stays on the class's manifold). Negatives: 3, eq. (3)'s r3.
    double positiveReach = 1.0;
    double negativeReach = 3.0;
    bool enforceRadii = true;      // see the header comment
    int featureSize = 32;          // side of the downsampled representation (at most the ROI's side)
    int noiseGrid = 6;             // the noise is a noiseGrid x noiseGrid field (at most featureSize)
    // C, epochs, tolerance, seed (replaced per batch); looser than SvmOptions'
    // defaults because a discriminator is trained for every neighbour.
    SvmOptions svm = {1.0, 200, 1e-3, 0};
    RacosParameters racos = {300, 20, 2, 0.95, 2, 0};   // budget, m, k, lambda, free coordinates, seed (replaced per batch)
    std::uint32_t seed = 1;        // the same seed, options and inputs give the same ROIs
};

// One generated ROI and what its selection saw.
struct GeneratedRoi {
    cv::Mat roi;                   // CV_32F, the originals' size, normalised as normaliseRoi does
    int label = 0;                 // class c
    SampleKind kind = SampleKind::PositiveNeighbour;
    int seedIndex = 0;             // the seed's index among the class's originals
    double probability = 0;        // P_D(x) under its batch's discriminator, eq. (1)
    double batchMeanProbability = 0; // mean P_D of that batch's T random candidates
    double seedDistance = 0;       // d(x, seed)
    double originalDistance = 0;   // min over X_c of d(x, x_i)
    double neighbourDistance = 0;  // min over the earlier neighbours of its kind (infinity for the first)
    double objective = 0;          // eq. (2) (to maximise) or eq. (3) (to minimise), penalties with gamma
};

struct ClassAugmentation {
    int label = 0;
    int originalCount = 0;
    double rho = 0, r1 = 0, r2 = 0, r3 = 0;
    std::vector<GeneratedRoi> positives;   // in the order they were made
    std::vector<GeneratedRoi> negatives;
};

// The representation the discriminator and the distances use: normaliseRoi,
// area-downsampled to min(featureSize, side), as one unit-length CV_32F row.
// A flat ROI gives a zero row.
cv::Mat augmentationFeature(const cv::Mat& roi, int featureSize);

// 1 - cos between two rows of augmentationFeature (unit length).
double cosineDistance(const cv::Mat& a, const cv::Mat& b);

// rho of a class's originals by the rule (their augmentationFeature rows).
// Throws std::invalid_argument with fewer than two distinct originals.
double classRadius(const std::vector<cv::Mat>& features, RadiusRule rule);

// Positive and negative neighbours of one class. rois: the class's originals,
// one channel, square, all of one size (8-bit, 16-bit or float, as
// normaliseRoi takes them). Throws std::invalid_argument on bad input or
// options (a flat ROI, fewer than two distinct ROIs, sizes that differ).
ClassAugmentation augmentClass(const std::vector<cv::Mat>& rois, int label,
                               const AdversarialAugmentationOptions& options = {});

// Every class of labels in ascending order, each on its own originals, each
// with its own random stream (the result for a class does not depend on the others).
std::vector<ClassAugmentation> augmentClasses(const std::vector<cv::Mat>& rois, const std::vector<int>& labels,
                                              const AdversarialAugmentationOptions& options = {});

struct ContactSheetOptions {
    int tileSize = 112;            // pixels of one ROI on the sheet
    int captionHeight = 16;        // text strip above each tile
    int gap = 4;                   // between tiles and around the sheet
    int headerHeight = 24;         // the class line at the top
    int maxRows = 40;              // originals shown, at most
};

// The sheet of one class: a header line, then one row per original (the first
// maxRows), columns original | its positives | its negatives, each tile
// captioned (kind, P_D, distance to the seed). 8-bit BGR of
//   width  = gap + columns * (tileSize + gap),  columns = 1 + max positives + max negatives of one original
//   height = headerHeight + rows * (captionHeight + tileSize + gap) + gap.
cv::Mat renderContactSheet(const std::vector<cv::Mat>& rois, const ClassAugmentation& augmentation,
                           const ContactSheetOptions& options = {});

// renderContactSheet written as a PNG; throws std::runtime_error when it cannot be written.
void writeContactSheet(const std::string& path, const std::vector<cv::Mat>& rois,
                       const ClassAugmentation& augmentation, const ContactSheetOptions& options = {});

// One sheet per class, directory/adversarial-augmentation-class<c>.png; returns the paths.
std::vector<std::string> writeContactSheets(const std::string& directory, const std::vector<cv::Mat>& rois,
                                            const std::vector<int>& labels,
                                            const std::vector<ClassAugmentation>& augmentations,
                                            const ContactSheetOptions& options = {});

} // namespace mammo::ai::coin
