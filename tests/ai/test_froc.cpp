// FROC on a constructed example whose answer is worked out by hand.
#include "ai/Froc.h"
#include "ai/FrocReport.h"

#include <QtTest>

using namespace mammo::ai;

class TestFroc : public QObject {
    Q_OBJECT
private:
    // Image A: masses m1 (50, 50, r 10) and m2 (150, 150, r 20). Image B: normal.
    //   0.9 A d1 on m1 (IoU 1)            hit under both rules
    //   0.8 B                               false positive
    //   0.7 A d2 centre inside m2, IoU 0.25 hit for the centre rule only
    //   0.6 A d1 again, shifted by 1 px     second mark on a found mass: false positive
    //   0.5 B                               false positive
    std::vector<FrocImage> example() const
    {
        FrocImage a;
        a.masses = {{50, 50, 10}, {150, 150, 20}};
        a.detections = {{40, 40, 60, 60, 0.9}, {145, 145, 165, 165, 0.7}, {41, 41, 61, 61, 0.6}};
        FrocImage b;
        b.detections = {{0, 0, 10, 10, 0.8}, {20, 20, 30, 30, 0.5}};
        return {a, b};
    }

private Q_SLOTS:
    void centreRule()
    {
        const auto curve = frocCurve(example(), HitRule::CentreInCircle);
        QCOMPARE(curve.size(), std::size_t(5));
        QCOMPARE(curve[0].tpr, 0.5);
        QCOMPARE(curve[0].fppi, 0.0);
        QCOMPARE(curve[2].threshold, 0.7);
        QCOMPARE(curve[2].tpr, 1.0);
        QCOMPARE(curve[2].fppi, 0.5);
        QCOMPARE(curve[4].fppi, 1.5);
        QCOMPARE(tprAtFppi(curve, 0.25), 0.5);
        QCOMPARE(tprAtFppi(curve, 0.5), 1.0);
        QCOMPARE(thresholdAtFppi(curve, 0.5), 0.7);
    }

    void iouRule()
    {
        const auto curve = frocCurve(example(), HitRule::IouAboveHalf);
        QCOMPARE(tprAtFppi(curve, 0.25), 0.5);
        QCOMPARE(tprAtFppi(curve, 4.0), 0.5);
        QCOMPARE(curve.back().fppi, 2.0);
        const auto standard = tprAtStandardFppi(example(), HitRule::IouAboveHalf);
        QCOMPARE(standard, (std::vector<double>{0.5, 0.5, 0.5, 0.5, 0.5}));
    }

    void tiedScoresGiveOnePoint()
    {
        FrocImage image;
        image.masses = {{10, 10, 5}};
        image.detections = {{5, 5, 15, 15, 0.5}, {50, 50, 60, 60, 0.5}};
        const auto curve = frocCurve({image}, HitRule::CentreInCircle);
        QCOMPARE(curve.size(), std::size_t(1));
        QCOMPARE(curve[0].tpr, 1.0);
        QCOMPARE(curve[0].fppi, 1.0);
    }

    void summaryHasTheIssueShape()
    {
        const auto json = frocSummaryJson("cpu", {example(), example()});
        QCOMPARE(json["folds"].get<int>(), 2);
        const auto& centre = json["rules"]["centre"];
        QCOMPARE(centre["fppi"].size(), std::size_t(5));
        QCOMPARE(centre["per_fold"].size(), std::size_t(2));
        QCOMPARE(centre["tpr_mean"][1].get<double>(), 1.0);
        QCOMPARE(centre["tpr_std"][1].get<double>(), 0.0);
        const auto images = foldImagesFromJson(foldEvaluationJson(1, {"a", "b"}, example()));
        QCOMPARE(tprAtStandardFppi(images, HitRule::CentreInCircle), tprAtStandardFppi(example(), HitRule::CentreInCircle));
    }
};

QTEST_APPLESS_MAIN(TestFroc)
#include "test_froc.moc"
