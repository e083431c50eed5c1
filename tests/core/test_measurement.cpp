#include <core/Measurement.h>
#include <core/ViewCodes.h>

#include <QtTest>

using namespace mammo::core;

class TestMeasurement : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void prefersCalibratedPixelSpacing()
    {
        ImageAttributes a;
        a.pixelSpacing = Spacing{0.05, 0.05};
        a.imagerPixelSpacing = Spacing{0.07, 0.07};
        a.magnificationFactor = 1.4;
        const auto s = measurementSpacing(a);
        QCOMPARE(s->basis, SpacingBasis::PixelSpacing);
        QCOMPARE(distanceMm(*s, 0, 0, 30, 40), 2.5);
    }

    void correctsImagerSpacingByMagnification()
    {
        ImageAttributes a;
        a.imagerPixelSpacing = Spacing{0.1, 0.1};
        a.magnificationFactor = 1.25;
        const auto s = measurementSpacing(a);
        QCOMPARE(s->basis, SpacingBasis::ImagerCorrected);
        QVERIFY(qFuzzyCompare(distanceMm(*s, 0, 0, 100, 0), 8.0));
        a.magnificationFactor.reset();
        QCOMPARE(measurementSpacing(a)->basis, SpacingBasis::Imager);
        QVERIFY(qFuzzyCompare(distanceMm(*measurementSpacing(a), 0, 0, 100, 0), 10.0));
    }

    void noSpacingMeansNoMillimetres()
    {
        QVERIFY(!measurementSpacing(ImageAttributes{}).has_value());
    }

    void viewCodesParse()
    {
        QCOMPARE(viewPositionFromCode("R-10226", "SRT", ""), ViewPosition::MLO);
        QCOMPARE(viewPositionFromCode("399162004", "SCT", ""), ViewPosition::CC);
        QCOMPARE(viewPositionFromCode("X", "99", "medio-lateral oblique"), ViewPosition::MLO);
        QCOMPARE(viewPositionFromString("R-MLO"), ViewPosition::MLO);
        QCOMPARE(viewPositionFromString("LCC"), ViewPosition::CC);
        QCOMPARE(viewPositionFromString("XCCL"), ViewPosition::XCCL);
        QCOMPARE(viewPositionFromString("weird"), ViewPosition::Unknown);
        QCOMPARE(viewCode(ViewPosition::MLO).value, std::string("399368009"));
    }
};

QTEST_GUILESS_MAIN(TestMeasurement)
#include "test_measurement.moc"
