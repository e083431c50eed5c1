#include "PasteBlender.h"

namespace mammo::ai::synthesis {

cv::Mat PasteBlender::blend(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi) const
{
    cv::Mat normal, lesion;
    prepareBlendInputs(normalRoi, lesionRoi, maskRoi, normal, lesion);
    lesion.copyTo(normal, maskRoi);
    return normal;
}

} // namespace mammo::ai::synthesis
