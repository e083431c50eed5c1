// Each display-chain stage on hand-computed values (PS3.3 C.11), and the
// composed table applied to a mammogram-sized frame (timed, not asserted).
#include <core/DisplayChain.h>
#include <core/Error.h>

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>

using namespace mammo::core;

namespace {

bool nearlyEqual(double a, double b) { return std::abs(a - b) < 1e-12; }

LutTable makeLut(int firstMapped, int bitsPerEntry, const QList<int>& data)
{
    LutTable lut;
    lut.firstMapped = firstMapped;
    lut.bitsPerEntry = bitsPerEntry;
    for (int v : data)
        lut.data.push_back(std::uint16_t(v));
    return lut;
}

// Median of a few runs: the machine is shared, the minimum alone flatters.
template <typename F>
double medianMilliseconds(int runs, F&& work)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

class TestDisplayChain : public QObject {
    Q_OBJECT
    // 8-bit rows x columns image whose pixel i (row-major) stores i * step.
    static Image rampImage(int rows, int columns, int step)
    {
        ImageAttributes a;
        a.rows = rows;
        a.columns = columns;
        a.pixelFormat = {8, 8, 7, false};
        std::vector<std::uint16_t> pixels(std::size_t(rows) * std::size_t(columns));
        for (std::size_t i = 0; i < pixels.size(); ++i)
            pixels[i] = std::uint16_t(i * std::size_t(step));
        return Image(a, pixels);
    }
    // Display value = stored value.
    static std::vector<std::uint8_t> identityTable()
    {
        std::vector<std::uint8_t> identity(256);
        for (int i = 0; i < 256; ++i)
            identity[std::size_t(i)] = std::uint8_t(i);
        return identity;
    }
private Q_SLOTS:
    void modalityLut_data()
    {
        QTest::addColumn<double>("slope");
        QTest::addColumn<double>("intercept");
        QTest::addColumn<int>("firstMapped");
        QTest::addColumn<QList<int>>("table");   // empty: no LUT, rescale applies
        QTest::addColumn<int>("stored");
        QTest::addColumn<double>("expected");
        QTest::newRow("identity rescale") << 1.0 << 0.0 << 0 << QList<int>{} << 1234 << 1234.0;
        QTest::newRow("slope and intercept") << 2.0 << -1024.0 << 0 << QList<int>{} << 600 << 176.0;
        QTest::newRow("negative stored value") << 0.5 << 10.0 << 0 << QList<int>{} << -100 << -40.0;
        QTest::newRow("table entry") << 1.0 << 0.0 << 0 << QList<int>{7, 9} << 1 << 9.0;
        QTest::newRow("table clamps below") << 1.0 << 0.0 << 100 << QList<int>{7, 9, 11} << 5 << 7.0;
        QTest::newRow("table clamps above") << 1.0 << 0.0 << 100 << QList<int>{7, 9, 11} << 1000 << 11.0;
        QTest::newRow("table with signed first value") << 1.0 << 0.0 << -1 << QList<int>{7, 9, 11} << 0 << 9.0;
        QTest::newRow("table wins over rescale") << 2.0 << 5.0 << 0 << QList<int>{7, 9} << 1 << 9.0;
    }
    void modalityLut()
    {
        QFETCH(double, slope);
        QFETCH(double, intercept);
        QFETCH(int, firstMapped);
        QFETCH(QList<int>, table);
        QFETCH(int, stored);
        QFETCH(double, expected);
        ModalityLut lut{slope, intercept, std::nullopt};
        if (!table.isEmpty())
            lut.table = makeLut(firstMapped, 16, table);
        QCOMPARE(applyModalityLut(lut, stored), expected);
    }

    void lutLookupClamps_data()
    {
        QTest::addColumn<double>("input");
        QTest::addColumn<int>("expected");
        // Entries 10, 20, 30, 40 map inputs -2, -1, 0, 1.
        QTest::newRow("far below") << -100.0 << 10;
        QTest::newRow("first mapped") << -2.0 << 10;
        QTest::newRow("second") << -1.0 << 20;
        QTest::newRow("zero") << 0.0 << 30;
        QTest::newRow("last mapped") << 1.0 << 40;
        QTest::newRow("far above") << 5000.0 << 40;
    }
    void lutLookupClamps()
    {
        QFETCH(double, input);
        QFETCH(int, expected);
        QCOMPARE(int(lookupLut(makeLut(-2, 16, {10, 20, 30, 40}), input)), expected);
    }

