#pragma once
#include <opencv2/core/types.hpp>

#include <vector>

namespace mammo::ai {

// One mass the detector found, in the input image's pixel coordinates
// (continuous: (0, 0) is the top-left corner of the first pixel).
struct Detection {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double score = 0;                       // P(mass) from the box classifier
    std::vector<cv::Point2d> contour;       // outline of the mask (closed polygon)
};

} // namespace mammo::ai
