#pragma once
#include "core/Finding.h"

#include <cstdint>
#include <vector>

namespace mammo::core::cad {

// A binary mask of one image, row-major, 1 inside and 0 outside.
struct BinaryMask {
    int rows = 0;
    int columns = 0;
    std::vector<std::uint8_t> pixels;

    std::uint8_t at(int row, int column) const { return pixels[std::size_t(row) * std::size_t(columns) + std::size_t(column)]; }
    std::size_t count() const;
};

// Scan-line fill of a closed polygon in image coordinates ((0,0) is the
// top-left corner of the first pixel). A pixel is inside when its centre
// (column + 0.5, row + 0.5) is inside the polygon (even-odd rule), so two
// polygons sharing an edge never both claim a pixel. The polygon is closed
// implicitly; fewer than three vertices give an empty mask. Parts outside the
// image are clipped.
BinaryMask rasterizePolygon(const std::vector<ImagePoint>& polygon, int rows, int columns);

// The region of a finding: its contour, or its box when it has no contour.
std::vector<ImagePoint> findingOutline(const Finding& finding);

} // namespace mammo::core::cad
