#include "BanBlender.h"

#include "BanGenerator.h"
#include "BanModelFile.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <mutex>

namespace mammo::ai::ban {

struct BanBlender::Impl {
    BanModel model;
    BanBlenderOptions options;
    torch::Device device{torch::kCPU};
    std::mutex mutex;   // the generator runs one ROI at a time
};

namespace {

double fullScaleOf(const cv::Mat& normalRoi, double given)
{
    if (given > 0.0)
        return given;
    switch (normalRoi.depth()) {
    case CV_8U: return 255.0;
    case CV_16U: return 65535.0;
    default: return 1.0;
    }
}

torch::Tensor toTensor(const cv::Mat& image32)
{
    return torch::from_blob(const_cast<float*>(image32.ptr<float>()), {1, 1, image32.rows, image32.cols}, torch::kFloat)
        .clone();
}

int roundUp(int value, int multiple)
{
    return (value + multiple - 1) / multiple * multiple;
}

} // namespace

BanBlender::BanBlender(const std::string& modelPath, BanBlenderOptions options) : m_impl(std::make_unique<Impl>())
{
    if (options.featherInnerPx < 0.0 || options.featherOuterPx <= options.featherInnerPx)
        throw core::Error("BAN blender: the feather band must satisfy 0 <= inner < outer");
    if (options.device == BanDevice::Cuda && !torch::cuda::is_available())
        throw core::Error("CUDA was asked for but LibTorch sees no CUDA GPU on this machine");
    m_impl->options = options;
    m_impl->model = loadBanModel(modelPath);
    m_impl->device = options.device == BanDevice::Cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    m_impl->model.generator->to(m_impl->device);
    m_impl->model.generator->eval();
}

BanBlender::~BanBlender() = default;

std::string BanBlender::name() const
{
    return m_impl->model.method == BanMethod::Ban ? "ban" : "ban-" + banMethodName(m_impl->model.method);
}

double BanBlender::pixelSizeMm() const
{
    return core::kMiasPixelSpacingMm;
}

std::string BanBlender::method() const
{
    return banMethodName(m_impl->model.method);
}

std::string BanBlender::preset() const
{
    return m_impl->model.preset;
}

int BanBlender::roiSize() const
{
    return m_impl->model.roiSize;
}

cv::Mat BanBlender::generate(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi) const
{
    cv::Mat normal, lesion;
    synthesis::prepareBlendInputs(normalRoi, lesionRoi, maskRoi, normal, lesion);
    const double scale = fullScaleOf(normalRoi, m_impl->options.fullScale);
    normal.convertTo(normal, CV_32F, 1.0 / scale);
    lesion.convertTo(lesion, CV_32F, 1.0 / scale);

    // Pad with mirrored normal tissue: the padding holds no lesion (mask 0, pasted = normal).
    const int multiple = m_impl->model.generator->sizeMultiple();
    const int rows = std::max(m_impl->model.roiSize, roundUp(normal.rows, multiple));
    const int cols = std::max(m_impl->model.roiSize, roundUp(normal.cols, multiple));
    const int top = (rows - normal.rows) / 2, left = (cols - normal.cols) / 2;
    const cv::Rect inner(left, top, normal.cols, normal.rows);
    cv::Mat normalPadded, maskPadded = cv::Mat::zeros(rows, cols, CV_32F);
    cv::copyMakeBorder(normal, normalPadded, top, rows - normal.rows - top, left, cols - normal.cols - left,
                       cv::BORDER_REFLECT);
    cv::Mat pastedPadded = normalPadded.clone();
    cv::Mat pastedInner = pastedPadded(inner);
    lesion.copyTo(pastedInner, maskRoi);
    maskPadded(inner).setTo(1.0f, maskRoi);

    cv::Mat output(rows, cols, CV_32F);
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        c10::InferenceMode inference;
        const auto device = m_impl->device;
        const auto input = generatorInput(m_impl->model.method, toTensor(normalPadded).to(device),
                                          toTensor(pastedPadded).to(device), toTensor(maskPadded).to(device),
                                          m_impl->options.noiseSeed);
        const auto generated = m_impl->model.generator->forward(input).to(torch::kCPU).contiguous();
        std::memcpy(output.ptr<float>(), generated.data_ptr<float>(), sizeof(float) * std::size_t(rows * cols));
    }
    cv::Mat result;
    output(inner).convertTo(result, CV_32F, scale);
    return result;
}

cv::Mat BanBlender::blend(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi) const
{
    cv::Mat normal, lesion;
    synthesis::prepareBlendInputs(normalRoi, lesionRoi, maskRoi, normal, lesion);
    if (cv::countNonZero(maskRoi) == 0)
        return normal;
    const cv::Mat generated = generate(normalRoi, lesionRoi, maskRoi);
    // Distance of every pixel to the nearest lesion pixel (0 on the lesion).
    cv::Mat distance;
    cv::distanceTransform(maskRoi == 0, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE, CV_32F);
    const float inner = float(m_impl->options.featherInnerPx), outer = float(m_impl->options.featherOuterPx);
    cv::Mat result = normal.clone();
    for (int y = 0; y < result.rows; ++y) {
        const float* d = distance.ptr<float>(y);
        const float* g = generated.ptr<float>(y);
        const float* n = normal.ptr<float>(y);
        float* out = result.ptr<float>(y);
        for (int x = 0; x < result.cols; ++x) {
            if (d[x] >= outer)
                continue;   // beyond the band: the normal ROI, bit for bit
            const float weight = d[x] <= inner ? 1.0f : (outer - d[x]) / (outer - inner);
            out[x] = n[x] + weight * (g[x] - n[x]);
        }
    }
    return result;
}

} // namespace mammo::ai::ban