    void linearWindow_data()
    {
        QTest::addColumn<double>("center");
        QTest::addColumn<double>("width");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("expected");
        // c = 100, w = 11: linear between 94.5 and 104.5 (c - 0.5 -/+ (w-1)/2).
        QTest::newRow("below") << 100.0 << 11.0 << 94.0 << 0.0;
        QTest::newRow("lower edge") << 100.0 << 11.0 << 94.5 << 0.0;
        QTest::newRow("quarter") << 100.0 << 11.0 << 97.0 << 0.25;
        QTest::newRow("centre - 0.5") << 100.0 << 11.0 << 99.5 << 0.5;
        QTest::newRow("upper edge") << 100.0 << 11.0 << 104.5 << 1.0;
        QTest::newRow("above") << 100.0 << 11.0 << 200.0 << 1.0;
        // w = 1 is a threshold at c - 0.5.
        QTest::newRow("w = 1 below") << 100.0 << 1.0 << 99.0 << 0.0;
        QTest::newRow("w = 1 above") << 100.0 << 1.0 << 100.0 << 1.0;
        QTest::newRow("w = 1 at c - 0.5") << 100.5 << 1.0 << 100.0 << 0.0;   // x <= c - 0.5 is the minimum
    }
    void linearWindow()
    {
        QFETCH(double, center);
        QFETCH(double, width);
        QFETCH(double, x);
        QFETCH(double, expected);
        QCOMPARE(applyVoi(VoiWindow{center, width, VoiFunction::Linear, {}}, x), expected);
    }

    void linearExactWindow_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("expected");
        // c = 100, w = 10: linear between 95 and 105, no half-unit offsets (C.11.2.1.3.2).
        QTest::newRow("below") << 94.0 << 0.0;
        QTest::newRow("lower edge") << 95.0 << 0.0;
        QTest::newRow("just inside") << 95.5 << 0.05;
        QTest::newRow("centre") << 100.0 << 0.5;
        QTest::newRow("three quarters") << 102.5 << 0.75;
        QTest::newRow("upper edge") << 105.0 << 1.0;
        QTest::newRow("above") << 106.0 << 1.0;
    }
    void linearExactWindow()
    {
        QFETCH(double, x);
        QFETCH(double, expected);
        const double y = applyVoi(VoiWindow{100, 10, VoiFunction::LinearExact, {}}, x);
        QVERIFY2(nearlyEqual(y, expected), qPrintable(QString::number(y, 'g', 17)));
    }

    void linearExactAcceptsWidthBelowOne()
    {
        // c = 100, w = 0.5: linear between 99.75 and 100.25.
        QCOMPARE(applyVoi(VoiWindow{100, 0.5, VoiFunction::LinearExact, {}}, 99.75), 0.0);
        QCOMPARE(applyVoi(VoiWindow{100, 0.5, VoiFunction::LinearExact, {}}, 100.125), 0.75);
        QCOMPARE(applyVoi(VoiWindow{100, 0.5, VoiFunction::LinearExact, {}}, 100.25), 1.0);
    }

