#include "MaskRcnnInference.h"

#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cstring>

namespace mammo::ai {

namespace {

// The mask's outline (probability >= 0.5) in model pixels; the box itself when the mask has no area.
std::vector<cv::Point2d> maskOutline(const torch::Tensor& mask, double x1, double y1, double x2, double y2)
{
    const auto size = int(mask.size(0));
    cv::Mat probability(size, size, CV_32F);
    std::memcpy(probability.data, mask.contiguous().data_ptr<float>(), sizeof(float) * std::size_t(size * size));
    cv::Mat binary = probability >= 0.5f;
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(binary, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    const double cell = 1.0 / size;
    const std::vector<cv::Point2d> box{{x1, y1}, {x2, y1}, {x2, y2}, {x1, y2}};
    if (contours.empty())
        return box;
    const auto& largest = *std::max_element(contours.begin(), contours.end(), [](const auto& a, const auto& b) {
        return cv::contourArea(a) < cv::contourArea(b);
    });
    // A mask of a pixel or a line has no area to outline: the box says more.
    if (largest.size() < 3)
        return box;
    std::vector<cv::Point2d> outline;
    for (const auto& point : largest)
        outline.push_back({x1 + (point.x + 0.5) * cell * (x2 - x1), y1 + (point.y + 0.5) * cell * (y2 - y1)});
    return outline;
}

} // namespace

std::vector<Detection> runDetector(MaskRcnn& model, const PreparedMammogram& prepared, const torch::Device& device)
{
    torch::NoGradGuard noGrad;
    model->eval();
    const cv::Mat& image = prepared.image;
    const auto input = torch::from_blob(image.data, {1, 1, image.rows, image.cols}, torch::kFloat).to(device);
    const auto results = model->detect(input).front();
    const auto boxes = results.boxes.to(torch::kCPU);
    const auto scores = results.scores.to(torch::kCPU);
    const auto masks = results.masks.to(torch::kCPU);

    std::vector<Detection> detections;
    for (std::int64_t i = 0; i < boxes.size(0); ++i) {
        const double x1 = boxes[i][0].item<double>(), y1 = boxes[i][1].item<double>();
        const double x2 = boxes[i][2].item<double>(), y2 = boxes[i][3].item<double>();
        // Outside the resampled image (in the padding) there is nothing to find.
        if (0.5 * (x1 + x2) > prepared.content.width || 0.5 * (y1 + y2) > prepared.content.height)
            continue;
        Detection detection;
        const auto a = prepared.toInput({x1, y1});
        const auto b = prepared.toInput({x2, y2});
        detection.x1 = std::min(a.x, b.x);
        detection.x2 = std::max(a.x, b.x);
        detection.y1 = std::min(a.y, b.y);
        detection.y2 = std::max(a.y, b.y);
        detection.score = scores[i].item<double>();
        for (const auto& point : maskOutline(masks[i], x1, y1, x2, y2))
            detection.contour.push_back(prepared.toInput(point));
        detections.push_back(std::move(detection));
    }
    std::sort(detections.begin(), detections.end(),
              [](const Detection& a, const Detection& b) { return a.score > b.score; });
    return detections;
}

} // namespace mammo::ai
