#include "MammogramPreprocessor.h"

#include "ai/synthesis/BreastMask.h"

#include "core/Error.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace mammo::ai {

cv::Point2d PreparedMammogram::toModel(const cv::Point2d& input) const
{
    const double x = mirrored ? original.width - input.x : input.x;
    return {x * scaleX, input.y * scaleY};
}

cv::Point2d PreparedMammogram::toInput(const cv::Point2d& model) const
{
    const double x = model.x / scaleX;
    return {mirrored ? original.width - x : x, model.y / scaleY};
}

cv::Mat segmentBreast(const cv::Mat& grey01)
{
    // One breast segmentation for detection and synthesis (Otsu, largest component, holes filled).
    return synthesis::segmentBreastMask(grey01);
}

bool chestWallOnRight(const cv::Mat& breastMask)
{
    // On an MLO view the pectoral muscle and axilla fill the upper corner on the
    // chest-wall side while the upper corner on the nipple side is air; whole-image
    // sums fail on large breasts that fill both halves.
    const int upper = std::max(1, breastMask.rows * 45 / 100);
    const int half = breastMask.cols / 2;
    const double left = cv::countNonZero(breastMask(cv::Rect(0, 0, half, upper)));
    const double right = cv::countNonZero(breastMask(cv::Rect(half, 0, breastMask.cols - half, upper)));
    return right > left;
}

PreparedMammogram prepareMammogram(const cv::Mat& grey, double pixelSpacingMm, double modelPixelSizeMm,
                                   int sizeDivisor)
{
    if (grey.empty() || grey.channels() != 1)
        throw core::Error("the detector needs a single-channel grey image");
    if (!(pixelSpacingMm > 0.0) || !(modelPixelSizeMm > 0.0))
        throw core::Error("the detector needs the image's pixel spacing");
    cv::Mat unit;
    switch (grey.depth()) {
    case CV_8U: grey.convertTo(unit, CV_32F, 1.0 / 255.0); break;
    case CV_16U: {
        double minimum = 0.0, maximum = 0.0;
        cv::minMaxLoc(grey, &minimum, &maximum);
        grey.convertTo(unit, CV_32F, 1.0 / std::max(1.0, maximum - minimum), -minimum / std::max(1.0, maximum - minimum));
        break;
    }
    case CV_32F: unit = grey; break;
    default: throw core::Error("the detector takes 8-bit, 16-bit or float grey images");
    }

    PreparedMammogram prepared;
    prepared.original = grey.size();
    const double factor = pixelSpacingMm / modelPixelSizeMm;
    const int width = std::max(sizeDivisor, int(std::lround(grey.cols * factor)));
    const int height = std::max(sizeDivisor, int(std::lround(grey.rows * factor)));
    cv::Mat resampled;
    cv::resize(unit, resampled, cv::Size(width, height), 0, 0, factor < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    prepared.content = resampled.size();
    prepared.scaleX = double(width) / grey.cols;
    prepared.scaleY = double(height) / grey.rows;

    cv::Mat breast = segmentBreast(resampled);
    if (cv::countNonZero(breast) == 0)
        throw core::Error("no breast tissue found in the image");
    prepared.mirrored = chestWallOnRight(breast);
    if (prepared.mirrored) {
        cv::flip(resampled, resampled, 1);
        cv::flip(breast, breast, 1);
    }
    cv::Scalar mean, deviation;
    cv::meanStdDev(resampled, mean, deviation, breast);
    cv::Mat tissue = cv::Mat::zeros(resampled.size(), CV_32F);
    resampled.copyTo(tissue, breast);
    tissue = (tissue - mean[0]) / std::max(1e-3, deviation[0]);

    const int paddedWidth = (width + sizeDivisor - 1) / sizeDivisor * sizeDivisor;
    const int paddedHeight = (height + sizeDivisor - 1) / sizeDivisor * sizeDivisor;
    const double background = -mean[0] / std::max(1e-3, deviation[0]);
    prepared.background = float(background);
    cv::copyMakeBorder(tissue, prepared.image, 0, paddedHeight - height, 0, paddedWidth - width,
                       cv::BORDER_CONSTANT, background);
    cv::copyMakeBorder(breast, prepared.breastMask, 0, paddedHeight - height, 0, paddedWidth - width,
                       cv::BORDER_CONSTANT, 0);
    return prepared;
}

} // namespace mammo::ai
