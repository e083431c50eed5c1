#pragma once
// Where a lesion may go: the breast of a mammogram, without the film labels.
#include <opencv2/core.hpp>

namespace mammo::ai::synthesis {

// CV_8U, 255 inside the breast. Half the Otsu threshold of the smoothed image
// (keeps the faint skin line and fatty periphery), opened so thin labels and
// film edges detach, the largest component, holes filled. `grey`: 8-bit,
// 16-bit (full range) or float [0, 1], brighter = denser. Throws core::Error
// on an unsupported image; an image with no bright region gives an empty mask.
cv::Mat segmentBreastMask(const cv::Mat& grey);

} // namespace mammo::ai::synthesis
