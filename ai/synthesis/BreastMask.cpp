#include "BreastMask.h"

#include "LesionExtraction.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace mammo::ai::synthesis {

cv::Mat segmentBreastMask(const cv::Mat& grey)
{
    const cv::Mat unit = toUnitGrey(grey);
    cv::Mat smooth;
    cv::GaussianBlur(unit, smooth, cv::Size(5, 5), 0);
    cv::Mat bytes;
    smooth.convertTo(bytes, CV_8U, 255.0);
    cv::Mat ignored;
    const double otsu = cv::threshold(bytes, ignored, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::Mat mask;
    cv::threshold(bytes, mask, std::max(8.0, 0.5 * otsu), 255, cv::THRESH_BINARY);
    const int radius = std::max(2, std::min(grey.rows, grey.cols) / 100);
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * radius + 1, 2 * radius + 1));
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, kernel);

    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    int largest = 0;
    for (int label = 1; label < count; ++label)
        if (largest == 0 || stats.at<int>(label, cv::CC_STAT_AREA) > stats.at<int>(largest, cv::CC_STAT_AREA))
            largest = label;
    cv::Mat breast = cv::Mat::zeros(mask.size(), CV_8U);
    if (largest == 0)
        return breast;
    breast.setTo(255, labels == largest);

    cv::Mat outside;
    cv::copyMakeBorder(breast, outside, 1, 1, 1, 1, cv::BORDER_CONSTANT, 0);
    cv::floodFill(outside, cv::Point(0, 0), 128);
    breast.setTo(255, outside(cv::Rect(1, 1, breast.cols, breast.rows)) == 0);
    return breast;
}

} // namespace mammo::ai::synthesis
