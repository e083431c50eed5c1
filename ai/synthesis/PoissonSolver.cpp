#include "PoissonSolver.h"

#include "core/Error.h"

#include <cmath>
#include <vector>

namespace mammo::ai::synthesis {

namespace {

double dot(const std::vector<float>& a, const std::vector<float>& b)
{
    double sum = 0.0;   // float32 vectors, double sums: the residual test stays meaningful
    for (std::size_t i = 0; i < a.size(); ++i)
        sum += double(a[i]) * double(b[i]);
    return sum;
}

} // namespace

cv::Mat solvePoisson(const cv::Mat& boundary, const cv::Mat& divergence, const cv::Mat& domain,
                     const PoissonSolverOptions& options, PoissonSolveReport* report)
{
    if (boundary.type() != CV_32FC1 || divergence.type() != CV_32FC1 || domain.type() != CV_8UC1)
        throw core::Error("the Poisson solver takes float boundary and divergence images and an 8-bit domain");
    if (boundary.size() != domain.size() || divergence.size() != domain.size())
        throw core::Error("the Poisson solver's images differ in size");
    const int rows = domain.rows, cols = domain.cols;
    for (int x = 0; x < cols; ++x)
        if (domain.at<uchar>(0, x) || domain.at<uchar>(rows - 1, x))
            throw core::Error("the blending region touches the edge of its image");
    for (int y = 0; y < rows; ++y)
        if (domain.at<uchar>(y, 0) || domain.at<uchar>(y, cols - 1))
            throw core::Error("the blending region touches the edge of its image");

    // Unknowns in row order; four neighbour indices each, -1 for a boundary pixel.
    cv::Mat index(rows, cols, CV_32S, cv::Scalar(-1));
    std::vector<cv::Point> pixels;
    for (int y = 1; y < rows - 1; ++y)
        for (int x = 1; x < cols - 1; ++x)
            if (domain.at<uchar>(y, x)) {
                index.at<int>(y, x) = int(pixels.size());
                pixels.emplace_back(x, y);
            }
    const std::size_t n = pixels.size();
    cv::Mat result = boundary.clone();
    PoissonSolveReport local;
    local.unknowns = int(n);
    if (n == 0) {
        local.converged = true;
        if (report)
            *report = local;
        return result;
    }

    // A = 4I - adjacency (symmetric positive definite); A f = sum of known neighbours - divergence.
    std::vector<int> neighbours(4 * n);
    std::vector<float> rhs(n), solution(n);
    const cv::Point offsets[4] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
    for (std::size_t i = 0; i < n; ++i) {
        const cv::Point p = pixels[i];
        double known = 0.0;
        for (int k = 0; k < 4; ++k) {
            const cv::Point q = p + offsets[k];
            const int j = index.at<int>(q);
            neighbours[4 * i + std::size_t(k)] = j;
            if (j < 0)
                known += boundary.at<float>(q);
        }
        rhs[i] = float(known - divergence.at<float>(p));
        solution[i] = boundary.at<float>(p);   // the target is a good first guess
    }
    const auto apply = [&](const std::vector<float>& v, std::vector<float>& out) {
        for (std::size_t i = 0; i < n; ++i) {
            float sum = 4.0f * v[i];
            for (int k = 0; k < 4; ++k) {
                const int j = neighbours[4 * i + std::size_t(k)];
                if (j >= 0)
                    sum -= v[std::size_t(j)];
            }
            out[i] = sum;
        }
    };

    std::vector<float> residual(n), direction(n), product(n);
    apply(solution, product);
    for (std::size_t i = 0; i < n; ++i)
        residual[i] = rhs[i] - product[i];
    direction = residual;
    const double rhsNorm = std::max(std::sqrt(dot(rhs, rhs)), 1e-12);
    double rr = dot(residual, residual);
    int iteration = 0;
    while (std::sqrt(rr) > options.relativeTolerance * rhsNorm && iteration < options.maxIterations) {
        apply(direction, product);
        const double curvature = dot(direction, product);
        if (!(curvature > 0.0))
            break;
        const float alpha = float(rr / curvature);
        for (std::size_t i = 0; i < n; ++i) {
            solution[i] += alpha * direction[i];
            residual[i] -= alpha * product[i];
        }
        const double next = dot(residual, residual);
        const float beta = float(next / rr);
        rr = next;
        for (std::size_t i = 0; i < n; ++i)
            direction[i] = residual[i] + beta * direction[i];
        ++iteration;
    }

    for (std::size_t i = 0; i < n; ++i)
        result.at<float>(pixels[i]) = solution[i];
    local.iterations = iteration;
    local.relativeResidual = std::sqrt(rr) / rhsNorm;
    local.converged = local.relativeResidual <= options.relativeTolerance;
    if (report)
        *report = local;
    return result;
}

} // namespace mammo::ai::synthesis
