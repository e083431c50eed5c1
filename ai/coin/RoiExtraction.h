#pragma once
// COIN's input: a square patch around one lesion, resampled to 224 x 224
// (paper Sec. III-A: "each ROI contains only one mass cropped and resized into
// the fixed size H x W ... both equal to 224"), and the mini-MIAS lesions to
// cut it around. Torch-free: training, augmentation and inference share it.
//
// Coordinates are continuous image pixels, (0, 0) the top-left corner of the
// first pixel, as for ai::Detection; a mini-MIAS circle is read the same way,
// as the detector's ground truth reads it.
#include "core/MiasCatalog.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace mammo::ai::coin {

inline constexpr int kRoiSize = 224;

struct RoiOptions {
    int outputSize = kRoiSize;
    // The square cut from the image is contextFactor lesion diameters wide: the
    // lesion fills half the patch and the other half is the surrounding tissue
    // the paper insists on (spicules, vessels). The paper gives no figure.
    double contextFactor = 2.0;
    // The square is never narrower than this many image pixels, so that a tiny
    // lesion keeps some context and is not magnified into mush: 128 pixels is
    // 25.6 mm at mini-MIAS's 0.2 mm (its smallest radius is 3 pixels).
    double minimumSide = 128.0;
};

// The side, in image pixels, of the square cut around a lesion of this radius:
// max(minimumSide, contextFactor * 2 * radius).
double roiSourceSide(double radius, const RoiOptions& options = {});

// The outputSize x outputSize patch showing the square of roiSourceSide(radius)
// centred on `centre`, of the input's type (one channel, 8-bit, 16-bit or
// float). What falls outside the image is 0, the film background. Shrinking
// averages pixel areas (no aliasing); enlarging is bilinear and keeps the
// sub-pixel centre. Throws core::Error on an empty or multi-channel image or a
// radius that is not positive.
cv::Mat extractRoi(const cv::Mat& grey, const cv::Point2d& centre, double radius, const RoiOptions& options = {});

// The same around a box (a detection, or a circle's bounding square): centred
// on the box, with radius half its longer side, so the bounding square of a
// circle gives exactly the circle's patch.
cv::Mat extractRoi(const cv::Mat& grey, const cv::Rect2d& box, const RoiOptions& options = {});

// The network's input from a patch: CV_32F, intensities scaled to [0, 1] by the
// type's range (8-bit / 16-bit; float is taken as already in [0, 1]), then
// zero mean and unit variance over the patch, so that film exposure does not
// shift the input. A flat patch gives all zeros.
cv::Mat normaliseRoi(const cv::Mat& patch);

// One lesion of mini-MIAS with its ground truth circle and COIN's label.
struct LesionRoi {
    std::string reference;                              // "mdb001"
    core::MiasClass abnormalityClass = core::MiasClass::Normal;
    core::MiasSeverity severity = core::MiasSeverity::None;
    int label = 0;                                      // 0 benign, 1 malignant (the paper's c)
    cv::Point2d centre;                                 // image pixels, y from the top
    double radius = 0;
};

enum class LesionSelection {
    Masses,            // CIRC, SPIC and MISC: the paper's task and miasMassCircles' rows
    AllAbnormalities   // every abnormal row (CALC, ARCH and ASYM too)
};

// The rows of the catalogue with coordinates and a severity, image by image in
// file order. Rows without coordinates (mdb059, the "*NOTE 3*" calcifications)
// cannot be cut and are left out.
std::vector<LesionRoi> miasLesionRois(const core::MiasCatalog& catalog, LesionSelection selection);

// 0 for benign, 1 for malignant; throws core::Error for None.
int coinLabel(core::MiasSeverity severity);

} // namespace mammo::ai::coin
