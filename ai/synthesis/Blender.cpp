#include "Blender.h"

#include "core/Error.h"

namespace mammo::ai::synthesis {

namespace {

cv::Mat asFloat(const cv::Mat& image, const char* what)
{
    if (image.empty() || image.channels() != 1)
        throw core::Error(std::string("blending: the ") + what + " must be a single-channel grey image");
    const int depth = image.depth();
    if (depth != CV_8U && depth != CV_16U && depth != CV_32F)
        throw core::Error(std::string("blending: the ") + what + " must be 8-bit, 16-bit or float");
    cv::Mat converted;
    image.convertTo(converted, CV_32F);
    return converted;
}

} // namespace

void prepareBlendInputs(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi,
                        cv::Mat& normal32, cv::Mat& lesion32)
{
    normal32 = asFloat(normalRoi, "normal image");
    lesion32 = asFloat(lesionRoi, "lesion image");
    if (lesion32.size() != normal32.size())
        throw core::Error("blending: the lesion and the normal image differ in size");
    if (maskRoi.type() != CV_8UC1 || maskRoi.size() != normal32.size())
        throw core::Error("blending: the mask must be an 8-bit image of the region's size");
}

} // namespace mammo::ai::synthesis
