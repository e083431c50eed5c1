#include "PoissonGuidance.h"

#include "core/Error.h"

namespace mammo::ai::synthesis {

void forwardGradient(const cv::Mat& f, cv::Mat& gx, cv::Mat& gy)
{
    if (f.empty() || f.type() != CV_32FC1)
        throw core::Error("gradients are taken of float grey images");
    gx = cv::Mat::zeros(f.size(), CV_32F);
    gy = cv::Mat::zeros(f.size(), CV_32F);
    for (int y = 0; y < f.rows; ++y) {
        const float* row = f.ptr<float>(y);
        const float* below = y + 1 < f.rows ? f.ptr<float>(y + 1) : nullptr;
        float* outX = gx.ptr<float>(y);
        float* outY = gy.ptr<float>(y);
        for (int x = 0; x < f.cols; ++x) {
            if (x + 1 < f.cols)
                outX[x] = row[x + 1] - row[x];
            if (below)
                outY[x] = below[x] - row[x];
        }
    }
}

void mixedGuidance(const cv::Mat& target, const cv::Mat& source, cv::Mat& gx, cv::Mat& gy)
{
    if (target.size() != source.size())
        throw core::Error("mixed gradients need a target and a source of one size");
    cv::Mat sx, sy;
    forwardGradient(target, gx, gy);
    forwardGradient(source, sx, sy);
    for (int y = 0; y < gx.rows; ++y) {
        float* tx = gx.ptr<float>(y);
        float* ty = gy.ptr<float>(y);
        const float* ux = sx.ptr<float>(y);
        const float* uy = sy.ptr<float>(y);
        for (int x = 0; x < gx.cols; ++x)
            if (ux[x] * ux[x] + uy[x] * uy[x] > tx[x] * tx[x] + ty[x] * ty[x]) {
                tx[x] = ux[x];
                ty[x] = uy[x];
            }
    }
}

cv::Mat guidanceDivergence(const cv::Mat& gx, const cv::Mat& gy)
{
    if (gx.type() != CV_32FC1 || gy.type() != CV_32FC1 || gx.size() != gy.size())
        throw core::Error("a guidance field is two float images of one size");
    cv::Mat divergence(gx.size(), CV_32F);
    for (int y = 0; y < gx.rows; ++y) {
        const float* vx = gx.ptr<float>(y);
        const float* vy = gy.ptr<float>(y);
        const float* above = y > 0 ? gy.ptr<float>(y - 1) : nullptr;
        float* out = divergence.ptr<float>(y);
        for (int x = 0; x < gx.cols; ++x)
            out[x] = vx[x] - (x > 0 ? vx[x - 1] : 0.0f) + vy[x] - (above ? above[x] : 0.0f);
    }
    return divergence;
}

} // namespace mammo::ai::synthesis
