#pragma once
// Poisson image editing (Pérez et al. 2003), our own solver: inside the mask the
// result's gradient follows a guidance field, on its boundary it equals the
// normal image. The mask is cleared on the region's outermost pixel ring so
// every unknown has its four neighbours.
#include "Blender.h"
#include "PoissonSolver.h"

namespace mammo::ai::synthesis {

enum class GuidanceField {
    Mixed,     // the larger gradient of normal and lesion, pixel by pixel (the paper's PIE baseline)
    Imported,  // the lesion's gradient only ("seamless cloning")
};

class PoissonBlender final : public Blender {
public:
    explicit PoissonBlender(GuidanceField guidance = GuidanceField::Mixed, PoissonSolverOptions options = {})
        : m_guidance(guidance), m_options(options) {}

    std::string name() const override;   // "poisson-mixed" or "poisson-import"
    cv::Mat blend(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi) const override;
    // The same, with the solver's report.
    cv::Mat blend(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi,
                  PoissonSolveReport* report) const;

    GuidanceField guidance() const { return m_guidance; }

private:
    GuidanceField m_guidance;
    PoissonSolverOptions m_options;
};

} // namespace mammo::ai::synthesis
