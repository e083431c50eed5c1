#pragma once
// Runs a blender at the pixel size it was trained for (BAN: mini-MIAS's 0.2 mm)
// on an image of another pixel size (FFDM: 0.05-0.1 mm). The three ROIs are
// resampled to the blender's pixel size, blended there, and only the change the
// blender made is resampled back and added to the full-resolution normal ROI:
// tissue the blender left alone keeps every pixel, and the lesion keeps its size
// in millimetres as the network learnt it. Detail finer than the blender's pixels
// stays under the lesion as well, as tissue does under a mass in a projection
// image; a plain paste through it would not be opaque.
#include "Blender.h"

namespace mammo::ai::synthesis {

class ResampledBlender final : public Blender {
public:
    // inner must outlive this blender. Pixel sizes in mm, both > 0.
    ResampledBlender(const Blender& inner, double imagePixelMm, double blenderPixelMm);

    std::string name() const override { return m_inner.name(); }
    cv::Mat blend(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi) const override;

    // Blender pixels per image pixel (0.5 for 0.1 mm images and a 0.2 mm blender): 1 means none.
    double scale() const { return m_scale; }

private:
    const Blender& m_inner;
    double m_scale;
};

} // namespace mammo::ai::synthesis
