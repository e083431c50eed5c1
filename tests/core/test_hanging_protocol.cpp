#include <core/HangingProtocol.h>

#include <QtTest>

using namespace mammo::core;

namespace {

ImageAttributes view(Laterality side, ViewPosition position, std::vector<std::string> orientation = {})
{
    ImageAttributes a;
    a.laterality = side;
    a.view = position;
    a.patientOrientation = std::move(orientation);
    return a;
}

} // namespace

Q_DECLARE_METATYPE(mammo::core::Laterality)
Q_DECLARE_METATYPE(mammo::core::ViewPosition)

class TestHangingProtocol : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void comparisonHangsCurrentOverPriorOnePagePerView()
    {
        const std::vector<ImageAttributes> current{view(Laterality::Left, ViewPosition::MLO), view(Laterality::Right, ViewPosition::CC),
                                                   view(Laterality::Right, ViewPosition::MLO), view(Laterality::Left, ViewPosition::CC)};
        // The prior lacks its LMLO and has an extra ML view.
        const std::vector<ImageAttributes> prior{view(Laterality::Right, ViewPosition::MLO), view(Laterality::Left, ViewPosition::CC),
                                                 view(Laterality::Right, ViewPosition::CC), view(Laterality::Right, ViewPosition::ML)};
        const auto pages = hangComparison(current, prior);
        QCOMPARE(pages.size(), std::size_t(3));   // CC, MLO, ML
        auto at = [&](std::size_t page, std::size_t cell) { return pages[page].cells[cell].image; };
        QCOMPARE(pages[0].rows, 2);
        QCOMPARE(pages[0].columns, 2);
        QCOMPARE(*at(0, 0), std::size_t(1));       // current RCC
        QCOMPARE(*at(0, 1), std::size_t(3));       // current LCC
        QCOMPARE(*at(0, 2), std::size_t(4 + 2));   // prior RCC
        QCOMPARE(*at(0, 3), std::size_t(4 + 1));   // prior LCC
        QCOMPARE(*at(1, 0), std::size_t(2));       // current RMLO
        QCOMPARE(*at(1, 1), std::size_t(0));       // current LMLO
        QCOMPARE(*at(1, 2), std::size_t(4 + 0));   // prior RMLO
        QVERIFY(!at(1, 3));                        // no prior LMLO
        QVERIFY(!at(2, 0) && !at(2, 1));           // no current ML
        QCOMPARE(*at(2, 2), std::size_t(4 + 3));   // prior RML
        QVERIFY(!at(2, 3));
    }

    void comparisonWithoutImagesIsOneEmptyPage()
    {
        const auto pages = hangComparison({}, {});
        QCOMPARE(pages.size(), std::size_t(1));
        QCOMPARE(pages[0].cells.size(), std::size_t(4));
        for (const auto& cell : pages[0].cells)
            QVERIFY(!cell.image);
    }

    void fourViewsHangRightOnLeftCcAboveMlo()
    {
        // Deliberately shuffled input order.
        const std::vector<ImageAttributes> images{view(Laterality::Left, ViewPosition::MLO), view(Laterality::Right, ViewPosition::CC),
                                                  view(Laterality::Right, ViewPosition::MLO), view(Laterality::Left, ViewPosition::CC)};
        QCOMPARE(defaultLayout(images), HangingLayout::Quad);
        const auto pages = hang(images, HangingLayout::Quad);
        QCOMPARE(pages.size(), std::size_t(1));
        const auto& cells = pages[0].cells;
        QCOMPARE(cells.size(), std::size_t(4));
        QCOMPARE(*cells[0].image, std::size_t(1));   // RCC top left
        QCOMPARE(*cells[1].image, std::size_t(3));   // LCC top right
        QCOMPARE(*cells[2].image, std::size_t(2));   // RMLO bottom left
        QCOMPARE(*cells[3].image, std::size_t(0));   // LMLO bottom right
    }

    void pairLayoutPagesThroughViews()
    {
        const std::vector<ImageAttributes> images{view(Laterality::Right, ViewPosition::CC), view(Laterality::Left, ViewPosition::CC),
                                                  view(Laterality::Right, ViewPosition::MLO), view(Laterality::Left, ViewPosition::MLO),
                                                  view(Laterality::Right, ViewPosition::ML)};
        const auto pages = hang(images, HangingLayout::SideBySide);
        QCOMPARE(pages.size(), std::size_t(3));
        QCOMPARE(*pages[0].cells[0].image, std::size_t(0));
        QCOMPARE(*pages[1].cells[1].image, std::size_t(3));
        QCOMPARE(*pages[2].cells[0].image, std::size_t(4));
        QVERIFY(!pages[2].cells[1].image.has_value());
        QCOMPARE(hang(images, HangingLayout::Single).size(), std::size_t(5));
    }

    void mloPairDefaultsToSideBySide()
    {
        const std::vector<ImageAttributes> images{view(Laterality::Left, ViewPosition::MLO), view(Laterality::Right, ViewPosition::MLO)};
        QCOMPARE(defaultLayout(images), HangingLayout::SideBySide);
        const auto pages = hang(images, HangingLayout::SideBySide);
        QCOMPARE(*pages[0].cells[0].image, std::size_t(1));
        QCOMPARE(*pages[0].cells[1].image, std::size_t(0));
    }

    void flipsPutChestWallsTogether_data()
    {
        QTest::addColumn<mammo::core::Laterality>("side");
        QTest::addColumn<mammo::core::ViewPosition>("position");
        QTest::addColumn<QString>("rowDirection");
        QTest::addColumn<QString>("columnDirection");
        QTest::addColumn<bool>("flipH");
        QTest::addColumn<bool>("flipV");
        QTest::newRow("RMLO standard") << Laterality::Right << ViewPosition::MLO << "P" << "F" << false << false;
        QTest::newRow("LMLO standard") << Laterality::Left << ViewPosition::MLO << "A" << "F" << false << false;
        QTest::newRow("RMLO mirrored") << Laterality::Right << ViewPosition::MLO << "A" << "F" << true << false;
        QTest::newRow("LMLO upside down") << Laterality::Left << ViewPosition::MLO << "A" << "H" << false << true;
        QTest::newRow("RCC standard") << Laterality::Right << ViewPosition::CC << "P" << "L" << false << false;
        QTest::newRow("LCC standard") << Laterality::Left << ViewPosition::CC << "A" << "R" << false << false;
        QTest::newRow("LCC rotated") << Laterality::Left << ViewPosition::CC << "P" << "L" << true << true;
        QTest::newRow("oblique letters") << Laterality::Right << ViewPosition::MLO << "A" << "FR" << true << false;
    }
    void flipsPutChestWallsTogether()
    {
        QFETCH(mammo::core::Laterality, side);
        QFETCH(mammo::core::ViewPosition, position);
        QFETCH(QString, rowDirection);
        QFETCH(QString, columnDirection);
        QFETCH(bool, flipH);
        QFETCH(bool, flipV);
        const DisplayFlip flip = displayFlip(view(side, position, {rowDirection.toStdString(), columnDirection.toStdString()}));
        QCOMPARE(flip.horizontal, flipH);
        QCOMPARE(flip.vertical, flipV);
    }

    void missingOrientationUsesDetectedSide()
    {
        const ImageAttributes right = view(Laterality::Right, ViewPosition::MLO);
        QCOMPARE(displayFlip(right, ChestWallSide::Left).horizontal, true);
        QCOMPARE(displayFlip(right, ChestWallSide::Right).horizontal, false);
        QCOMPARE(displayFlip(right).horizontal, false);   // nothing known: leave as stored
    }

    void detectsChestWallFromPixels()
    {
        ImageAttributes a;
        a.rows = 10;
        a.columns = 20;
        a.pixelFormat = {16, 12, 11, false};
        std::vector<std::uint16_t> pixels(200, 0);
        for (int r = 0; r < 10; ++r)
            for (int c = 0; c < 8; ++c)
                pixels[std::size_t(r * 20 + c)] = 3000;   // tissue touches the left edge
        const Image image(a, pixels);
        QCOMPARE(detectChestWallSide(image), ChestWallSide::Left);
        a.photometric = Photometric::Monochrome1;   // inverted: tissue is dark
        const Image inverted(a, pixels);
        QCOMPARE(detectChestWallSide(inverted), ChestWallSide::Right);
    }
};

QTEST_GUILESS_MAIN(TestHangingProtocol)
#include "test_hanging_protocol.moc"
