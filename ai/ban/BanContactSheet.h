#pragma once
// A picture to judge blends by eye: one row per training ROI, one column per
// blender (e.g. paste | Poisson | BAN) after the normal ROI, each row on one
// grey window, labelled "SYNTHETIC" so it is never taken for a real case.
#include "BanTrainingData.h"
#include "ai/synthesis/Blender.h"

#include <opencv2/core.hpp>

#include <vector>

namespace mammo::ai::ban {

// CV_8U. Columns: the normal ROI, then blenders[i]->blend(normal, lesion, mask)
// with the blender's name on top; a row's grey window spans the minimum to the
// maximum of all its images. Throws core::Error on no samples or no blenders.
cv::Mat blendContactSheet(const std::vector<BanSample>& samples, const std::vector<const synthesis::Blender*>& blenders);

} // namespace mammo::ai::ban
