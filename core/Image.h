#pragma once
#include "ImageAttributes.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace mammo::core {

// A decoded image: attributes plus stored pixel values, frame after frame.
// Values keep their stored bit pattern masked to Bits Stored (uint16 for 8- and
// 16-bit data alike); signed data are read through storedValue().
class Image {
public:
    Image(ImageAttributes attributes, std::vector<std::uint16_t> pixels);

    const ImageAttributes& attributes() const { return m_attributes; }
    int rows() const { return m_attributes.rows; }
    int columns() const { return m_attributes.columns; }
    int frames() const { return m_attributes.frames; }
    std::size_t pixelsPerFrame() const { return std::size_t(rows()) * std::size_t(columns()); }

    // Raw (masked) stored values of one frame, row-major.
    const std::uint16_t* frame(int index) const;

    // The stored value as a number: sign-extended when Pixel Representation is 1.
    int storedValue(std::uint16_t raw) const { return toStoredValue(raw, m_attributes.pixelFormat); }
    static int toStoredValue(std::uint16_t raw, const PixelFormat& format);

    // Smallest and largest stored value over all frames (computed once).
    int minStoredValue() const { return m_minStored; }
    int maxStoredValue() const { return m_maxStored; }

private:
    ImageAttributes m_attributes;
    std::vector<std::uint16_t> m_pixels;
    int m_minStored = 0;
    int m_maxStored = 0;
};

using ImagePtr = std::shared_ptr<const Image>;

} // namespace mammo::core
