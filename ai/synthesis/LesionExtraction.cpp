#include "LesionExtraction.h"

#include "core/Error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace mammo::ai::synthesis {

namespace {

// Pixels whose centre lies within the radius: the ground-truth disc of a circle annotation.
cv::Mat discMask(cv::Size size, cv::Point2d centre, double radius)
{
    cv::Mat disc = cv::Mat::zeros(size, CV_8U);
    const int top = std::max(0, int(std::floor(centre.y - radius)));
    const int bottom = std::min(size.height - 1, int(std::ceil(centre.y + radius)));
    for (int y = top; y <= bottom; ++y) {
        const double dy = y - centre.y;
        const double half = radius * radius - dy * dy;
        if (half < 0.0)
            continue;
        const double span = std::sqrt(half);
        const int left = std::max(0, int(std::ceil(centre.x - span)));
        const int right = std::min(size.width - 1, int(std::floor(centre.x + span)));
        if (left <= right)
            disc.row(y).colRange(left, right + 1).setTo(255);
    }
    return disc;
}

cv::Mat fillHoles(const cv::Mat& mask)
{
    // Whatever the outside cannot reach belongs to the region.
    cv::Mat outside;
    cv::copyMakeBorder(mask, outside, 1, 1, 1, 1, cv::BORDER_CONSTANT, 0);
    cv::floodFill(outside, cv::Point(0, 0), 128);
    cv::Mat filled = mask.clone();
    filled.setTo(255, outside(cv::Rect(1, 1, mask.cols, mask.rows)) == 0);
    return filled;
}

cv::Point clampedPoint(cv::Point2d point, cv::Size size)
{
    return {std::clamp(int(std::lround(point.x)), 0, size.width - 1),
            std::clamp(int(std::lround(point.y)), 0, size.height - 1)};
}

// The crop rectangle around a circle, clipped to the image.
cv::Rect cropAround(cv::Point2d centre, double halfSize, cv::Size imageSize)
{
    const int half = int(std::ceil(halfSize));
    const cv::Rect wanted(int(std::floor(centre.x)) - half, int(std::floor(centre.y)) - half, 2 * half + 1, 2 * half + 1);
    return wanted & cv::Rect(cv::Point(0, 0), imageSize);
}

} // namespace

cv::Mat toUnitGrey(const cv::Mat& image)
{
    if (image.empty() || image.channels() != 1)
        throw core::Error("a lesion needs a single-channel grey image");
    cv::Mat unit;
    switch (image.depth()) {
    case CV_8U: image.convertTo(unit, CV_32F, 1.0 / 255.0); break;
    case CV_16U: image.convertTo(unit, CV_32F, 1.0 / 65535.0); break;
    case CV_32F: unit = image.clone(); break;
    default: throw core::Error("lesion images must be 8-bit, 16-bit or float grey images");
    }
    return unit;
}

cv::Mat segmentLesion(const cv::Mat& grey01, cv::Point2d centre, double radius, double minAreaFraction,
                      bool* segmented)
{
    if (grey01.empty() || grey01.type() != CV_32FC1)
        throw core::Error("lesion segmentation needs a float grey image");
    if (!(radius > 0.0))
        throw core::Error("lesion segmentation needs a positive radius");
    const cv::Mat disc = discMask(grey01.size(), centre, radius);
    const double discArea = cv::countNonZero(disc);
    const auto fallback = [&]() {
        if (segmented)
            *segmented = false;
        return disc.clone();
    };
    if (discArea == 0)
        return fallback();

    cv::Mat smooth;
    cv::GaussianBlur(grey01, smooth, cv::Size(), std::max(1.0, radius / 20.0));
    double low = 0.0, high = 0.0;
    cv::minMaxLoc(smooth, &low, &high, nullptr, nullptr, disc);
    if (high - low < 1e-6)
        return fallback();
    cv::Mat bytes;
    smooth.convertTo(bytes, CV_8U, 255.0 / (high - low), -low * 255.0 / (high - low));

    // Otsu over the disc only: the tissue outside it must not move the threshold.
    std::vector<uchar> inside;
    inside.reserve(std::size_t(discArea));
    for (int y = 0; y < bytes.rows; ++y)
        for (int x = 0; x < bytes.cols; ++x)
            if (disc.at<uchar>(y, x))
                inside.push_back(bytes.at<uchar>(y, x));
    cv::Mat ignored;
    const double threshold = cv::threshold(cv::Mat(1, int(inside.size()), CV_8U, inside.data()), ignored, 0, 255,
                                           cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::Mat foreground = (bytes > threshold) & disc;

    const int k = std::max(1, int(std::lround(radius / 12.0)));
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * k + 1, 2 * k + 1));
    cv::morphologyEx(foreground, foreground, cv::MORPH_OPEN, kernel);
    cv::morphologyEx(foreground, foreground, cv::MORPH_CLOSE, kernel);
    foreground &= disc;

    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(foreground, labels, stats, centroids, 8, CV_32S);
    const cv::Point c = clampedPoint(centre, grey01.size());
    int chosen = labels.at<int>(c);
    if (chosen == 0) {
        const cv::Mat near = discMask(grey01.size(), centre, radius / 3.0);
        for (int label = 1; label < count; ++label) {
            if (cv::countNonZero((labels == label) & near) == 0)
                continue;
            if (chosen == 0 || stats.at<int>(label, cv::CC_STAT_AREA) > stats.at<int>(chosen, cv::CC_STAT_AREA))
                chosen = label;
        }
    }
    if (chosen == 0)
        return fallback();
    cv::Mat mask = fillHoles(labels == chosen) & disc;
    if (cv::countNonZero(mask) < minAreaFraction * discArea || mask.at<uchar>(c) == 0)
        return fallback();
    if (segmented)
        *segmented = true;
    return mask;
}

