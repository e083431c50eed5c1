#include "AnalysisFrame.h"

#include "DisplayChain.h"
#include "Measurement.h"

namespace mammo::core {

AnalysisFrame renderAnalysisFrame(const Image& image, int frame)
{
    const auto presets = voiPresets(image.attributes());
    const VoiSetting voi = presets.empty() ? VoiSetting(automaticWindow(image, frame)) : presets.front();
    const auto lut = composeDisplayLut(image.attributes(), voi);
    AnalysisFrame result;
    result.width = image.columns();
    result.height = image.rows();
    result.grey.resize(image.pixelsPerFrame());
    applyDisplayLut(image.frame(frame), image.pixelsPerFrame(), lut, result.grey.data());
    if (const auto spacing = measurementSpacing(image.attributes()))
        result.pixelSpacingMm = spacing->spacing.rowMm;
    return result;
}

} // namespace mammo::core
