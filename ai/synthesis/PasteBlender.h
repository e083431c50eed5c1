#pragma once
// The plain paste: the lesion's grey values inside the mask, the normal image outside.
#include "Blender.h"

namespace mammo::ai::synthesis {

class PasteBlender final : public Blender {
public:
    std::string name() const override { return "paste"; }
    cv::Mat blend(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi) const override;
};

} // namespace mammo::ai::synthesis
