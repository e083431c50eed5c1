// Placing a lesion: the transform's geometry, the warped patch and mask, the
// breast mask, random placements inside the breast and repeatable from a
// seed, and a whole synthetic case whose changes stay in its region.
#include "SynthesisTestData.h"
#include "ai/synthesis/BreastMask.h"
#include "ai/synthesis/LesionExtraction.h"
#include "ai/synthesis/LesionSynthesis.h"
#include "ai/synthesis/PasteBlender.h"
#include "ai/synthesis/PastePlacement.h"
#include "ai/synthesis/PoissonBlender.h"
#include "ai/synthesis/RandomPlacer.h"
#include "core/Error.h"

#include <QtTest>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <vector>

using namespace mammo::ai::synthesis;
namespace core = mammo::core;

namespace {

// A drawn lesion: an ellipse, brighter inside, in a patch with a gradient.
LesionPatch drawnLesion()
{
    LesionPatch lesion;
    lesion.id = "drawn";
    lesion.grey.create(61, 81, CV_32F);
    for (int y = 0; y < lesion.grey.rows; ++y)
        for (int x = 0; x < lesion.grey.cols; ++x)
            lesion.grey.at<float>(y, x) = 0.2f + 0.002f * float(x + 2 * y);
    lesion.mask = cv::Mat::zeros(lesion.grey.size(), CV_8U);
    cv::ellipse(lesion.mask, cv::Point(40, 30), cv::Size(24, 12), 0.0, 0, 360, 255, cv::FILLED);
    lesion.grey.setTo(0.8f, lesion.mask);
    lesion.centre = {40, 30};
    lesion.radiusPx = 24;
    lesion.pixelSizeMm = 0.2;
    return lesion;
}

cv::Point2d apply(const cv::Matx23d& m, cv::Point2d p)
{
    return {m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2), m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2)};
}

} // namespace

