#include "MiasFrame.h"

#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace mammo::ai::synthesis {
namespace {

// Where the resampled extent starts in the frame: padded when it fits, cropped otherwise.
int placement(int extent, int frame, int anchor /* -1 start, 1 end, 0 focus/centre */, double focus)
{
    if (extent <= frame)
        return anchor < 0 ? 0 : anchor > 0 ? frame - extent : (frame - extent) / 2;
    const int crop = anchor < 0 ? 0
                     : anchor > 0 ? extent - frame
                                  : std::clamp(int(std::lround(focus - frame / 2.0)), 0, extent - frame);
    return -crop;
}

} // namespace

ChestWallSide chestWallSide(const core::ImageAttributes& image)
{
    if (image.patientOrientation.empty())
        return ChestWallSide::Unknown;
    const std::string& rowDirection = image.patientOrientation.front();
    return rowDirection == "A" ? ChestWallSide::Left : rowDirection == "P" ? ChestWallSide::Right : ChestWallSide::Unknown;
}

MiasFrame toMiasFrame(const cv::Mat& grey, const core::Spacing& spacing, ChestWallSide chestWall,
                      const cv::Point2d& focus)
{
    if (grey.empty() || grey.type() != CV_8UC1)
        throw core::Error("A mini-MIAS frame is made from an 8-bit grey image.");
    if (!(spacing.rowMm > 0.0) || !(spacing.columnMm > 0.0))
        throw core::Error("A mini-MIAS frame needs the image's pixel spacing.");
    const int size = core::kMiasImageSize;
    const int width = std::max(1, int(std::lround(grey.cols * spacing.columnMm / core::kMiasPixelSpacingMm)));
    const int height = std::max(1, int(std::lround(grey.rows * spacing.rowMm / core::kMiasPixelSpacingMm)));
    cv::Mat resampled = grey;
    if (width != grey.cols || height != grey.rows)
        cv::resize(grey, resampled, cv::Size(width, height), 0, 0,
                   width < grey.cols ? cv::INTER_AREA : cv::INTER_LINEAR);

    MiasFrame frame;
    frame.scale = {double(width) / grey.cols, double(height) / grey.rows};
    const int anchorX = chestWall == ChestWallSide::Left ? -1 : chestWall == ChestWallSide::Right ? 1 : 0;
    const int x = placement(width, size, anchorX, focus.x * frame.scale.x);
    const int y = placement(height, size, 0, focus.y * frame.scale.y);
    frame.offset = {double(x), double(y)};
    frame.image = cv::Mat::zeros(size, size, CV_8UC1);
    // The overlap of the resampled image, shifted by (x, y), with the frame.
    const cv::Rect target = cv::Rect(x, y, width, height) & cv::Rect(0, 0, size, size);
    resampled(target - cv::Point(x, y)).copyTo(frame.image(target));
    return frame;
}

} // namespace mammo::ai::synthesis
