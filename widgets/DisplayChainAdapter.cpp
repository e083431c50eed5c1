#include "DisplayChainAdapter.h"

#include <core/DisplayChain.h>

namespace mammo::widgets {

std::vector<std::uint8_t> displayLutFor(const core::Image& image, const DisplaySelection& selection)
{
    const std::vector<core::VoiSetting> presets = core::voiPresets(image.attributes());
    core::VoiSetting voi = core::VoiWindow{selection.center, selection.width, selection.function, {}};
    if (!selection.userWindow && selection.preset >= 0 && std::size_t(selection.preset) < presets.size())
        voi = presets[std::size_t(selection.preset)];
    return core::composeDisplayLut(image.attributes(), voi);
}

core::VoiWindow lutEquivalentWindow(const core::Image& image, std::size_t lutIndex)
{
    const core::LutTable& lut = image.attributes().voiLuts.at(lutIndex);
    const double width = double(std::max<std::size_t>(1, lut.data.size()));
    return {lut.firstMapped + width / 2.0, width, core::VoiFunction::Linear, lut.explanation};
}

} // namespace mammo::widgets
