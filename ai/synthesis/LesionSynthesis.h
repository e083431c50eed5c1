#pragma once
// A synthetic lesion in a whole normal image: warp the lesion to its placement,
// blend it in the region it touches, and give the ground truth with it.
#include "Blender.h"
#include "LesionPatch.h"
#include "PastePlacement.h"

#include <opencv2/core.hpp>

namespace mammo::ai::synthesis {

struct SyntheticLesion {
    cv::Mat image;        // the normal image with the lesion blended; the input's type and size
    cv::Mat pasted;       // the normal image with the lesion pasted (the BAN generator's second input)
    cv::Mat lesionMask;   // CV_8U image-sized, 255 on the lesion: the ground-truth mask
    cv::Rect roi;         // the region that may differ from the normal image
    cv::Point2d centre;   // the ground-truth circle, image pixels
    double radiusPx = 0.0;
};

// normalImage: 8-bit, 16-bit or float grey. The lesion's [0, 1] grey is
// multiplied by fullScale (0: 255 for 8-bit, 65535 for 16-bit, 1 for float;
// give 4095 for a 12-bit image stored in 16 bits). The region is the warped
// patch's footprint plus roiMarginPx; results are saturated to the input type.
// Throws core::Error on bad input or a lesion placed outside the image.
SyntheticLesion synthesizeLesion(const cv::Mat& normalImage, const LesionPatch& lesion,
                                 const PastePlacement& placement, const Blender& blender, double fullScale = 0.0,
                                 int roiMarginPx = 8);

} // namespace mammo::ai::synthesis