    void sigmoidWindow_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("expected");
        // c = 100, w = 10: 1 / (1 + exp(-4 (x - c) / w)) (C.11.2.1.3.1).
        QTest::newRow("centre") << 100.0 << 0.5;
        QTest::newRow("c + w/4") << 102.5 << 0.7310585786300049;    // 1 / (1 + e^-1)
        QTest::newRow("c - w/2") << 95.0 << 0.11920292202211755;    // 1 / (1 + e^2)
        QTest::newRow("far above") << 150.0 << 0.9999999979388463;  // 1 / (1 + e^-20)
    }
    void sigmoidWindow()
    {
        QFETCH(double, x);
        QFETCH(double, expected);
        const double y = applyVoi(VoiWindow{100, 10, VoiFunction::Sigmoid, {}}, x);
        QVERIFY2(nearlyEqual(y, expected), qPrintable(QString::number(y, 'g', 17)));
    }

    void voiLut_data()
    {
        QTest::addColumn<int>("bitsPerEntry");
        QTest::addColumn<QList<int>>("table");   // first mapped 10
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("expected");
        QTest::newRow("8 bits") << 8 << QList<int>{0, 51, 255} << 11.0 << 0.2;
        QTest::newRow("8 bits, clamps below") << 8 << QList<int>{51, 0, 255} << -5.0 << 0.2;
        QTest::newRow("8 bits, clamps above") << 8 << QList<int>{0, 255, 51} << 1000.0 << 0.2;
        QTest::newRow("16 bits, full scale") << 16 << QList<int>{0, 65535} << 11.0 << 1.0;
        // As DCMTK: scaled by the descriptor's depth, not by the largest entry.
        QTest::newRow("12 bits, data below range") << 12 << QList<int>{0, 819} << 11.0 << 0.2;
    }
    void voiLut()
    {
        QFETCH(int, bitsPerEntry);
        QFETCH(QList<int>, table);
        QFETCH(double, x);
        QFETCH(double, expected);
        const double y = applyVoi(makeLut(10, bitsPerEntry, table), x);
        QVERIFY2(nearlyEqual(y, expected), qPrintable(QString::number(y, 'g', 17)));
    }

    void identityVoi_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("expected");
        // Over the modality range -100..300.
        QTest::newRow("below") << -200.0 << 0.0;
        QTest::newRow("minimum") << -100.0 << 0.0;
        QTest::newRow("middle") << 100.0 << 0.5;
        QTest::newRow("maximum") << 300.0 << 1.0;
        QTest::newRow("above") << 400.0 << 1.0;
    }
    void identityVoi()
    {
        QFETCH(double, x);
        QFETCH(double, expected);
        QCOMPARE(applyVoi(IdentityVoi{-100.0, 300.0}, x), expected);
    }

    void presentation_data()
    {
        QTest::addColumn<Photometric>("photometric");
        QTest::addColumn<PresentationLutShape>("shape");
        QTest::addColumn<bool>("inverted");
        QTest::newRow("MONOCHROME2") << Photometric::Monochrome2 << PresentationLutShape::Unspecified << false;
        QTest::newRow("MONOCHROME2 + IDENTITY") << Photometric::Monochrome2 << PresentationLutShape::Identity << false;
        QTest::newRow("MONOCHROME2 + INVERSE") << Photometric::Monochrome2 << PresentationLutShape::Inverse << true;
        QTest::newRow("MONOCHROME1") << Photometric::Monochrome1 << PresentationLutShape::Unspecified << true;
        // INVERSE is MONOCHROME1's own inversion, not a second one (PS3.3 DX/MG Image Modules).
        QTest::newRow("MONOCHROME1 + INVERSE") << Photometric::Monochrome1 << PresentationLutShape::Inverse << true;
        // IDENTITY (non-conformant on MONOCHROME1) means no inversion, as DCMTK 3.6.7 renders it.
        QTest::newRow("MONOCHROME1 + IDENTITY") << Photometric::Monochrome1 << PresentationLutShape::Identity << false;
    }
    void presentation()
    {
        QFETCH(Photometric, photometric);
        QFETCH(PresentationLutShape, shape);
        QFETCH(bool, inverted);
        ImageAttributes a;
        a.pixelFormat = {8, 8, 7, false};
        a.photometric = photometric;
        a.presentationLutShape = shape;
        const auto lut = composeDisplayLut(a, VoiWindow{128, 256, VoiFunction::Linear, {}});
        QCOMPARE(int(lut.front()), inverted ? 255 : 0);
        QCOMPARE(int(lut.back()), inverted ? 0 : 255);
        QCOMPARE(applyPresentation(true, 0.25), 0.75);
        QCOMPARE(applyPresentation(false, 0.25), 0.25);
    }

    void composedTable_data()
    {
        QTest::addColumn<bool>("isSigned");
        QTest::addColumn<double>("slope");
        QTest::addColumn<double>("intercept");
        QTest::addColumn<double>("center");
        QTest::addColumn<double>("width");
        QTest::addColumn<int>("raw");
        QTest::addColumn<int>("expected");
        // 12 bits stored, signed: raw 0x800 is -2048, 0xFFF is -1.
        QTest::newRow("signed minimum") << true << 1.0 << 0.0 << 0.5 << 2.0 << 0x800 << 0;
        QTest::newRow("signed -1") << true << 1.0 << 0.0 << 0.5 << 2.0 << 0xFFF << 0;
        QTest::newRow("signed zero") << true << 1.0 << 0.0 << 0.5 << 2.0 << 0 << 128;   // 0.5 * 255, rounded
        QTest::newRow("signed maximum") << true << 1.0 << 0.0 << 0.5 << 2.0 << 0x7FF << 255;
        // Modality value 2 * raw - 1000 in a window linear over 500..1500.
        QTest::newRow("rescaled, lower edge") << false << 2.0 << -1000.0 << 1000.5 << 1001.0 << 750 << 0;
        QTest::newRow("rescaled, quarter") << false << 2.0 << -1000.0 << 1000.5 << 1001.0 << 875 << 64;
        QTest::newRow("rescaled, centre") << false << 2.0 << -1000.0 << 1000.5 << 1001.0 << 1000 << 128;
        QTest::newRow("rescaled, below top") << false << 2.0 << -1000.0 << 1000.5 << 1001.0 << 1249 << 254;
        QTest::newRow("rescaled, top") << false << 2.0 << -1000.0 << 1000.5 << 1001.0 << 1250 << 255;
    }
    void composedTable()
    {
        QFETCH(bool, isSigned);
        QFETCH(double, slope);
        QFETCH(double, intercept);
        QFETCH(double, center);
        QFETCH(double, width);
        QFETCH(int, raw);
        QFETCH(int, expected);
        ImageAttributes a;
        a.pixelFormat = {16, 12, 11, isSigned};
        a.modalityLut = {slope, intercept, std::nullopt};
        const auto lut = composeDisplayLut(a, VoiWindow{center, width, VoiFunction::Linear, {}});
        QCOMPARE(lut.size(), std::size_t(4096));   // indexed by the raw 12-bit pattern
        QCOMPARE(int(lut[std::size_t(raw)]), expected);
    }

    void regionRenderingAveragesBlocks()
    {
        const Image image = rampImage(4, 6, 10);
        const auto identity = identityTable();
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

    // During a window/level drag a block's mean is taken over every sampling-th row and column.
    void sampledRegionRenderingAveragesEverySampledPixel()
    {
        const Image image = rampImage(5, 8, 5);   // row r, column c: 40 r + 5 c
        const auto identity = identityTable();
        // 4x4 blocks sampled every 2nd pixel: columns 0, 2 (then 4, 6) of rows 0, 2; the last block row is row 4 alone.
        std::vector<std::uint8_t> out(4, 0);
        renderDisplayRegion(image, 0, identity, 0, 0, 8, 5, 4, out.data(), 2);
        QCOMPARE(int(out[0]), (0 + 10 + 80 + 90 + 2) / 4);
        QCOMPARE(int(out[1]), (20 + 30 + 100 + 110 + 2) / 4);
        QCOMPARE(int(out[2]), (160 + 170 + 1) / 2);
        QCOMPARE(int(out[3]), (180 + 190 + 1) / 2);
        // Sampling 1 is the exact mean; a sampling above the block size is one pixel per block.
        std::vector<std::uint8_t> exact(4, 0), sampled(4, 0);
        renderDisplayRegion(image, 0, identity, 0, 0, 8, 5, 4, exact.data());
        renderDisplayRegion(image, 0, identity, 0, 0, 8, 5, 4, sampled.data(), 1);
        QCOMPARE(exact, sampled);
        renderDisplayRegion(image, 0, identity, 0, 0, 8, 5, 4, sampled.data(), 9);
        QCOMPARE(int(sampled[0]), 0);
        QCOMPARE(int(sampled[3]), 180);
        // A partial block at the right edge: columns 5..6 of a region starting at 1, sampled at column 5 only.
        std::vector<std::uint8_t> partial(4, 0);
        renderDisplayRegion(image, 0, identity, 1, 0, 6, 4, 4, partial.data(), 2);
        QCOMPARE(int(partial[1]), (25 + 105 + 1) / 2);   // rows 0 and 2, column 5
    }

    void hostileWindowsGiveDefinedOutput_data()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        QTest::addColumn<double>("center");
        QTest::addColumn<double>("width");
        QTest::addColumn<int>("function");
        QTest::newRow("NaN centre") << nan << 100.0 << int(VoiFunction::Linear);
        QTest::newRow("NaN width") << 100.0 << nan << int(VoiFunction::Linear);
        QTest::newRow("zero width, exact") << 100.0 << 0.0 << int(VoiFunction::LinearExact);
        QTest::newRow("negative width") << 100.0 << -5.0 << int(VoiFunction::Linear);
        QTest::newRow("infinite centre, sigmoid") << inf << 10.0 << int(VoiFunction::Sigmoid);
        QTest::newRow("infinite width, sigmoid") << 0.0 << inf << int(VoiFunction::Sigmoid);
        QTest::newRow("-inf centre, exact") << -inf << 1.0 << int(VoiFunction::LinearExact);
    }
    void hostileWindowsGiveDefinedOutput()
    {
        // A W/L drag or a corrupt file may give any double; the table stays within [0, 255]
        // and NaN shows as black (UBSan in the fuzz build checks the conversions).
        QFETCH(double, center);
        QFETCH(double, width);
        QFETCH(int, function);
        ImageAttributes a;
        a.pixelFormat = {16, 12, 11, false};
        const VoiWindow window{center, width, VoiFunction(function), {}};
        for (double x : {-1e300, -1.0, 0.0, 100.0, 4095.0, 1e300})
            QVERIFY(std::isfinite(applyVoi(window, x)) && applyVoi(window, x) >= 0.0 && applyVoi(window, x) <= 1.0);
        const std::vector<std::uint8_t> table = composeDisplayLut(a, window);
        QCOMPARE(table.size(), std::size_t(4096));
        if (std::isnan(center))
            QVERIFY(std::all_of(table.begin(), table.end(), [](std::uint8_t v) { return v == 0; }));
    }

    void lutLookupIgnoresNaN()
    {
        const LutTable lut = makeLut(10, 16, {7, 8, 9});
        QCOMPARE(int(lookupLut(lut, std::numeric_limits<double>::quiet_NaN())), 7);
        QCOMPARE(int(lookupLut(lut, std::numeric_limits<double>::infinity())), 9);
        QCOMPARE(int(lookupLut(lut, -std::numeric_limits<double>::infinity())), 7);
    }

    void badRegionsAndTablesAreRefused()
    {
        ImageAttributes a;
        a.rows = 4;
        a.columns = 6;
        a.pixelFormat = {8, 8, 7, false};
        const Image image(a, std::vector<std::uint16_t>(24, 1));
        const std::vector<std::uint8_t> table(256, 9);
        std::vector<std::uint8_t> out(64, 0);
        QVERIFY_THROWS_EXCEPTION(Error, renderDisplayRegion(image, 0, table, 2, 0, 5, 4, 1, out.data()));
        QVERIFY_THROWS_EXCEPTION(Error, renderDisplayRegion(image, 0, table, 0, -1, 6, 4, 1, out.data()));
        QVERIFY_THROWS_EXCEPTION(Error, renderDisplayRegion(image, 1, table, 0, 0, 6, 4, 1, out.data()));
        QVERIFY_THROWS_EXCEPTION(Error, renderDisplayRegion(image, 0, std::vector<std::uint8_t>(200), 0, 0, 6, 4, 1,
                                                            out.data()));
        QVERIFY_THROWS_EXCEPTION(Error, applyDisplayLut(image.frame(0), 24, std::vector<std::uint8_t>(), out.data()));
        renderDisplayRegion(image, 0, table, 0, 0, 6, 4, 1, out.data());   // the whole image is fine
        QCOMPARE(int(out[23]), 9);
    }

    void imageRefusesBadFormats()
    {
        ImageAttributes a;
        a.rows = 2;
        a.columns = 2;
        a.pixelFormat = {16, 0, 0, true};
        QVERIFY_THROWS_EXCEPTION(Error, Image(a, std::vector<std::uint16_t>(4)));
        a.pixelFormat = {16, 12, 11, false};
        a.rows = -2;
        QVERIFY_THROWS_EXCEPTION(Error, Image(a, std::vector<std::uint16_t>(4)));
        // Values above Bits Stored do not index past the image's histogram.
        a.rows = 2;
        const Image image(a, std::vector<std::uint16_t>{0xFFFF, 1, 2, 3});
        QCOMPARE(image.maxStoredValue(), 4095);
    }

    void automaticWindowIgnoresAir_data()
    {
        QTest::addColumn<Photometric>("photometric");
        QTest::addColumn<double>("slope");
        QTest::addColumn<double>("intercept");
        QTest::addColumn<int>("airRaw");
        QTest::addColumn<double>("centerLow");
        QTest::addColumn<double>("centerHigh");
        QTest::addColumn<double>("widthLow");
        QTest::addColumn<double>("widthHigh");
        // Tissue is raw 1000..1299 (30 % of the pixels), the rest air.
        QTest::newRow("MONOCHROME2, dark air") << Photometric::Monochrome2 << 1.0 << 0.0 << 0 << 1100.0 << 1200.0 << 250.0 << 320.0;
        QTest::newRow("MONOCHROME1, bright air") << Photometric::Monochrome1 << 1.0 << 0.0 << 4095 << 1100.0 << 1200.0 << 250.0 << 320.0;
        // In modality units: tissue 1000..1598.
        QTest::newRow("rescaled") << Photometric::Monochrome2 << 2.0 << -1000.0 << 0 << 1250.0 << 1350.0 << 500.0 << 640.0;
    }
    void automaticWindowIgnoresAir()
    {
        QFETCH(Photometric, photometric);
        QFETCH(double, slope);
        QFETCH(double, intercept);
        QFETCH(int, airRaw);
        QFETCH(double, centerLow);
        QFETCH(double, centerHigh);
        QFETCH(double, widthLow);
        QFETCH(double, widthHigh);
        ImageAttributes a;
        a.rows = 10;
        a.columns = 100;
        a.pixelFormat = {16, 12, 11, false};
        a.photometric = photometric;
        a.modalityLut = {slope, intercept, std::nullopt};
        std::vector<std::uint16_t> pixels(1000, std::uint16_t(airRaw));
        for (int i = 0; i < 300; ++i)
            pixels[std::size_t(i)] = std::uint16_t(1000 + i);
        const Image image(a, pixels);
        const VoiWindow w = automaticWindow(image, 0);
        QVERIFY2(w.center > centerLow && w.center < centerHigh, qPrintable(QString::number(w.center)));
        QVERIFY2(w.width > widthLow && w.width < widthHigh, qPrintable(QString::number(w.width)));
        QCOMPARE(w.function, VoiFunction::Linear);
    }

    // A full-field mammogram: the threaded paths must give exactly the plain
    // per-pixel lookup; the times are printed for the README, not asserted.
    void mammogramSizedFrame()
    {
        constexpr int rows = 4096;
        constexpr int columns = 3328;
        ImageAttributes a;
        a.rows = rows;
        a.columns = columns;
        a.pixelFormat = {16, 14, 13, false};
        std::vector<std::uint16_t> pixels(std::size_t(rows) * columns);
        std::uint32_t state = 12345;
        for (std::uint16_t& p : pixels) {
            state = state * 1664525u + 1013904223u;
            p = std::uint16_t(state >> 18);   // 14 bits
        }
        const Image image(a, pixels);
        const VoiWindow window{8000, 6000, VoiFunction::Sigmoid, {}};
        const std::vector<std::uint8_t> lut = composeDisplayLut(a, window);

        std::vector<std::uint8_t> expected(pixels.size());
        for (std::size_t i = 0; i < pixels.size(); ++i)
            expected[i] = lut[pixels[i]];

        std::vector<std::uint8_t> out(pixels.size(), 0);
        applyDisplayLut(image.frame(0), out.size(), lut, out.data());
        QVERIFY(std::memcmp(out.data(), expected.data(), out.size()) == 0);

        // A region (as the viewer renders when zoomed in) at one texel per pixel.
        const int x0 = 101, y0 = 203, width = 1777, height = 2222;
        std::vector<std::uint8_t> region(std::size_t(width) * height, 0);
        renderDisplayRegion(image, 0, lut, x0, y0, width, height, 1, region.data());
        for (int y = 0; y < height; ++y)
            QVERIFY(std::memcmp(region.data() + std::size_t(y) * width,
                                expected.data() + std::size_t(y0 + y) * columns + x0, std::size_t(width)) == 0);

        const double compose = medianMilliseconds(9, [&] { composeDisplayLut(a, window); });
        const double apply = medianMilliseconds(15, [&] { applyDisplayLut(image.frame(0), out.size(), lut, out.data()); });
        const double fullRegion = medianMilliseconds(9, [&] {
            std::vector<std::uint8_t> grey(pixels.size());
            renderDisplayRegion(image, 0, lut, 0, 0, columns, rows, 1, grey.data());
        });
        const double fitRegion = medianMilliseconds(9, [&] {
            std::vector<std::uint8_t> grey(std::size_t((columns + 3) / 4) * ((rows + 3) / 4));
            renderDisplayRegion(image, 0, lut, 0, 0, columns, rows, 4, grey.data());
        });
        qInfo("3328x4096, 14-bit, %u hardware threads (median ms): compose SIGMOID table %.2f, "
              "applyDisplayLut %.2f, renderDisplayRegion step 1 %.2f, step 4 %.2f",
              std::thread::hardware_concurrency(), compose, apply, fullRegion, fitRegion);
    }
};

QTEST_GUILESS_MAIN(TestDisplayChain)
#include "test_display_chain.moc"
