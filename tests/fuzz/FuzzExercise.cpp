#include "FuzzExercise.h"

#include <core/DicomReader.h>
#include <core/DisplayChain.h>
#include <core/Error.h>

#include <algorithm>
#include <vector>

namespace mammo::fuzz {
namespace {

void display(const core::Image& image, int frame, const core::VoiSetting& voi)
{
    const std::vector<std::uint8_t> lut = core::composeDisplayLut(image.attributes(), voi);
    std::vector<std::uint8_t> out(image.pixelsPerFrame());
    core::applyDisplayLut(image.frame(frame), out.size(), lut, out.data());
    // A corner of at most 256 x 256, full resolution and minified, as the viewer draws it.
    const int width = std::min(image.columns(), 256);
    const int height = std::min(image.rows(), 256);
    for (int step : {1, 3}) {
        std::vector<std::uint8_t> grey(std::size_t((width + step - 1) / step) * std::size_t((height + step - 1) / step));
        core::renderDisplayRegion(image, frame, lut, image.columns() - width, image.rows() - height, width, height,
                                  step, grey.data());
    }
}

void runDisplayChain(const core::Image& image)
{
    const int last = image.frames() - 1;
    const core::VoiWindow automatic = core::automaticWindow(image, 0);
    display(image, 0, automatic);
    display(image, last, core::IdentityVoi{double(image.minStoredValue()), double(image.maxStoredValue())});
    // Each table is 2^Bits Stored evaluations of the chain: three keep the fuzzer fast
    // (hostile windows are covered by test_display_chain).
    const std::vector<core::VoiSetting> presets = core::voiPresets(image.attributes());
    if (!presets.empty())
        display(image, 0, presets.back());   // a VOI LUT when the file has one
}

} // namespace

ExerciseOutcome exerciseDicomBytes(const std::uint8_t* data, std::size_t size, std::size_t maxDecodedBytes)
{
    ExerciseOutcome outcome;
    try {
        core::readDicomHeaderFromBuffer(data, size, "fuzz input");
        outcome.headerRead = true;
    } catch (const core::Error& e) {
        outcome.headerError = e.what();
    }
    try {
        core::DicomReadLimits limits;
        limits.maxDecodedBytes = maxDecodedBytes;
        const core::ImagePtr image = core::readDicomImageFromBuffer(data, size, "fuzz input", limits);
        runDisplayChain(*image);
        outcome.imageLoaded = true;
    } catch (const core::Error& e) {
        outcome.imageError = e.what();
    }
    return outcome;
}

} // namespace mammo::fuzz