class TestLesionPlacement : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transformGeometry()
    {
        const LesionPatch lesion = drawnLesion();
        const cv::Matx23d t = placementTransform(lesion, {{500.25, 300.5}, 2.0, 90.0});
        const cv::Point2d centre = apply(t, lesion.centre);
        QVERIFY(std::abs(centre.x - 500.25) < 1e-9 && std::abs(centre.y - 300.5) < 1e-9);
        // 90 degrees counter-clockwise on screen (y down): right of the centre goes up.
        const cv::Point2d right = apply(t, lesion.centre + cv::Point2d(10, 0));
        QVERIFY(std::abs(right.x - 500.25) < 1e-9 && std::abs(right.y - (300.5 - 20.0)) < 1e-9);
    }

    void identityPlacementCopiesThePatch()
    {
        const LesionPatch lesion = drawnLesion();
        const WarpedLesion warped = warpLesion(lesion, {{200, 150}, 1.0, 0.0}, cv::Size(400, 300));
        QCOMPARE(warped.roi, cv::Rect(160, 120, 81, 61));
        QCOMPARE(cv::countNonZero(warped.mask != lesion.mask), 0);
        double difference = 0.0;
        cv::minMaxLoc(cv::abs(warped.grey - lesion.grey), nullptr, &difference);
        QVERIFY(difference < 1e-6);
        // A margin widens the region and keeps the patch where it was.
        const WarpedLesion wider = warpLesion(lesion, {{200, 150}, 1.0, 0.0}, cv::Size(400, 300), 10);
        QCOMPARE(wider.roi, cv::Rect(150, 110, 101, 81));
        QCOMPARE(cv::countNonZero(wider.mask(cv::Rect(10, 10, 81, 61)) != lesion.mask), 0);
    }

    void scaleAndRotationMoveTheMask()
    {
        const LesionPatch lesion = drawnLesion();
        const double area = cv::countNonZero(lesion.mask);
        const WarpedLesion doubled = warpLesion(lesion, {{200, 150}, 2.0, 0.0}, cv::Size(400, 300));
        QVERIFY(std::abs(cv::countNonZero(doubled.mask) / area - 4.0) < 0.2);   // 4x, up to pixelation
        QVERIFY(std::abs(doubled.roi.width - 162) <= 1 && std::abs(doubled.roi.height - 122) <= 1);
        // Rotated a quarter turn the ellipse stands upright: taller than wide.
        const WarpedLesion turned = warpLesion(lesion, {{200, 150}, 1.0, 90.0}, cv::Size(400, 300));
        const cv::Rect box = cv::boundingRect(turned.mask);
        QVERIFY(std::abs(box.height - 49) <= 2 && std::abs(box.width - 25) <= 2);
        QVERIFY(std::abs(cv::countNonZero(turned.mask) / area - 1.0) < 0.03);
        QVERIFY(std::abs(lesionExtentPx(lesion) - 24.5) < 0.6);
    }

    void regionIsClippedToTheImage()
    {
        const LesionPatch lesion = drawnLesion();
        const WarpedLesion warped = warpLesion(lesion, {{10, 5}, 1.0, 0.0}, cv::Size(400, 300));
        QCOMPARE(warped.roi, cv::Rect(0, 0, 51, 36));
        QVERIFY_THROWS_EXCEPTION(core::Error, warpLesion(lesion, {{-500, 5}, 1.0, 0.0}, cv::Size(400, 300)));
        QVERIFY_THROWS_EXCEPTION(core::Error, warpLesion(lesion, {{100, 100}, 0.0, 0.0}, cv::Size(400, 300)));
    }

    void breastMaskLeavesOutLabelsAndBackground()
    {
        // A half-disc "breast" against the left edge, a bright label far from it.
        cv::Mat image(400, 300, CV_8U, cv::Scalar(5));
        cv::Mat truth = cv::Mat::zeros(image.size(), CV_8U);
        cv::circle(truth, cv::Point(0, 200), 150, 255, cv::FILLED);
        image.setTo(120, truth);
        cv::circle(image, cv::Point(40, 200), 10, 10, cv::FILLED);   // a dark hole: filled in
        cv::rectangle(image, cv::Rect(240, 20, 30, 12), 250, cv::FILLED);
        const cv::Mat breast = segmentBreastMask(image);
        QVERIFY(double(cv::countNonZero(breast & truth)) / cv::countNonZero(breast | truth) > 0.97);
        QCOMPARE(breast.at<uchar>(26, 255), uchar(0));
        QCOMPARE(breast.at<uchar>(200, 40), uchar(255));
    }

    void randomPlacementsLieInsideTheBreast()
    {
        const cv::Mat normal = mammo::tests::readMias("mdb003");
        QVERIFY(!normal.empty());
        const cv::Mat breast = segmentBreastMask(normal);
        QVERIFY(cv::countNonZero(breast) > int(normal.total() / 10));
        const LesionPatch lesion = drawnLesion();
        RandomPlacementOptions options;
        options.minScale = 0.5;
        options.maxScale = 1.5;
        options.minRotationDeg = -45.0;
        options.maxRotationDeg = 45.0;
        options.borderMarginPx = 20;
        RandomPlacer placer(breast, 42, options);
        for (int i = 0; i < 40; ++i) {
            const auto placement = placer.next(lesion);
            QVERIFY(placement);
            QVERIFY(placement->scale >= 0.5 && placement->scale <= 1.5);
            QVERIFY(placement->rotationDeg >= -45.0 && placement->rotationDeg <= 45.0);
            const WarpedLesion warped = warpLesion(lesion, *placement, normal.size());
            cv::Mat placed = cv::Mat::zeros(normal.size(), CV_8U);
            warped.mask.copyTo(placed(warped.roi));
            QCOMPARE(cv::countNonZero(placed & ~breast), 0);
            const cv::Rect box = cv::boundingRect(placed);
            QVERIFY(box.x >= 20 && box.y >= 20 && box.br().x <= normal.cols - 20 && box.br().y <= normal.rows - 20);
        }
    }

    void placementsRepeatWithTheSeed()
    {
        const cv::Mat breast = segmentBreastMask(mammo::tests::readMias("mdb003"));
        const LesionPatch lesion = drawnLesion();
        RandomPlacer first(breast, 7), second(breast, 7), other(breast, 8);
        bool differs = false;
        for (int i = 0; i < 10; ++i) {
            const PastePlacement a = *first.next(lesion), b = *second.next(lesion), c = *other.next(lesion);
            QCOMPARE(a.centre, b.centre);
            QCOMPARE(a.scale, b.scale);
            QCOMPARE(a.rotationDeg, b.rotationDeg);
            differs = differs || a.centre != c.centre || a.scale != c.scale;
        }
        QVERIFY(differs);
    }

    void aLesionTooLargeFitsNowhere()
    {
        cv::Mat breast = cv::Mat::zeros(100, 100, CV_8U);
        cv::circle(breast, cv::Point(50, 50), 20, 255, cv::FILLED);
        RandomPlacer placer(breast, 1);
        QVERIFY(!placer.next(drawnLesion()));
        QVERIFY_THROWS_EXCEPTION(core::Error, RandomPlacer(cv::Mat::zeros(10, 10, CV_8U), 1));
    }

    void syntheticCaseChangesOnlyItsRegion()
    {
        const cv::Mat normal = mammo::tests::readMias("mdb003");
        const cv::Mat source = mammo::tests::readMias("mdb028");
        QVERIFY(!normal.empty() && !source.empty());
        // Info.txt: mdb028 CIRC at (338, 314) from the bottom, radius 56.
        LesionPatch lesion = extractLesion(source, {338, 1023 - 314}, 56, 0.2);
        lesion.id = "mdb028-1";
        RandomPlacer placer(segmentBreastMask(normal), 2026);
        const PastePlacement placement = *placer.next(lesion);

        const SyntheticLesion pasted = synthesizeLesion(normal, lesion, placement, PasteBlender());
        QCOMPARE(pasted.image.type(), CV_8UC1);
        const cv::Mat outside = cv::Mat(normal.size(), CV_8U, cv::Scalar(255));
        outside(pasted.roi).setTo(0);
        QCOMPARE(cv::countNonZero((pasted.image != normal) & outside), 0);
        QCOMPARE(cv::countNonZero(pasted.lesionMask & outside), 0);
        QVERIFY(cv::countNonZero(pasted.lesionMask) > 0.5 * cv::countNonZero(lesion.mask) * placement.scale * placement.scale);
        QCOMPARE(cv::countNonZero(pasted.image != pasted.pasted), 0);   // the paste blender is the paste
        QCOMPARE(pasted.radiusPx, 56 * placement.scale);

        const SyntheticLesion blended = synthesizeLesion(normal, lesion, placement, PoissonBlender());
        QCOMPARE(blended.roi, pasted.roi);
        QCOMPARE(cv::countNonZero((blended.image != normal) & outside), 0);
        QCOMPARE(cv::countNonZero((blended.image != normal) & ~blended.lesionMask), 0);
        QVERIFY(cv::countNonZero(blended.image != normal) > 0);
        QCOMPARE(cv::countNonZero(blended.pasted != pasted.pasted), 0);
    }
};

QTEST_APPLESS_MAIN(TestLesionPlacement)
#include "test_lesion_placement.moc"
