#pragma once
// A few real mini-MIAS images for the BAN tests (MAMMO_MIAS_DIR or the build's default):
// two normal images (mdb003, mdb004) and two with masses (mdb005: two CIRC, mdb028: CIRC).
#include "ai/ban/BanTrainingData.h"
#include "ai/synthesis/LesionLibrary.h"
#include "core/MiasCatalog.h"

#include <opencv2/imgcodecs.hpp>

#include <string>
#include <vector>

namespace mammo::tests {

inline std::string miasDirectory()
{
    return core::miasDatasetDirectory(MAMMO_MIAS_DIR);
}

inline const std::vector<std::string>& banTestImages()
{
    static const std::vector<std::string> images{"mdb003", "mdb004", "mdb005", "mdb028"};
    return images;
}

// 8-bit grey, empty when the file is missing.
inline cv::Mat readMias(const std::string& reference)
{
    return cv::imread(miasDirectory() + "/" + reference + ".png", cv::IMREAD_GRAYSCALE);
}

inline ai::ban::BanTrainingData banTestData(int roiSize)
{
    ai::ban::BanTrainingDataOptions options;
    options.roiSize = roiSize;
    const auto catalog = core::MiasCatalog::fromDirectory(miasDirectory());
    return ai::ban::BanTrainingData::fromMias(catalog, miasDirectory(), banTestImages(), options);
}

} // namespace mammo::tests
