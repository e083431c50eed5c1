#include "DisplayChain.h"

#include "Error.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace mammo::core {

double applyModalityLut(const ModalityLut& lut, int storedValue)
{
    if (lut.table)
        return lookupLut(*lut.table, storedValue);
    return storedValue * lut.slope + lut.intercept;
}

std::uint16_t lookupLut(const LutTable& lut, double input)
{
    if (lut.data.empty())
        return 0;
    const double index = std::floor(input) - lut.firstMapped;
    if (!(index > 0))   // also NaN: never an index
        return lut.data.front();
    if (index >= double(lut.data.size() - 1))
        return lut.data.back();
    return lut.data[std::size_t(index)];
}

namespace {

double windowOutput(const VoiWindow& w, double x)
{
    const double c = w.center;
    // LINEAR_EXACT allows any width above 0 (C.11.2.1.3.2), the others need at least 1.
    const double width = w.function == VoiFunction::LinearExact ? std::max(1e-6, w.width) : std::max(1.0, w.width);
    switch (w.function) {
    case VoiFunction::Sigmoid:
        return 1.0 / (1.0 + std::exp(-4.0 * (x - c) / width));
    case VoiFunction::LinearExact:
        if (x <= c - width / 2.0)
            return 0.0;
        if (x > c + width / 2.0)
            return 1.0;
        return (x - c) / width + 0.5;
    case VoiFunction::Linear:
    default:
        // PS3.3 C.11.2.1.2.1: the centre and width are offset by 0.5 and 1.
        if (width <= 1.0)
            return x <= c - 0.5 ? 0.0 : 1.0;
        if (x <= c - 0.5 - (width - 1.0) / 2.0)
            return 0.0;
        if (x > c - 0.5 + (width - 1.0) / 2.0)
            return 1.0;
        return (x - (c - 0.5)) / (width - 1.0) + 0.5;
    }
}

double lutOutput(const LutTable& lut, double x)
{
    // DCMTK scales VOI LUT output by the descriptor's bit depth.
    const double maximum = double((1u << std::clamp(lut.bitsPerEntry, 1, 16)) - 1u);
    return std::clamp(lookupLut(lut, x) / maximum, 0.0, 1.0);
}

} // namespace

double applyVoi(const VoiSetting& voi, double modalityValue)
{
    if (const auto* window = std::get_if<VoiWindow>(&voi)) {
        // A user's or a file's window may be NaN or infinite; show black rather than undefined values.
        const double value = windowOutput(*window, modalityValue);
        return std::isnan(value) ? 0.0 : std::clamp(value, 0.0, 1.0);
    }
    if (const auto* lut = std::get_if<LutTable>(&voi))
        return lutOutput(*lut, modalityValue);
    const auto& identity = std::get<IdentityVoi>(voi);
    const double span = identity.maximum - identity.minimum;
    if (!(span > 0) || !std::isfinite(span))
        return modalityValue > identity.minimum ? 1.0 : 0.0;
    const double value = std::clamp((modalityValue - identity.minimum) / span, 0.0, 1.0);
    return std::isnan(value) ? 0.0 : value;
}

bool invertsOutput(Photometric photometric, PresentationLutShape shape)
{
    switch (shape) {
    case PresentationLutShape::Inverse:
        // For MONOCHROME1 an INVERSE shape is the inversion itself, not a second one.
        return true;
    case PresentationLutShape::Identity:
        return false;
    case PresentationLutShape::Unspecified:
    default:
        return photometric == Photometric::Monochrome1;
    }
}

double applyPresentation(bool invert, double normalised)
{
    return invert ? 1.0 - normalised : normalised;
}

std::vector<std::uint8_t> composeDisplayLut(const ImageAttributes& attributes, const VoiSetting& voi)
{
    const PixelFormat& format = attributes.pixelFormat;
    const std::size_t size = std::size_t(1) << std::clamp(format.bitsStored, 1, 16);
    const bool invert = invertsOutput(attributes.photometric, attributes.presentationLutShape);
    std::vector<std::uint8_t> lut(size);
    for (std::size_t raw = 0; raw < size; ++raw) {
        const int stored = Image::toStoredValue(std::uint16_t(raw), format);
        const double value = applyPresentation(invert, applyVoi(voi, applyModalityLut(attributes.modalityLut, stored)));
        lut[raw] = std::uint8_t(std::lround(std::clamp(value, 0.0, 1.0) * 255.0));
    }
    return lut;
}

