#pragma once
// Guidance fields for Poisson image editing, discretised so that
// divergence(gradient(f)) is exactly the solver's 5-point Laplacian of f.
#include <opencv2/core.hpp>

namespace mammo::ai::synthesis {

// Forward differences: gx(y, x) = f(y, x+1) - f(y, x), gy(y, x) = f(y+1, x) - f(y, x);
// zero in the last column (gx) and the last row (gy). f: CV_32F.
void forwardGradient(const cv::Mat& f, cv::Mat& gx, cv::Mat& gy);

// Mixed gradients (Pérez et al. 2003, the BAN paper's eq. 4): at each pixel the
// gradient vector of `target` or of `source`, whichever is larger in magnitude
// (the target's on a tie). target, source: CV_32F of one size.
void mixedGuidance(const cv::Mat& target, const cv::Mat& source, cv::Mat& gx, cv::Mat& gy);

// Backward-difference divergence: gx(y, x) - gx(y, x-1) + gy(y, x) - gy(y-1, x),
// with the missing terms outside the image taken as zero.
cv::Mat guidanceDivergence(const cv::Mat& gx, const cv::Mat& gy);

} // namespace mammo::ai::synthesis
