#pragma once
// A lesion mask as the polygon the DICOM SEG writer fills back into the same
// pixels: the outline runs along pixel edges, not through pixel centres, so
// nothing is lost on the way to the SEG (a disc of radius 30 would lose ~3 %).
#include "core/Finding.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace mammo::ai::synthesis {

// The outer boundary of the mask's largest 4-connected region (non-zero pixels),
// clockwise on screen, in image coordinates ((0,0) the top-left corner of the
// first pixel), one vertex per corner. core::cad::rasterizePolygon of it gives
// that region with its holes filled. Throws core::Error for an empty mask or one
// that is not single-channel 8-bit.
std::vector<core::ImagePoint> lesionOutline(const cv::Mat& mask);

// The lesion as a region for core::cad::SegmentationWriter: contour = lesionOutline,
// box = its bounds, no score, a finding of the synthesis algorithm (not drawn by a reader).
core::Finding lesionFinding(const cv::Mat& mask, const std::string& sopInstanceUid, const std::string& label);

} // namespace mammo::ai::synthesis
