#include "DisplayChainAdapter.h"

#include <core/DisplayChain.h>

namespace mammo::widgets {

void renderDisplayFrame(const core::Image& image, int frame, const DisplaySelection& selection, std::uint8_t* out)
{
    const std::vector<core::VoiSetting> presets = core::voiPresets(image.attributes());
    core::VoiSetting voi = core::VoiWindow{selection.center, selection.width, selection.function, {}};
    if (!selection.userWindow && selection.preset >= 0 && std::size_t(selection.preset) < presets.size())
        voi = presets[std::size_t(selection.preset)];
    const std::vector<std::uint8_t> lut = core::composeDisplayLut(image.attributes(), voi);
    core::applyDisplayLut(image.frame(frame), image.pixelsPerFrame(), lut, out);
}

core::VoiWindow lutEquivalentWindow(const core::Image& image, std::size_t lutIndex)
{
    const core::LutTable& lut = image.attributes().voiLuts.at(lutIndex);
    const double width = double(std::max<std::size_t>(1, lut.data.size()));
    return {lut.firstMapped + width / 2.0, width, core::VoiFunction::Linear, lut.explanation};
}

} // namespace mammo::widgets
