#pragma once
// Prepares a mammogram for the detector: resampled to the model's pixel size,
// breast segmented (labels, film border and background removed), mirrored so
// the chest wall is on the left, normalised over the breast, padded.
#include <opencv2/core.hpp>

namespace mammo::ai {

struct PreparedMammogram {
    cv::Mat image;        // CV_32F, zero mean and unit variance over the breast
    cv::Mat breastMask;   // CV_8U, 255 inside the breast; same size as image
    cv::Size content;     // the resampled image inside the padding
    cv::Size original;    // the input's size
    double scaleX = 1.0;  // model pixels per input pixel
    double scaleY = 1.0;
    bool mirrored = false;
    float background = 0.0f;   // the value outside the breast (and in the padding)

    cv::Point2d toModel(const cv::Point2d& input) const;
    cv::Point2d toInput(const cv::Point2d& model) const;
};

// grey: CV_8U, CV_16U (full range used) or CV_32F in [0, 1]; brighter = denser,
// as displayed. Throws core::Error on an empty or unsupported image.
PreparedMammogram prepareMammogram(const cv::Mat& grey, double pixelSpacingMm, double modelPixelSizeMm,
                                   int sizeDivisor);

// The breast: the largest bright region, opened so thin labels detach, holes filled.
cv::Mat segmentBreast(const cv::Mat& grey01);

// True when the chest wall is on the right (more tissue in the upper right half).
bool chestWallOnRight(const cv::Mat& breastMask);

} // namespace mammo::ai
