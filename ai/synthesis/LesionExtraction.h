#pragma once
// Making lesion patches: cut around an annotated circle (mini-MIAS) with the
// mask refined by segmentation, or import an image with its mask.
#include "LesionPatch.h"

#include <opencv2/core.hpp>

#include <string>

namespace mammo::ai::synthesis {

struct LesionExtractionOptions {
    // Crop half-size = radius * (1 + marginFactor) + marginPx: the blender
    // needs the tissue around the lesion for its gradients.
    double marginFactor = 0.25;
    int marginPx = 8;
    // A segmentation smaller than this fraction of the disc is degenerate.
    double minAreaFraction = 0.15;
};

// 8-bit, 16-bit (full range) or float [0, 1] grey -> CV_32F fraction of full scale.
// Throws core::Error on an empty, multi-channel or other image.
cv::Mat toUnitGrey(const cv::Mat& image);

// The lesion inside the circle (centre, radius in `grey01`'s pixels), CV_8U 0/255.
// Rule: Otsu threshold of the smoothed grey values inside the disc (masses are
// denser, so brighter, than the tissue around them); opened and closed with a
// disc of radius/12; the component that contains the centre, or when the
// centre fell outside the foreground the largest component reaching within
// radius/3 of it; holes filled; clipped to the disc. Degenerate (no such
// component, area under minAreaFraction of the disc, or the centre outside
// the filled mask) -> the disc itself, and *segmented is set false.
cv::Mat segmentLesion(const cv::Mat& grey01, cv::Point2d centre, double radius, double minAreaFraction,
                      bool* segmented = nullptr);

// Crops the circle (image pixels, origin top-left) with its margin, clipped to
// the image; id/source/class/severity are left for the caller to fill.
LesionPatch extractLesion(const cv::Mat& image, cv::Point2d centre, double radius, double pixelSizeMm,
                          const LesionExtractionOptions& options = {});

// A lesion from an image file and a mask file of the same size (nonzero =
// lesion), cropped to the mask's bounding box plus the margin. Its radius is
// the mask's equivalent circle. Throws core::Error when a file cannot be read.
LesionPatch importLesion(const std::string& imagePath, const std::string& maskPath, double pixelSizeMm,
                         const LesionExtractionOptions& options = {});

} // namespace mammo::ai::synthesis
