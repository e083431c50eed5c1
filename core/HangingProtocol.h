#pragma once
#include "Image.h"
#include "ImageAttributes.h"

#include <optional>
#include <string>
#include <vector>

namespace mammo::core {

enum class HangingLayout { Single, SideBySide, Quad };   // 1x1, 1x2, 2x2

struct DisplayFlip {
    bool horizontal = false;
    bool vertical = false;
    bool operator==(const DisplayFlip& o) const { return horizontal == o.horizontal && vertical == o.vertical; }
};

struct HangingCell {
    int row = 0;
    int column = 0;
    std::optional<std::size_t> image;   // index into the images given to hang()
};

struct HangingPage {
    int rows = 1;
    int columns = 1;
    std::vector<HangingCell> cells;     // rows * columns cells, row-major
};

// Mammography hanging: right breast on the left of the screen, left on the
// right, one view per row (CC above MLO, then the other views); pages hold
// what does not fit. Images of unknown laterality get a row of their own.
std::vector<HangingPage> hang(const std::vector<ImageAttributes>& images, HangingLayout layout);

// Current over prior, one 2x2 page per view (CC, MLO, then the others): the
// top row holds the current study's R and L images of that view, the bottom
// row the prior's. Indices refer to `current` followed by `prior` (prior
// image k is current.size() + k).
std::vector<HangingPage> hangComparison(const std::vector<ImageAttributes>& current,
                                        const std::vector<ImageAttributes>& prior);

// 2x2 when the study has two or more view rows, 1x2 for one pair, else 1x1.
HangingLayout defaultLayout(const std::vector<ImageAttributes>& images);

enum class ChestWallSide { Left, Right };   // side of the stored image the chest wall touches

// From Patient Orientation (0020,0020): the row direction's A/P letter.
std::optional<ChestWallSide> chestWallSideFromOrientation(const ImageAttributes& attributes);

// From the pixels: the side whose edge column band is brighter in tissue.
// Used when Patient Orientation is absent.
ChestWallSide detectChestWallSide(const Image& image);

// The flips that put the chest wall toward the screen centre (R images: chest
// wall at their right edge; L: at their left) and the feet/medial side down.
DisplayFlip displayFlip(const ImageAttributes& attributes, std::optional<ChestWallSide> detected = std::nullopt);

} // namespace mammo::core
