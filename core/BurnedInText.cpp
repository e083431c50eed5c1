#include "BurnedInText.h"

#include "Error.h"

#include <array>
#include <cstddef>

namespace mammo::core {
namespace {

constexpr int kGlyphWidth = 5;
constexpr int kGlyphHeight = 7;
constexpr int kBorderDots = 2;

using Glyph = std::array<const char*, kGlyphHeight>;

struct GlyphEntry {
    char character;
    Glyph rows;
};

// The classic 5 x 7 dot-matrix shapes (as on character LCDs).
const GlyphEntry kFont[] = {
    {' ', {".....", ".....", ".....", ".....", ".....", ".....", "....."}},
    {'-', {".....", ".....", ".....", "#####", ".....", ".....", "....."}},
    {'0', {".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."}},
    {'1', {"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."}},
    {'2', {".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"}},
    {'3', {"#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."}},
    {'4', {"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."}},
    {'5', {"#####", "#....", "####.", "....#", "....#", "#...#", ".###."}},
    {'6', {"..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."}},
    {'7', {"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."}},
    {'8', {".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."}},
    {'9', {".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."}},
    {'A', {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}},
    {'B', {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."}},
    {'C', {".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."}},
    {'D', {"###..", "#..#.", "#...#", "#...#", "#...#", "#..#.", "###.."}},
    {'E', {"#####", "#....", "#....", "####.", "#....", "#....", "#####"}},
    {'F', {"#####", "#....", "#....", "####.", "#....", "#....", "#...."}},
    {'G', {".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"}},
    {'H', {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}},
    {'I', {".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."}},
    {'J', {"..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."}},
    {'K', {"#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"}},
    {'L', {"#....", "#....", "#....", "#....", "#....", "#....", "#####"}},
    {'M', {"#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"}},
    {'N', {"#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#"}},
    {'O', {".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."}},
    {'P', {"####.", "#...#", "#...#", "####.", "#....", "#....", "#...."}},
    {'Q', {".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"}},
    {'R', {"####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"}},
    {'S', {".####", "#....", "#....", ".###.", "....#", "....#", "####."}},
    {'T', {"#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."}},
    {'U', {"#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."}},
    {'V', {"#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."}},
    {'W', {"#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."}},
    {'X', {"#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"}},
    {'Y', {"#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."}},
    {'Z', {"#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"}},
};

const Glyph* glyphFor(char character)
{
    for (const GlyphEntry& entry : kFont)
        if (entry.character == character)
            return &entry.rows;
    return nullptr;
}

} // namespace

bool canBurnIn(const std::string& text)
{
    for (char character : text)
        if (!glyphFor(character))
            return false;
    return !text.empty();
}

int burnedInLabelWidth(const std::string& text, int scale)
{
    const int characters = int(text.size());
    // One dot between glyphs.
    const int dots = characters * kGlyphWidth + (characters > 0 ? characters - 1 : 0) + 2 * kBorderDots;
    return dots * scale;
}

int burnedInLabelHeight(int scale)
{
    return (kGlyphHeight + 2 * kBorderDots) * scale;
}

void burnInLabel(std::vector<std::uint16_t>& pixels, int rows, int columns, const std::string& text, int x, int y,
                 int scale, std::uint16_t ink, std::uint16_t plate)
{
    if (!canBurnIn(text))
        throw Error("The burnt-in label may hold capital letters, digits, spaces and '-' only.");
    if (scale < 1)
        throw Error("The burnt-in label needs a dot size of at least one pixel.");
    const int width = burnedInLabelWidth(text, scale);
    const int height = burnedInLabelHeight(scale);
    if (rows <= 0 || columns <= 0 || pixels.size() != std::size_t(rows) * std::size_t(columns))
        throw Error("The image for the burnt-in label has no pixels or the wrong number of them.");
    if (x < 0 || y < 0 || x + width > columns || y + height > rows)
        throw Error("The burnt-in label of " + std::to_string(width) + " x " + std::to_string(height)
                    + " pixels does not fit in the image at that place.");
    auto at = [&](int row, int column) -> std::uint16_t& { return pixels[std::size_t(row) * std::size_t(columns) + std::size_t(column)]; };
    for (int row = y; row < y + height; ++row)
        for (int column = x; column < x + width; ++column)
            at(row, column) = plate;
    for (std::size_t index = 0; index < text.size(); ++index) {
        const Glyph& glyph = *glyphFor(text[index]);
        const int glyphX = x + (kBorderDots + int(index) * (kGlyphWidth + 1)) * scale;
        const int glyphY = y + kBorderDots * scale;
        for (int dotRow = 0; dotRow < kGlyphHeight; ++dotRow)
            for (int dotColumn = 0; dotColumn < kGlyphWidth; ++dotColumn) {
                if (glyph[std::size_t(dotRow)][dotColumn] != '#')
                    continue;
                for (int dy = 0; dy < scale; ++dy)
                    for (int dx = 0; dx < scale; ++dx)
                        at(glyphY + dotRow * scale + dy, glyphX + dotColumn * scale + dx) = ink;
            }
    }
}

} // namespace mammo::core