LesionPatch extractLesion(const cv::Mat& image, cv::Point2d centre, double radius, double pixelSizeMm,
                          const LesionExtractionOptions& options)
{
    const cv::Mat unit = toUnitGrey(image);
    if (!(radius > 0.0))
        throw core::Error("a lesion circle needs a positive radius");
    const cv::Rect crop = cropAround(centre, radius * (1.0 + options.marginFactor) + options.marginPx, unit.size());
    if (crop.empty() || !crop.contains(clampedPoint(centre, unit.size())) ||
        centre.x < 0 || centre.y < 0 || centre.x >= unit.cols || centre.y >= unit.rows)
        throw core::Error("the lesion circle lies outside the image");

    LesionPatch lesion;
    lesion.grey = unit(crop).clone();
    lesion.centre = centre - cv::Point2d(crop.tl());
    lesion.radiusPx = radius;
    lesion.pixelSizeMm = pixelSizeMm;
    bool segmented = false;
    lesion.mask = segmentLesion(lesion.grey, lesion.centre, radius, options.minAreaFraction, &segmented);
    lesion.maskSource = segmented ? LesionMaskSource::Segmented : LesionMaskSource::Disc;
    return lesion;
}

LesionPatch importLesion(const std::string& imagePath, const std::string& maskPath, double pixelSizeMm,
                         const LesionExtractionOptions& options)
{
    const cv::Mat image = cv::imread(imagePath, cv::IMREAD_ANYDEPTH | cv::IMREAD_GRAYSCALE);
    if (image.empty())
        throw core::Error("cannot read the lesion image " + imagePath);
    const cv::Mat maskImage = cv::imread(maskPath, cv::IMREAD_GRAYSCALE);
    if (maskImage.empty())
        throw core::Error("cannot read the lesion mask " + maskPath);
    if (maskImage.size() != image.size())
        throw core::Error("the lesion mask " + maskPath + " is not the size of its image");
    if (!(pixelSizeMm > 0.0))
        throw core::Error("an imported lesion needs its pixel size");
    const cv::Mat binary = maskImage > 0;
    const cv::Rect box = cv::boundingRect(binary);
    if (box.empty())
        throw core::Error("the lesion mask " + maskPath + " is empty");

    const cv::Moments moments = cv::moments(binary, true);
    const cv::Point2d centre(moments.m10 / moments.m00, moments.m01 / moments.m00);
    const double radius = std::sqrt(moments.m00 / CV_PI);
    const double half = 0.5 * std::max(box.width, box.height) + radius * options.marginFactor + options.marginPx;
    const cv::Rect crop = cropAround(centre, half, image.size()) | box;

    LesionPatch lesion;
    lesion.sourceImage = std::filesystem::path(imagePath).filename().string();
    lesion.grey = toUnitGrey(image)(crop).clone();
    lesion.mask = binary(crop).clone();
    lesion.centre = centre - cv::Point2d(crop.tl());
    lesion.radiusPx = radius;
    lesion.pixelSizeMm = pixelSizeMm;
    lesion.maskSource = LesionMaskSource::Imported;
    return lesion;
}

} // namespace mammo::ai::synthesis
