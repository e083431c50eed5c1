#include "PolygonRasterizer.h"

#include "core/Error.h"

#include <algorithm>
#include <cmath>

namespace mammo::core::cad {

std::size_t BinaryMask::count() const
{
    return std::size_t(std::count_if(pixels.begin(), pixels.end(), [](std::uint8_t v) { return v != 0; }));
}

BinaryMask rasterizePolygon(const std::vector<ImagePoint>& polygon, int rows, int columns)
{
    if (rows < 0 || columns < 0)
        throw Error("Cannot rasterise a region into an image of " + std::to_string(rows) + " x "
                    + std::to_string(columns) + " pixels.");
    BinaryMask mask;
    mask.rows = rows;
    mask.columns = columns;
    mask.pixels.assign(std::size_t(rows) * std::size_t(columns), 0);
    const std::size_t n = polygon.size();
    if (n < 3 || rows == 0 || columns == 0)
        return mask;

    double minY = polygon.front().y, maxY = polygon.front().y;
    for (const ImagePoint& p : polygon) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y))
            throw Error("A region outline has a coordinate that is not a number.");
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    // Rows whose pixel centres can lie inside the polygon.
    const int firstRow = std::max(0, int(std::ceil(minY - 0.5)));
    const int lastRow = std::min(rows - 1, int(std::floor(maxY - 0.5)));

    std::vector<double> crossings;
    for (int row = firstRow; row <= lastRow; ++row) {
        const double y = row + 0.5;
        crossings.clear();
        for (std::size_t i = 0; i < n; ++i) {
            const ImagePoint& a = polygon[i];
            const ImagePoint& b = polygon[(i + 1) % n];
            // Half-open in y so that a vertex on the scan line is counted once.
            if ((a.y <= y && y < b.y) || (b.y <= y && y < a.y))
                crossings.push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
        }
        std::sort(crossings.begin(), crossings.end());
        std::uint8_t* line = mask.pixels.data() + std::size_t(row) * std::size_t(columns);
        for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
            // Columns whose centre x = c + 0.5 lies in [left, right).
            const double left = std::ceil(crossings[k] - 0.5);
            const double right = std::ceil(crossings[k + 1] - 0.5);
            const int from = int(std::max(0.0, left));
            const int to = int(std::min(double(columns), right));
            for (int c = from; c < to; ++c)
                line[c] = 1;
        }
    }
    return mask;
}

std::vector<ImagePoint> findingOutline(const Finding& finding)
{
    if (finding.contour.size() >= 3)
        return finding.contour;
    const ImageBox& b = finding.box;
    if (b.width <= 0.0 || b.height <= 0.0)
        return {};
    return {{b.x, b.y}, {b.x + b.width, b.y}, {b.x + b.width, b.y + b.height}, {b.x, b.y + b.height}};
}

} // namespace mammo::core::cad
