#pragma once
// What a lesion picker shows: a small 8-bit picture and a one-line label.
#include "LesionPatch.h"

#include <opencv2/core.hpp>

#include <string>

namespace mammo::ai::synthesis {

// CV_8U size x size: the patch fitted inside (aspect kept, centred, black
// padding), contrast stretched between its 1st and 99th percentiles; with
// `outline` the mask's contour is drawn in white.
cv::Mat lesionThumbnail(const LesionPatch& lesion, int size = 96, bool outline = true);

// "benign 14 mm" (severity and diameter of the annotated circle, rounded to a millimetre).
std::string lesionLabel(const LesionPatch& lesion);

} // namespace mammo::ai::synthesis