namespace {

// Tables come from composeDisplayLut: a power of two entries, indexed by masked raw values.
void checkDisplayLut(const std::vector<std::uint8_t>& lut)
{
    if (lut.empty() || (lut.size() & (lut.size() - 1)) != 0)
        throw Error("Display table size " + std::to_string(lut.size()) + " is not a power of two");
}

} // namespace

void applyDisplayLut(const std::uint16_t* stored, std::size_t count, const std::vector<std::uint8_t>& lut,
                     std::uint8_t* out)
{
    checkDisplayLut(lut);
    const std::size_t mask = lut.size() - 1;
    // A local table pointer: byte stores may alias the vector's own pointer, which
    // would otherwise be reloaded for every pixel (twice as slow).
    const std::uint8_t* table = lut.data();
    auto run = [stored, out, table, mask](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            out[i] = table[stored[i] & mask];
    };
    // Threads only pay off on mammogram-sized frames.
    const unsigned threads = count > (1u << 20) ? std::max(1u, std::min(4u, std::thread::hardware_concurrency())) : 1u;
    if (threads == 1) {
        run(0, count);
        return;
    }
    std::vector<std::thread> workers;
    const std::size_t chunk = (count + threads - 1) / threads;
    for (unsigned t = 1; t < threads; ++t)
        workers.emplace_back(run, std::min(count, t * chunk), std::min(count, (t + 1) * chunk));
    run(0, std::min(count, chunk));
    for (std::thread& w : workers)
        w.join();
}

void renderDisplayRegion(const Image& image, int frame, const std::vector<std::uint8_t>& lut, int x0, int y0,
                         int width, int height, int step, std::uint8_t* grey, int sampling)
{
    checkDisplayLut(lut);
    if (x0 < 0 || y0 < 0 || width < 0 || height < 0 || x0 > image.columns() - width || y0 > image.rows() - height)
        throw Error("Display region " + std::to_string(width) + " × " + std::to_string(height) + " at (" +
                    std::to_string(x0) + ", " + std::to_string(y0) + ") lies outside the " +
                    std::to_string(image.columns()) + " × " + std::to_string(image.rows()) + " image");
    step = std::max(1, step);
    sampling = std::clamp(sampling, 1, step);
    const int outWidth = (width + step - 1) / step;
    const int outHeight = (height + step - 1) / step;
    const std::uint16_t* pixels = image.frame(frame);
    const std::size_t columns = std::size_t(image.columns());
    const std::size_t mask = lut.size() - 1;
    const std::uint8_t* table = lut.data();
    // By value: byte stores could alias anything captured by reference (see applyDisplayLut).
    auto renderRows = [=](int firstRow, int lastRow) {
        if (step == 1) {   // one texel per pixel: a plain lookup, no averaging
            for (int y = firstRow; y < lastRow; ++y) {
                const std::uint16_t* line = pixels + (std::size_t(y0) + std::size_t(y)) * columns + std::size_t(x0);
                std::uint8_t* out = grey + std::size_t(y) * std::size_t(outWidth);
                for (int x = 0; x < width; ++x)
                    out[x] = table[line[x] & mask];
            }
            return;
        }
        std::vector<std::uint32_t> sums(static_cast<std::size_t>(outWidth));
        for (int oy = firstRow; oy < lastRow; ++oy) {
            std::fill(sums.begin(), sums.end(), 0u);
            const int yBegin = y0 + oy * step;
            const int yEnd = std::min(y0 + height, yBegin + step);
            for (int y = yBegin; y < yEnd; y += sampling) {
                const std::uint16_t* line = pixels + std::size_t(y) * columns + std::size_t(x0);
                for (int ox = 0; ox < outWidth; ++ox) {   // block by block: no division per pixel
                    const int blockEnd = std::min(width, (ox + 1) * step);
                    std::uint32_t sum = 0;
                    for (int x = ox * step; x < blockEnd; x += sampling)
                        sum += table[line[x] & mask];
                    sums[std::size_t(ox)] += sum;
                }
            }
            std::uint8_t* out = grey + std::size_t(oy) * std::size_t(outWidth);
            const int sampledRows = (yEnd - yBegin + sampling - 1) / sampling;
            for (int ox = 0; ox < outWidth; ++ox) {
                const int blockWidth = std::min(step, width - ox * step);
                const std::uint32_t count = std::uint32_t((blockWidth + sampling - 1) / sampling * sampledRows);
                out[ox] = std::uint8_t((sums[std::size_t(ox)] + count / 2) / std::max(1u, count));
            }
        }
    };
    const std::size_t work = std::size_t(width) * std::size_t(height);
    const int threads = work > (1u << 19) ? int(std::max(1u, std::min(4u, std::thread::hardware_concurrency()))) : 1;
    std::vector<std::thread> workers;
    const int chunk = (outHeight + threads - 1) / threads;
    for (int t = 1; t < threads; ++t)
        workers.emplace_back(renderRows, std::min(outHeight, t * chunk), std::min(outHeight, (t + 1) * chunk));
    renderRows(0, std::min(outHeight, chunk));
    for (std::thread& w : workers)
        w.join();
}

