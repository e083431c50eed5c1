#include "PoissonBlender.h"

#include "PoissonGuidance.h"

namespace mammo::ai::synthesis {

std::string PoissonBlender::name() const
{
    return m_guidance == GuidanceField::Mixed ? "poisson-mixed" : "poisson-import";
}

cv::Mat PoissonBlender::blend(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi) const
{
    return blend(normalRoi, lesionRoi, maskRoi, nullptr);
}

cv::Mat PoissonBlender::blend(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi,
                              PoissonSolveReport* report) const
{
    cv::Mat normal, lesion;
    prepareBlendInputs(normalRoi, lesionRoi, maskRoi, normal, lesion);
    cv::Mat domain = maskRoi != 0;
    if (domain.rows > 0 && domain.cols > 0) {
        domain.row(0).setTo(0);
        domain.row(domain.rows - 1).setTo(0);
        domain.col(0).setTo(0);
        domain.col(domain.cols - 1).setTo(0);
    }
    cv::Mat gx, gy;
    if (m_guidance == GuidanceField::Mixed)
        mixedGuidance(normal, lesion, gx, gy);
    else
        forwardGradient(lesion, gx, gy);
    return solvePoisson(normal, guidanceDivergence(gx, gy), domain, m_options, report);
}

} // namespace mammo::ai::synthesis
