#include "PastePlacement.h"

#include "core/Error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace mammo::ai::synthesis {

cv::Matx23d placementTransform(const LesionPatch& lesion, const PastePlacement& placement)
{
    // Rotation and scale about the lesion's centre, then its centre moved to the target point.
    cv::Mat rotation = cv::getRotationMatrix2D(cv::Point2f(float(lesion.centre.x), float(lesion.centre.y)),
                                               placement.rotationDeg, placement.scale);
    cv::Matx23d transform(rotation);
    // getRotationMatrix2D takes a float centre: redo the translation in double.
    const double a = transform(0, 0), b = transform(0, 1);
    transform(0, 2) = placement.centre.x - (a * lesion.centre.x + b * lesion.centre.y);
    transform(1, 2) = placement.centre.y - (-b * lesion.centre.x + a * lesion.centre.y);
    return transform;
}

WarpedLesion warpLesion(const LesionPatch& lesion, const PastePlacement& placement, cv::Size targetSize,
                        int marginPx)
{
    checkLesionPatch(lesion);
    if (!(placement.scale > 0.0) || !std::isfinite(placement.scale))
        throw core::Error("a lesion placement needs a positive scale");
    const cv::Matx23d transform = placementTransform(lesion, placement);

    // The footprint: the transformed patch corners (pixel edges, not centres).
    const std::vector<cv::Point2d> corners = {{-0.5, -0.5},
                                              {lesion.grey.cols - 0.5, -0.5},
                                              {-0.5, lesion.grey.rows - 0.5},
                                              {lesion.grey.cols - 0.5, lesion.grey.rows - 0.5}};
    double left = 1e300, top = 1e300, right = -1e300, bottom = -1e300;
    for (const cv::Point2d& corner : corners) {
        const double x = transform(0, 0) * corner.x + transform(0, 1) * corner.y + transform(0, 2);
        const double y = transform(1, 0) * corner.x + transform(1, 1) * corner.y + transform(1, 2);
        left = std::min(left, x);
        right = std::max(right, x);
        top = std::min(top, y);
        bottom = std::max(bottom, y);
    }
    const cv::Rect footprint(cv::Point(int(std::floor(left + 0.5)) - marginPx, int(std::floor(top + 0.5)) - marginPx),
                             cv::Point(int(std::ceil(right - 0.5)) + 1 + marginPx,
                                       int(std::ceil(bottom - 0.5)) + 1 + marginPx));
    const cv::Rect roi = footprint & cv::Rect(cv::Point(0, 0), targetSize);
    if (roi.empty())
        throw core::Error("the lesion was placed outside the image");
    return warpLesion(lesion, placement, roi);
}

WarpedLesion warpLesion(const LesionPatch& lesion, const PastePlacement& placement, cv::Rect roi)
{
    checkLesionPatch(lesion);
    if (!(placement.scale > 0.0) || !std::isfinite(placement.scale))
        throw core::Error("a lesion placement needs a positive scale");
    if (roi.empty())
        throw core::Error("a lesion cannot be warped into an empty region");
    WarpedLesion warped;
    warped.roi = roi;
    cv::Matx23d shifted = placementTransform(lesion, placement);
    shifted(0, 2) -= roi.x;
    shifted(1, 2) -= roi.y;
    cv::warpAffine(lesion.grey, warped.grey, shifted, roi.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    cv::Mat maskFloat, warpedMask;
    lesion.mask.convertTo(maskFloat, CV_32F, 1.0 / 255.0);
    cv::warpAffine(maskFloat, warpedMask, shifted, roi.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0.0);
    warped.mask = warpedMask >= 0.5f;
    return warped;
}

double lesionExtentPx(const LesionPatch& lesion)
{
    checkLesionPatch(lesion);
    std::vector<cv::Point> points;
    cv::findNonZero(lesion.mask, points);
    double extent = 0.0;
    for (const cv::Point& p : points)
        extent = std::max(extent, std::hypot(p.x - lesion.centre.x, p.y - lesion.centre.y));
    return extent + 0.5;   // to the pixel's edge
}

} // namespace mammo::ai::synthesis
