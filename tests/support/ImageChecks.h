#pragma once
// Pixel checks shared by the GUI tests.
#include <QImage>
#include <QRect>

namespace mammo::test {

// Mean grey level of a screenshot area (0 = black, 255 = white).
inline double meanGrey(const QImage& image, const QRect& area)
{
    double sum = 0;
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x, ++n)
            sum += qGray(image.pixel(x, y));
    return n ? sum / n : 0.0;
}

} // namespace mammo::test
