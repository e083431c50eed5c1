#pragma once
// A mammogram brought to mini-MIAS geometry (core::kMiasImageSize square pixels
// of core::kMiasPixelSpacingMm), the only geometry the detector's trainer and
// core::MiasCatalog accept for a case.
#include "core/ImageAttributes.h"

#include <opencv2/core.hpp>

namespace mammo::ai::synthesis {

enum class ChestWallSide { Unknown, Left, Right };

// From Patient Orientation's row direction: A (towards anterior) puts the chest
// wall at the first column, P at the last.
ChestWallSide chestWallSide(const core::ImageAttributes& image);

struct MiasFrame {
    cv::Mat image;              // CV_8U, kMiasImageSize x kMiasImageSize, black where the source does not reach
    cv::Point2d scale{1, 1};    // frame pixels per source pixel
    cv::Point2d offset{0, 0};   // frame = source * scale + offset (continuous coordinates)

    cv::Point2d toFrame(const cv::Point2d& source) const
    {
        return {source.x * scale.x + offset.x, source.y * scale.y + offset.y};
    }
};

// grey: the source as 8-bit display grey; spacing: its pixel size. The image is
// resampled to 0.2 mm (area averaging when shrinking), then padded or cropped to
// the frame: horizontally against the chest wall's edge (centred when unknown),
// vertically centred; a crop keeps `focus` (source continuous coordinates, e.g.
// the lesions' centre) as central as the image allows. Throws core::Error for an
// empty or non-8-bit image or a non-positive spacing.
MiasFrame toMiasFrame(const cv::Mat& grey, const core::Spacing& spacing, ChestWallSide chestWall,
                      const cv::Point2d& focus);

} // namespace mammo::ai::synthesis
