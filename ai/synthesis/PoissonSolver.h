#pragma once
// The discrete Poisson equation on a masked region (Pérez et al. 2003):
// 5-point Laplacian, Dirichlet boundary, conjugate gradients in float32.
#include <opencv2/core.hpp>

namespace mammo::ai::synthesis {

struct PoissonSolverOptions {
    int maxIterations = 5000;
    double relativeTolerance = 1e-5;   // stop when |residual| <= tolerance * |right-hand side|
};

struct PoissonSolveReport {
    int unknowns = 0;
    int iterations = 0;
    double relativeResidual = 0.0;
    bool converged = false;
};

// Solves, for every pixel p of `domain` (CV_8U, nonzero),
//     f(p+x) + f(p-x) + f(p+y) + f(p-y) - 4 f(p) = divergence(p),
// with f = boundary at every pixel outside the domain. boundary, divergence:
// CV_32F of the domain's size. Returns f (CV_32F): the solution inside the
// domain, `boundary` outside, bit for bit. Throws core::Error when the domain
// touches the image's edge (its neighbours would be missing) or the sizes differ.
cv::Mat solvePoisson(const cv::Mat& boundary, const cv::Mat& divergence, const cv::Mat& domain,
                     const PoissonSolverOptions& options = {}, PoissonSolveReport* report = nullptr);

} // namespace mammo::ai::synthesis
