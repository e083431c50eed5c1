#include "ResampledBlender.h"

#include "core/Error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace mammo::ai::synthesis {

ResampledBlender::ResampledBlender(const Blender& inner, double imagePixelMm, double blenderPixelMm)
    : m_inner(inner), m_scale(blenderPixelMm > 0 ? imagePixelMm / blenderPixelMm : 0.0)
{
    if (!(imagePixelMm > 0) || !(blenderPixelMm > 0))
        throw core::Error("resampled blending needs positive pixel sizes");
}

cv::Mat ResampledBlender::blend(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi) const
{
    // Within 2 %, resampling would only blur: blend as given.
    if (std::abs(m_scale - 1.0) < 0.02)
        return m_inner.blend(normalRoi, lesionRoi, maskRoi);
    cv::Mat normal, lesion;
    prepareBlendInputs(normalRoi, lesionRoi, maskRoi, normal, lesion);
    const cv::Size size(std::max(8, int(std::lround(normal.cols * m_scale))),
                        std::max(8, int(std::lround(normal.rows * m_scale))));
    // Area averaging when shrinking (no aliasing of the tissue's texture), cubic when enlarging.
    const int shrinkOrGrow = m_scale < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC;
    cv::Mat smallNormal, smallLesion, smallMask;
    cv::resize(normal, smallNormal, size, 0, 0, shrinkOrGrow);
    cv::resize(lesion, smallLesion, size, 0, 0, shrinkOrGrow);
    cv::Mat mask8;
    maskRoi.convertTo(mask8, CV_8U);
    cv::resize(mask8 > 0, smallMask, size, 0, 0, cv::INTER_AREA);
    // A pixel is lesion when at least half of what it covers is; a lesion smaller
    // than that keeps every pixel it touches, so it is never lost.
    cv::Mat halfCovered = smallMask >= 128;
    smallMask = cv::countNonZero(halfCovered) > 0 ? halfCovered : cv::Mat(smallMask > 0);

    const cv::Mat blended = m_inner.blend(smallNormal, smallLesion, smallMask);
    cv::Mat change = blended - smallNormal, fullChange;
    cv::resize(change, fullChange, normal.size(), 0, 0, cv::INTER_LINEAR);
    return normal + fullChange;
}

} // namespace mammo::ai::synthesis
