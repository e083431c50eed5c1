#include "LesionThumbnail.h"

#include "core/Error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace mammo::ai::synthesis {

namespace {

// The value below which `fraction` of the samples lie.
float percentile(std::vector<float> values, double fraction)
{
    const std::size_t index = std::min(values.size() - 1, std::size_t(fraction * double(values.size())));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(index), values.end());
    return values[index];
}

} // namespace

cv::Mat lesionThumbnail(const LesionPatch& lesion, int size, bool outline)
{
    checkLesionPatch(lesion);
    if (size < 8)
        throw core::Error("a lesion thumbnail must be at least 8 pixels wide");
    const double factor = double(size) / std::max(lesion.grey.cols, lesion.grey.rows);
    const cv::Size fitted(std::clamp(int(std::lround(lesion.grey.cols * factor)), 1, size),
                          std::clamp(int(std::lround(lesion.grey.rows * factor)), 1, size));
    cv::Mat grey, mask;
    cv::resize(lesion.grey, grey, fitted, 0, 0, factor < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::resize(lesion.mask, mask, fitted, 0, 0, cv::INTER_NEAREST);

    std::vector<float> values(grey.begin<float>(), grey.end<float>());
    const float low = percentile(values, 0.01);
    const float high = std::max(low + 1e-6f, percentile(values, 0.99));
    cv::Mat bytes;
    grey.convertTo(bytes, CV_8U, 255.0 / (high - low), -255.0 * low / (high - low));

    cv::Mat thumbnail = cv::Mat::zeros(size, size, CV_8U);
    const cv::Rect place((size - fitted.width) / 2, (size - fitted.height) / 2, fitted.width, fitted.height);
    bytes.copyTo(thumbnail(place));
    if (outline) {
        std::vector<std::vector<cv::Point>> contours;
        cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
        cv::drawContours(thumbnail(place), contours, -1, cv::Scalar(255), 1);
    }
    return thumbnail;
}

std::string lesionLabel(const LesionPatch& lesion)
{
    return lesionSeverityName(lesion.severity) + " " + std::to_string(long(std::lround(lesion.diameterMm()))) + " mm";
}

} // namespace mammo::ai::synthesis
