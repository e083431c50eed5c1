// Lesion outlines along pixel edges: filled back by the SEG writer's rasteriser
// they give exactly the mask (its largest 4-connected region, holes filled).
#include "ai/synthesis/LesionOutline.h"
#include "core/Error.h"
#include "core/cad/PolygonRasterizer.h"

#include <QtTest>

#include <opencv2/imgproc.hpp>

using namespace mammo::ai::synthesis;
namespace core = mammo::core;

namespace {

cv::Mat filledBack(const std::vector<core::ImagePoint>& outline, cv::Size size)
{
    const core::cad::BinaryMask mask = core::cad::rasterizePolygon(outline, size.height, size.width);
    cv::Mat result(size, CV_8U);
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x)
            result.at<uchar>(y, x) = mask.at(y, x) ? 255 : 0;
    return result;
}

} // namespace

class TestLesionOutline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void discComesBackExactly()
    {
        cv::Mat mask = cv::Mat::zeros(160, 200, CV_8U);
        cv::circle(mask, {100, 80}, 30, 255, cv::FILLED);
        const auto outline = lesionOutline(mask);
        QVERIFY(outline.size() > 40);
        QCOMPARE(cv::countNonZero(filledBack(outline, mask.size()) != mask), 0);
        // Vertices are pixel corners: whole numbers, on the region's bounds.
        const cv::Rect bounds = cv::boundingRect(mask);
        for (const core::ImagePoint& p : outline) {
            QCOMPARE(p.x, std::round(p.x));
            QVERIFY(p.x >= bounds.x && p.x <= bounds.x + bounds.width);
            QVERIFY(p.y >= bounds.y && p.y <= bounds.y + bounds.height);
        }
        const core::Finding finding = lesionFinding(mask, "1.2.3", "synthetic mass");
        QCOMPARE(finding.box.x, double(bounds.x));
        QCOMPARE(finding.box.width, double(bounds.width));
        QCOMPARE(finding.sopInstanceUid, std::string("1.2.3"));
        QVERIFY(!finding.drawnByReader);
    }

    void largestRegionWithHolesFilled()
    {
        cv::Mat mask = cv::Mat::zeros(100, 120, CV_8U);
        cv::rectangle(mask, cv::Rect(10, 10, 50, 40), 255, cv::FILLED);
        cv::rectangle(mask, cv::Rect(25, 20, 10, 8), 0, cv::FILLED);   // a hole
        cv::rectangle(mask, cv::Rect(80, 60, 8, 8), 255, cv::FILLED);  // a smaller region
        mask.at<uchar>(50, 60) = 255;                                   // touches the big one at a corner only
        cv::Mat expected = cv::Mat::zeros(mask.size(), CV_8U);
        cv::rectangle(expected, cv::Rect(10, 10, 50, 40), 255, cv::FILLED);
        const auto outline = lesionOutline(mask);
        QCOMPARE(outline.size(), std::size_t(4));
        QCOMPARE(cv::countNonZero(filledBack(outline, mask.size()) != expected), 0);
    }

    void regionAtTheImageBorder()
    {
        cv::Mat mask = cv::Mat::zeros(40, 40, CV_8U);
        cv::circle(mask, {0, 39}, 12, 255, cv::FILLED);
        QCOMPARE(cv::countNonZero(filledBack(lesionOutline(mask), mask.size()) != mask), 0);
    }

    void badMasks()
    {
        QVERIFY_THROWS_EXCEPTION(core::Error, lesionOutline(cv::Mat::zeros(10, 10, CV_8U)));
        QVERIFY_THROWS_EXCEPTION(core::Error, lesionOutline(cv::Mat::ones(10, 10, CV_32F)));
        QVERIFY_THROWS_EXCEPTION(core::Error, lesionOutline(cv::Mat()));
    }
};

QTEST_APPLESS_MAIN(TestLesionOutline)
#include "test_lesion_outline.moc"
