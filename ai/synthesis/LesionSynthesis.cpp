#include "LesionSynthesis.h"

#include "PasteBlender.h"
#include "core/Error.h"

namespace mammo::ai::synthesis {

namespace {

double defaultFullScale(int depth)
{
    switch (depth) {
    case CV_8U: return 255.0;
    case CV_16U: return 65535.0;
    case CV_32F: return 1.0;
    default: break;
    }
    throw core::Error("synthesis takes 8-bit, 16-bit or float grey images");
}

} // namespace

SyntheticLesion synthesizeLesion(const cv::Mat& normalImage, const LesionPatch& lesion,
                                 const PastePlacement& placement, const Blender& blender, double fullScale,
                                 int roiMarginPx)
{
    if (normalImage.empty() || normalImage.channels() != 1)
        throw core::Error("synthesis needs a single-channel grey image");
    const double scale = fullScale > 0.0 ? fullScale : defaultFullScale(normalImage.depth());
    const WarpedLesion warped = warpLesion(lesion, placement, normalImage.size(), roiMarginPx);

    cv::Mat lesionGrey;
    warped.grey.convertTo(lesionGrey, CV_32F, scale);
    const cv::Mat normalRoi = normalImage(warped.roi);

    SyntheticLesion result;
    result.roi = warped.roi;
    result.centre = placement.centre;
    result.radiusPx = lesion.radiusPx * placement.scale;
    result.lesionMask = cv::Mat::zeros(normalImage.size(), CV_8U);
    warped.mask.copyTo(result.lesionMask(warped.roi));

    result.pasted = normalImage.clone();
    cv::Mat pastedRoi = result.pasted(warped.roi);
    PasteBlender().blend(normalRoi, lesionGrey, warped.mask).convertTo(pastedRoi, normalImage.type());
    result.image = normalImage.clone();
    cv::Mat blendedRoi = result.image(warped.roi);
    blender.blend(normalRoi, lesionGrey, warped.mask).convertTo(blendedRoi, normalImage.type());
    return result;
}

} // namespace mammo::ai::synthesis
