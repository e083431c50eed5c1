#include "RoiExtraction.h"

#include "core/Error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace mammo::ai::coin {

double roiSourceSide(double radius, const RoiOptions& options)
{
    return std::max(options.minimumSide, options.contextFactor * 2.0 * radius);
}

cv::Mat extractRoi(const cv::Mat& grey, const cv::Point2d& centre, double radius, const RoiOptions& options)
{
    if (grey.empty() || grey.channels() != 1)
        throw core::Error("A lesion patch needs a one-channel grey image.");
    if (!(radius > 0) || !std::isfinite(centre.x) || !std::isfinite(centre.y))
        throw core::Error("A lesion patch needs a finite centre and a positive radius.");
    if (options.outputSize <= 0 || !(options.contextFactor > 0) || !(options.minimumSide > 0))
        throw core::Error("Lesion patch options must be positive.");

    const int out = options.outputSize;
    const double side = roiSourceSide(radius, options);
    const double scale = side / out;   // image pixels per patch pixel
    cv::Mat patch;
    if (scale > 1.0) {
        // Shrinking: cut the whole-pixel square nearest to the wanted one (at most
        // half an image pixel off, less than half a patch pixel) and average areas.
        const int whole = int(std::lround(side));
        const int x0 = int(std::lround(centre.x - whole / 2.0));
        const int y0 = int(std::lround(centre.y - whole / 2.0));
        cv::Mat square(whole, whole, grey.type(), cv::Scalar(0));
        const cv::Rect wanted(x0, y0, whole, whole);
        const cv::Rect inside = wanted & cv::Rect(0, 0, grey.cols, grey.rows);
        if (inside.area() > 0)
            grey(inside).copyTo(square(inside - wanted.tl()));
        cv::resize(square, patch, cv::Size(out, out), 0, 0, cv::INTER_AREA);
    } else {
        // Enlarging: patch pixel j's centre (j + 0.5) shows the image at
        // centre - side / 2 + (j + 0.5) * scale; OpenCV indexes pixel centres, so 0.5 less.
        const double tx = centre.x - side / 2.0 + 0.5 * scale - 0.5;
        const double ty = centre.y - side / 2.0 + 0.5 * scale - 0.5;
        const cv::Matx23d patchToImage(scale, 0, tx, 0, scale, ty);
        cv::warpAffine(grey, patch, patchToImage, cv::Size(out, out), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                       cv::BORDER_CONSTANT, cv::Scalar(0));
    }
    return patch;
}

cv::Mat extractRoi(const cv::Mat& grey, const cv::Rect2d& box, const RoiOptions& options)
{
    const cv::Point2d centre(box.x + box.width / 2.0, box.y + box.height / 2.0);
    return extractRoi(grey, centre, std::max(box.width, box.height) / 2.0, options);
}

cv::Mat normaliseRoi(const cv::Mat& patch)
{
    if (patch.empty() || patch.channels() != 1)
        throw core::Error("A lesion patch must be a one-channel grey image.");
    double range = 1.0;
    switch (patch.depth()) {
    case CV_8U: range = 255.0; break;
    case CV_16U: range = 65535.0; break;
    case CV_32F: case CV_64F: range = 1.0; break;
    default: throw core::Error("A lesion patch must be 8-bit, 16-bit or floating point.");
    }
    cv::Mat values;
    patch.convertTo(values, CV_32F, 1.0 / range);
    cv::Scalar mean, deviation;
    cv::meanStdDev(values, mean, deviation);
    if (deviation[0] < 1e-6)
        return cv::Mat::zeros(patch.size(), CV_32F);
    values.convertTo(values, CV_32F, 1.0 / deviation[0], -mean[0] / deviation[0]);
    return values;
}

int coinLabel(core::MiasSeverity severity)
{
    switch (severity) {
    case core::MiasSeverity::Benign: return 0;
    case core::MiasSeverity::Malignant: return 1;
    case core::MiasSeverity::None: break;
    }
    throw core::Error("A lesion without a severity has no benign/malignant label.");
}

std::vector<LesionRoi> miasLesionRois(const core::MiasCatalog& catalog, LesionSelection selection)
{
    std::vector<LesionRoi> rois;
    for (const core::MiasImage& image : catalog.images()) {
        for (const core::MiasAbnormality& row : image.abnormalities) {
            if (!row.circle || row.severity == core::MiasSeverity::None)
                continue;
            if (selection == LesionSelection::Masses && !core::isMiasMassClass(row.abnormalityClass))
                continue;
            LesionRoi roi;
            roi.reference = image.reference;
            roi.abnormalityClass = row.abnormalityClass;
            roi.severity = row.severity;
            roi.label = coinLabel(row.severity);
            roi.centre = cv::Point2d(row.circle->x, row.circle->y);
            roi.radius = row.circle->radius;
            rois.push_back(roi);
        }
    }
    return rois;
}

} // namespace mammo::ai::coin
