#include "BanContactSheet.h"

#include "core/Error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace mammo::ai::ban {

namespace {

constexpr int kHeader = 22;
constexpr int kGap = 4;

void writeLabel(cv::Mat& sheet, const std::string& text, int x)
{
    cv::putText(sheet, text, cv::Point(x + 2, kHeader - 7), cv::FONT_HERSHEY_SIMPLEX, 0.42, cv::Scalar(255), 1,
                cv::LINE_AA);
}

} // namespace

cv::Mat blendContactSheet(const std::vector<BanSample>& samples, const std::vector<const synthesis::Blender*>& blenders)
{
    if (samples.empty() || blenders.empty())
        throw core::Error("a contact sheet needs samples and blenders");
    const int tile = samples.front().normal.cols;
    const int columns = int(blenders.size()) + 1;
    const int width = columns * tile + (columns - 1) * kGap;
    const int height = kHeader + int(samples.size()) * (tile + kGap);
    cv::Mat sheet(height, width, CV_8U, cv::Scalar(0));
    writeLabel(sheet, "normal", 0);
    for (std::size_t b = 0; b < blenders.size(); ++b)
        writeLabel(sheet, blenders[b]->name(), int(b + 1) * (tile + kGap));

    for (std::size_t row = 0; row < samples.size(); ++row) {
        const BanSample& s = samples[row];
        if (s.normal.cols != tile || s.normal.rows != tile)
            throw core::Error("a contact sheet's ROIs must be of one size");
        std::vector<cv::Mat> images{s.normal};
        for (const synthesis::Blender* blender : blenders)
            images.push_back(blender->blend(s.normal, s.lesion, s.mask));
        // One grey window per row, so the columns compare.
        double low = 1e300, high = -1e300;
        for (const cv::Mat& image : images) {
            double a, b;
            cv::minMaxLoc(image, &a, &b);
            low = std::min(low, a);
            high = std::max(high, b);
        }
        const double scale = high > low ? 255.0 / (high - low) : 1.0;
        const int y = kHeader + int(row) * (tile + kGap);
        for (std::size_t c = 0; c < images.size(); ++c) {
            cv::Mat target = sheet(cv::Rect(int(c) * (tile + kGap), y, tile, tile));
            images[c].convertTo(target, CV_8U, scale, -low * scale);
        }
    }
    cv::putText(sheet, "SYNTHETIC", cv::Point(width - 80, kHeader - 7), cv::FONT_HERSHEY_SIMPLEX, 0.42,
                cv::Scalar(255), 1, cv::LINE_AA);
    return sheet;
}

} // namespace mammo::ai::ban
