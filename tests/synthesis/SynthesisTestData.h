#pragma once
// mini-MIAS images for the synthesis tests, from MAMMO_MIAS_DIR or the build's default.
#include "core/MiasCatalog.h"

#include <opencv2/imgcodecs.hpp>

#include <string>

namespace mammo::tests {

inline std::string miasDirectory()
{
    return core::miasDatasetDirectory(MAMMO_MIAS_DIR);
}

// 8-bit grey, empty when the file is missing.
inline cv::Mat readMias(const std::string& reference)
{
    return cv::imread(miasDirectory() + "/" + reference + ".png", cv::IMREAD_GRAYSCALE);
}

} // namespace mammo::tests
