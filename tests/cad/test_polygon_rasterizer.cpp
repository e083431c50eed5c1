// rasterizePolygon against masks computed by hand: a pixel is inside when its
// centre (c + 0.5, r + 0.5) is inside the polygon.
#include "core/Error.h"
#include "core/cad/PolygonRasterizer.h"

#include <QtTest>

using mammo::core::ImagePoint;
using mammo::core::cad::BinaryMask;
using mammo::core::cad::rasterizePolygon;

Q_DECLARE_METATYPE(std::vector<ImagePoint>)
Q_DECLARE_METATYPE(std::vector<std::string>)

namespace {

BinaryMask maskFromRows(const std::vector<std::string>& rows)
{
    BinaryMask mask;
    mask.rows = int(rows.size());
    mask.columns = int(rows.front().size());
    for (const std::string& row : rows)
        for (char c : row)
            mask.pixels.push_back(c == '#' ? 1 : 0);
    return mask;
}

std::string picture(const BinaryMask& mask)
{
    std::string text;
    for (int r = 0; r < mask.rows; ++r) {
        for (int c = 0; c < mask.columns; ++c)
            text += mask.at(r, c) ? '#' : '.';
        text += '\n';
    }
    return text;
}

} // namespace

class TestPolygonRasterizer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void handComputedMasks_data()
    {
        QTest::addColumn<std::vector<ImagePoint>>("polygon");
        QTest::addColumn<std::vector<std::string>>("expected");
        // Centres x in (1,4) -> columns 1..3, y in (1,3) -> rows 1..2.
        QTest::newRow("rectangle") << std::vector<ImagePoint>{{1, 1}, {4, 1}, {4, 3}, {1, 3}}
                                   << std::vector<std::string>{"......", ".###..", ".###..", "......", "......"};
        // x + y < 4 at the centres: c + r <= 2.
        QTest::newRow("triangle") << std::vector<ImagePoint>{{0, 0}, {4, 0}, {0, 4}}
                                  << std::vector<std::string>{"###..", "##...", "#....", ".....", "....."};
        // A U shape: the notch x in (2,4), y in (0,3) stays empty.
        QTest::newRow("concave") << std::vector<ImagePoint>{{0, 0}, {2, 0}, {2, 3}, {4, 3}, {4, 0}, {6, 0}, {6, 5}, {0, 5}}
                                 << std::vector<std::string>{"##..##", "##..##", "##..##", "######", "######"};
        // Clockwise order and a part outside the image: clipped, not wrapped.
        QTest::newRow("clipped") << std::vector<ImagePoint>{{-3, -2}, {-3, 2.4}, {2.6, 2.4}, {2.6, -2}}
                                 << std::vector<std::string>{"###...", "###...", "......", "......"};
        // Sub-pixel polygon that covers no pixel centre.
        QTest::newRow("no centre") << std::vector<ImagePoint>{{1.6, 1.6}, {2.4, 1.6}, {2.4, 2.4}, {1.6, 2.4}}
                                   << std::vector<std::string>{"....", "....", "....", "...."};
        // Diamond around the centre of pixel (2,2): exactly the pixels whose centres are strictly inside.
        QTest::newRow("diamond") << std::vector<ImagePoint>{{2.5, 0.9}, {4.1, 2.5}, {2.5, 4.1}, {0.9, 2.5}}
                                 << std::vector<std::string>{".....", "..#..", ".###.", "..#..", "....."};
    }
    void handComputedMasks()
    {
        QFETCH(std::vector<ImagePoint>, polygon);
        QFETCH(std::vector<std::string>, expected);
        const BinaryMask want = maskFromRows(expected);
        const BinaryMask got = rasterizePolygon(polygon, want.rows, want.columns);
        QCOMPARE(got.rows, want.rows);
        QCOMPARE(got.columns, want.columns);
        QCOMPARE(QString::fromStdString(picture(got)), QString::fromStdString(picture(want)));
    }

    void sharedEdgeClaimsEachPixelOnce()
    {
        // Two rectangles side by side share the edge x = 3.5 through pixel centres.
        const BinaryMask left = rasterizePolygon({{0, 0}, {3.5, 0}, {3.5, 4}, {0, 4}}, 4, 8);
        const BinaryMask right = rasterizePolygon({{3.5, 0}, {8, 0}, {8, 4}, {3.5, 4}}, 4, 8);
        for (std::size_t i = 0; i < left.pixels.size(); ++i)
            QCOMPARE(left.pixels[i] + right.pixels[i], 1);
        QCOMPARE(left.count(), std::size_t(4 * 3));
    }

    void degenerateInput()
    {
        QCOMPARE(rasterizePolygon({{0, 0}, {5, 5}}, 6, 6).count(), std::size_t(0));
        QCOMPARE(rasterizePolygon({}, 6, 6).pixels.size(), std::size_t(36));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, rasterizePolygon({{0, 0}, {1, 0}, {0, 1}}, -1, 4));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error,
                                 rasterizePolygon({{0, 0}, {std::nan(""), 0}, {0, 1}}, 4, 4));
    }

    void areaOfLargeDiscMatchesPiRSquared()
    {
        std::vector<ImagePoint> disc;
        for (int k = 0; k < 720; ++k)
            disc.push_back({100 + 40 * std::cos(k * M_PI / 360), 100 + 40 * std::sin(k * M_PI / 360)});
        const double area = double(rasterizePolygon(disc, 200, 200).count());
        QVERIFY(std::abs(area - M_PI * 40 * 40) < 0.01 * M_PI * 40 * 40);
    }
};

QTEST_GUILESS_MAIN(TestPolygonRasterizer)
#include "test_polygon_rasterizer.moc"
