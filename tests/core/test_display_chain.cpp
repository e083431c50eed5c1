// Each display-chain stage on hand-computed values (PS3.3 C.11).
#include <core/DisplayChain.h>

#include <QtTest>

using namespace mammo::core;

class TestDisplayChain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void linearWindow_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("expected");
        // c = 100, w = 11: linear between 94.5 and 104.5 (c - 0.5 -/+ (w-1)/2).
        QTest::newRow("below") << 94.0 << 0.0;
        QTest::newRow("lower edge") << 94.5 << 0.0;
        QTest::newRow("centre - 0.5") << 99.5 << 0.5;
        QTest::newRow("upper edge") << 104.5 << 1.0;
        QTest::newRow("above") << 200.0 << 1.0;
        QTest::newRow("quarter") << 97.0 << 0.25;
    }
    void linearWindow()
    {
        QFETCH(double, x);
        QFETCH(double, expected);
        QCOMPARE(applyVoi(VoiWindow{100, 11, VoiFunction::Linear, {}}, x), expected);
    }

    void linearExactAndSigmoid()
    {
        const VoiWindow exact{100, 10, VoiFunction::LinearExact, {}};
        QCOMPARE(applyVoi(exact, 95.0), 0.0);
        QCOMPARE(applyVoi(exact, 100.0), 0.5);
        QCOMPARE(applyVoi(exact, 102.5), 0.75);
        const VoiWindow sigmoid{100, 10, VoiFunction::Sigmoid, {}};
        QCOMPARE(applyVoi(sigmoid, 100.0), 0.5);
        QVERIFY(qFuzzyCompare(applyVoi(sigmoid, 105.0), 1.0 / (1.0 + std::exp(-2.0))));
    }

    void lutClampsOutsideItsRange()
    {
        LutTable lut;
        lut.firstMapped = 10;
        lut.bitsPerEntry = 8;
        lut.data = {0, 51, 255};
        QCOMPARE(lookupLut(lut, -5), std::uint16_t(0));
        QCOMPARE(lookupLut(lut, 11), std::uint16_t(51));
        QCOMPARE(lookupLut(lut, 1000), std::uint16_t(255));
        QCOMPARE(applyVoi(lut, 11), 0.2);
    }

    void modalityLut()
    {
        QCOMPARE(applyModalityLut(ModalityLut{2.0, -1024.0, std::nullopt}, 600), 176.0);
        LutTable table;
        table.firstMapped = 0;
        table.data = {7, 9};
        QCOMPARE(applyModalityLut(ModalityLut{1.0, 0.0, table}, 1), 9.0);
    }

    void inversion()
    {
        QVERIFY(invertsOutput(Photometric::Monochrome1, PresentationLutShape::Unspecified));
        QVERIFY(invertsOutput(Photometric::Monochrome1, PresentationLutShape::Inverse));   // once, not twice
        QVERIFY(!invertsOutput(Photometric::Monochrome2, PresentationLutShape::Identity));
        QVERIFY(invertsOutput(Photometric::Monochrome2, PresentationLutShape::Inverse));
        QCOMPARE(applyPresentation(true, 0.25), 0.75);
    }

    void composedTableHandlesSignedValues()
    {
        ImageAttributes a;
        a.pixelFormat = {16, 12, 11, true};
        const auto lut = composeDisplayLut(a, VoiWindow{0.5, 2, VoiFunction::Linear, {}});
        QCOMPARE(lut.size(), std::size_t(4096));
        QCOMPARE(int(lut[0x800]), 0);     // -2048
        QCOMPARE(int(lut[0x7FF]), 255);   // +2047
        QCOMPARE(int(lut[0]), 128);       // (0 - (c - 0.5)) / (w - 1) + 0.5 = 0.5
    }

    void regionRenderingAveragesBlocks()
    {
        ImageAttributes a;
        a.rows = 4;
        a.columns = 6;
        a.pixelFormat = {8, 8, 7, false};
        std::vector<std::uint16_t> pixels(24);
        for (std::size_t i = 0; i < pixels.size(); ++i)
            pixels[i] = std::uint16_t(i * 10);   // display value = stored value (identity LUT below)
        const Image image(a, pixels);
        std::vector<std::uint8_t> identity(256);
        for (int i = 0; i < 256; ++i)
            identity[std::size_t(i)] = std::uint8_t(i);
        // Region columns 1..5, rows 0..3, in 2x2 blocks: 3 x 2 output texels, the last column a half block.
        std::vector<std::uint8_t> out(6, 0);
        renderDisplayRegion(image, 0, identity, 1, 0, 5, 4, 2, out.data());
        QCOMPARE(int(out[0]), (10 + 20 + 70 + 80 + 2) / 4);     // rows 0-1, columns 1-2
        QCOMPARE(int(out[2]), (50 + 110 + 1) / 2);              // rows 0-1, column 5 only
        QCOMPARE(int(out[3]), (130 + 140 + 190 + 200 + 2) / 4); // rows 2-3, columns 1-2
        std::vector<std::uint8_t> full(24, 0);
        renderDisplayRegion(image, 0, identity, 0, 0, 6, 4, 1, full.data());
        QCOMPARE(int(full[23]), 230);
    }

    void automaticWindowIgnoresAir()
    {
        ImageAttributes a;
        a.rows = 10;
        a.columns = 100;
        a.pixelFormat = {16, 12, 11, false};
        std::vector<std::uint16_t> pixels(1000, 0);   // air
        for (int i = 0; i < 300; ++i)
            pixels[std::size_t(i)] = std::uint16_t(1000 + i);   // tissue 1000..1299
        const Image image(a, pixels);
        const VoiWindow w = automaticWindow(image, 0);
        QVERIFY2(w.center > 1100 && w.center < 1200, qPrintable(QString::number(w.center)));
        QVERIFY2(w.width > 250 && w.width < 320, qPrintable(QString::number(w.width)));
    }
};

QTEST_GUILESS_MAIN(TestDisplayChain)
#include "test_display_chain.moc"
