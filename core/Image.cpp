#include "Image.h"
#include "Error.h"

#include <algorithm>
#include <limits>

namespace mammo::core {

Image::Image(ImageAttributes attributes, std::vector<std::uint16_t> pixels)
    : m_attributes(std::move(attributes)), m_pixels(std::move(pixels))
{
    if (rows() < 0 || columns() < 0 || frames() < 0)
        throw Error("Image size is negative");
    const PixelFormat format = m_attributes.pixelFormat;
    if (format.bitsStored < 1 || format.bitsStored > 16)
        throw Error("Bits Stored " + std::to_string(format.bitsStored) + " is outside 1 to 16");
    std::size_t expected = 0;
    if (__builtin_mul_overflow(pixelsPerFrame(), std::size_t(std::max(1, frames())), &expected) ||
        m_pixels.size() != expected)
        throw Error("Pixel data size does not match Rows x Columns x Frames");
    int lo = std::numeric_limits<int>::max();
    int hi = std::numeric_limits<int>::min();
    // Histogram over raw values is cheaper than converting each pixel.
    std::vector<std::uint8_t> seen(std::size_t(1) << format.bitsStored, 0);
    const std::size_t mask = seen.size() - 1;   // values above Bits Stored are not part of the image
    for (std::uint16_t v : m_pixels)
        seen[v & mask] = 1;
    for (std::size_t raw = 0; raw < seen.size(); ++raw) {
        if (!seen[raw])
            continue;
        const int value = toStoredValue(std::uint16_t(raw), format);
        lo = std::min(lo, value);
        hi = std::max(hi, value);
    }
    m_minStored = m_pixels.empty() ? 0 : lo;
    m_maxStored = m_pixels.empty() ? 0 : hi;
}

const std::uint16_t* Image::frame(int index) const
{
    if (index < 0 || index >= std::max(1, frames()))
        throw Error("Frame index out of range");
    return m_pixels.data() + std::size_t(index) * pixelsPerFrame();
}

int Image::toStoredValue(std::uint16_t raw, const PixelFormat& format)
{
    if (!format.isSigned || format.bitsStored >= 17 || format.bitsStored < 1)
        return raw;
    const int signBit = 1 << (format.bitsStored - 1);
    return (raw & signBit) ? int(raw) - (signBit << 1) : int(raw);
}

} // namespace mammo::core
