#pragma once
// One interface for every way of merging a lesion into normal tissue: plain
// paste, Poisson image editing, and (in mammo_ai) the BAN generator.
#include <opencv2/core.hpp>

#include <string>

namespace mammo::ai::synthesis {

class Blender {
public:
    virtual ~Blender() = default;

    // Short, stable, for file names and reports: "paste", "poisson-mixed", ...
    virtual std::string name() const = 0;

    // normalRoi, lesionRoi: one size, single channel, 8-bit, 16-bit or float,
    // in one grey scale (the lesion already in the normal image's units);
    // maskRoi: CV_8U of that size, nonzero on the lesion. Returns CV_32F in
    // the same grey scale, not clamped. Throws core::Error on mismatched input.
    virtual cv::Mat blend(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi) const = 0;

    // The pixel size (mm) the blender was made for, 0 when it works at any (paste,
    // Poisson); a learnt blender is run at its own through ResampledBlender.
    virtual double pixelSizeMm() const { return 0.0; }
};

// Checks the three inputs and converts the two grey images to CV_32F (values kept).
void prepareBlendInputs(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi,
                        cv::Mat& normal32, cv::Mat& lesion32);

} // namespace mammo::ai::synthesis