std::vector<VoiSetting> voiPresets(const ImageAttributes& attributes)
{
    std::vector<VoiSetting> presets;
    for (const VoiWindow& w : attributes.windows)
        presets.emplace_back(w);
    for (const LutTable& l : attributes.voiLuts)
        presets.emplace_back(l);
    return presets;
}

VoiWindow automaticWindow(const Image& image, int frame)
{
    const ImageAttributes& a = image.attributes();
    const std::size_t bins = std::size_t(1) << std::clamp(a.pixelFormat.bitsStored, 1, 16);
    std::vector<std::size_t> histogram(bins, 0);
    const std::uint16_t* pixels = image.frame(frame);
    for (std::size_t i = 0; i < image.pixelsPerFrame(); ++i)
        ++histogram[pixels[i] & (bins - 1)];
    // Order raw values by their modality value so percentiles are meaningful.
    std::vector<std::pair<double, std::size_t>> values;
    for (std::size_t raw = 0; raw < bins; ++raw) {
        if (!histogram[raw])
            continue;
        const double value = applyModalityLut(a.modalityLut, Image::toStoredValue(std::uint16_t(raw), a.pixelFormat));
        if (std::isfinite(value))   // NaN would break the sort's ordering
            values.emplace_back(value, histogram[raw]);
    }
    std::sort(values.begin(), values.end());
    if (values.empty())
        return {0.0, 1.0, VoiFunction::Linear, "automatic"};
    // The darkest (or, for MONOCHROME1, brightest) value is usually the air around the breast.
    const bool airIsHigh = a.photometric == Photometric::Monochrome1;
    std::size_t total = 0;
    for (const auto& v : values)
        total += v.second;
    const std::size_t air = values.size() > 1 ? (airIsHigh ? values.back().second : values.front().second) : 0;
    const std::size_t tissue = total - air;
    const std::size_t first = airIsHigh ? 0 : (values.size() > 1 ? 1 : 0);
    const std::size_t last = airIsHigh && values.size() > 1 ? values.size() - 1 : values.size();
    double low = values[first].first, high = values[last - 1].first;
    std::size_t seen = 0;
    bool lowSet = false;
    for (std::size_t k = first; k < last; ++k) {
        seen += values[k].second;
        if (!lowSet && seen >= tissue / 200) {
            low = values[k].first;
            lowSet = true;
        }
        if (seen >= tissue - tissue / 200) {
            high = values[k].first;
            break;
        }
    }
    if (high <= low)
        high = low + 1.0;
    return {(low + high) / 2.0, high - low + 1.0, VoiFunction::Linear, "automatic"};
}

} // namespace mammo::core
