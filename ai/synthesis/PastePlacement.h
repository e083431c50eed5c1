#pragma once
// Where and how a lesion goes into a target image, and the lesion warped there.
#include "LesionPatch.h"

#include <opencv2/core.hpp>

namespace mammo::ai::synthesis {

struct PastePlacement {
    cv::Point2d centre;        // where the lesion's centre lands, target pixels
    double scale = 1.0;        // target pixels per patch pixel
    double rotationDeg = 0.0;  // counter-clockwise on screen, about the lesion's centre
};

// The lesion in the target's geometry, cut to the region it touches.
struct WarpedLesion {
    cv::Rect roi;    // in the target image; the footprint of the patch plus the margin, clipped
    cv::Mat grey;    // CV_32F roi-sized, the patch's [0, 1] grey (bilinear; replicated past its edge)
    cv::Mat mask;    // CV_8U roi-sized, 255 on the lesion (bilinear then >= 0.5, so edges stay smooth)
};

// Patch pixels -> target pixels.
cv::Matx23d placementTransform(const LesionPatch& lesion, const PastePlacement& placement);

// Throws core::Error on an invalid lesion or scale, or when the lesion lands
// wholly outside a target of `targetSize`.
WarpedLesion warpLesion(const LesionPatch& lesion, const PastePlacement& placement, cv::Size targetSize,
                        int marginPx = 0);

// The same into a given region of the target (e.g. a fixed-size crop around
// the paste site for the BAN generator); the lesion may reach past its edge.
WarpedLesion warpLesion(const LesionPatch& lesion, const PastePlacement& placement, cv::Rect roi);

// The farthest mask pixel from the lesion's centre, in patch pixels: the
// radius of the disc the lesion covers at any rotation.
double lesionExtentPx(const LesionPatch& lesion);

} // namespace mammo::ai::synthesis
