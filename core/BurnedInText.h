#pragma once
// Text burnt into stored pixel values with a built-in 5 x 7 dot font, so a
// marking stays with the pixels when every attribute is stripped or the image
// is exported as a picture. No font library: core stays free of GUI code.
#include <cstdint>
#include <string>
#include <vector>

namespace mammo::core {

// A rectangle of whole pixels: columns [x, x + width), rows [y, y + height).
struct PixelRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;

    bool intersects(const PixelRect& o) const
    {
        return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
    }
    bool operator==(const PixelRect& o) const { return x == o.x && y == o.y && width == o.width && height == o.height; }
};

// Whether the font has every character of text (capital letters, digits, space, '-').
bool canBurnIn(const std::string& text);

// Size of the label for text at a dot size of `scale` pixels: the glyphs on a
// plate with a border of two dots.
int burnedInLabelWidth(const std::string& text, int scale);
int burnedInLabelHeight(int scale);

// Fills the plate at (x, y) with `plate` and draws the glyphs with `ink` into a
// rows x columns row-major image. Throws Error when the label leaves the image
// or the text has characters the font lacks.
void burnInLabel(std::vector<std::uint16_t>& pixels, int rows, int columns, const std::string& text, int x, int y,
                 int scale, std::uint16_t ink, std::uint16_t plate);

} // namespace mammo::core
