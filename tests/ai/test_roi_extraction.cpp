// COIN's ROIs: a disc comes out centred and of the size the context rule
// says, the film outside the image is black, boxes and circles agree, and the
// mini-MIAS lesion lists match Info.txt read line by line here.
#include "ai/MiasGroundTruth.h"
#include "ai/coin/RoiExtraction.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <QtTest>

#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace mammo::ai::coin;
namespace core = mammo::core;

namespace {

constexpr double kPi = 3.14159265358979323846;

// A disc of value 255 on `background`; pixel (r, c) is inside when its centre
// (c + 0.5, r + 0.5) is within the radius (continuous coordinates).
cv::Mat discImage(cv::Size size, cv::Point2d centre, double radius, int background = 0)
{
    cv::Mat image(size, CV_8U, cv::Scalar(background));
    for (int r = 0; r < size.height; ++r)
        for (int c = 0; c < size.width; ++c) {
            const double dx = c + 0.5 - centre.x, dy = r + 0.5 - centre.y;
            if (dx * dx + dy * dy <= radius * radius)
                image.at<uchar>(r, c) = 255;
        }
    return image;
}

struct Blob {
    double x = 0, y = 0;   // centroid, continuous coordinates
    int area = 0;
};

Blob brightBlob(const cv::Mat& patch)
{
    Blob blob;
    for (int r = 0; r < patch.rows; ++r)
        for (int c = 0; c < patch.cols; ++c)
            if (patch.at<uchar>(r, c) > 127) {
                blob.x += c + 0.5;
                blob.y += r + 0.5;
                ++blob.area;
            }
    if (blob.area > 0) {
        blob.x /= blob.area;
        blob.y /= blob.area;
    }
    return blob;
}

bool allEqual(const cv::Mat& region, int value)
{
    return cv::countNonZero(region != value) == 0;
}

// One Info.txt row with coordinates, read without the catalogue.
struct InfoRow {
    std::string reference, code, severity;
    int x = 0, y = 0, radius = 0;
};

bool isNumber(const std::string& token)
{
    return !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
}

std::vector<InfoRow> rowsWithCoordinates(const std::string& infoPath)
{
    std::ifstream file(infoPath);
    std::vector<InfoRow> rows;
    for (std::string line; std::getline(file, line);) {
        std::istringstream stream(line);
        std::vector<std::string> t;
        for (std::string token; stream >> token;)
            t.push_back(token);
        if (t.size() != 7 || t[0].rfind("mdb", 0) != 0 || !isNumber(t[4]) || !isNumber(t[5]) || !isNumber(t[6]))
            continue;
        rows.push_back({t[0], t[2], t[3], std::stoi(t[4]), std::stoi(t[5]), std::stoi(t[6])});
    }
    return rows;
}

std::string miasDirectory()
{
    return core::miasDatasetDirectory(MAMMO_MIAS_DIR);
}

} // namespace

class TestRoiExtraction : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sideGrowsWithTheLesionAboveAMinimum()
    {
        QCOMPARE(roiSourceSide(20), 128.0);    // 2 x 40 = 80, clamped
        QCOMPARE(roiSourceSide(32), 128.0);    // 2 x 64
        QCOMPARE(roiSourceSide(100), 400.0);   // 2 x 200
        RoiOptions options;
        options.contextFactor = 3;
        options.minimumSide = 64;
        QCOMPARE(roiSourceSide(5, options), 64.0);
        QCOMPARE(roiSourceSide(20, options), 120.0);
    }

    void discIsCentredAndScaled_data()
    {
        QTest::addColumn<double>("cx");
        QTest::addColumn<double>("cy");
        QTest::addColumn<double>("radius");
        QTest::newRow("small, side clamped to 128 (enlarged)") << 300.0 << 400.0 << 20.0;
        QTest::newRow("sub-pixel centre, enlarged") << 300.25 << 410.75 << 12.0;
        QTest::newRow("side 224, same scale") << 500.0 << 500.0 << 56.0;
        QTest::newRow("large, side 400 (shrunk)") << 512.0 << 500.0 << 100.0;
        QTest::newRow("sub-pixel centre, shrunk") << 600.5 << 333.3 << 70.0;
    }

    void discIsCentredAndScaled()
    {
        QFETCH(double, cx);
        QFETCH(double, cy);
        QFETCH(double, radius);
        const cv::Mat image = discImage({1024, 1024}, {cx, cy}, radius);
        const cv::Mat patch = extractRoi(image, cv::Point2d(cx, cy), radius);
        QVERIFY(patch.size() == cv::Size(kRoiSize, kRoiSize));
        QCOMPARE(patch.type(), CV_8U);
        const Blob blob = brightBlob(patch);
        QVERIFY2(std::abs(blob.x - 112) < 0.5 && std::abs(blob.y - 112) < 0.5,
                 qPrintable(QString("centroid %1, %2").arg(blob.x).arg(blob.y)));
        // The disc is radius * 224 / side patch pixels wide: 35, 21, 56, 56, 56.
        const double expectedRadius = radius * kRoiSize / roiSourceSide(radius);
        const double expectedArea = kPi * expectedRadius * expectedRadius;
        QVERIFY2(std::abs(blob.area - expectedArea) < 0.03 * expectedArea,
                 qPrintable(QString("area %1, expected %2").arg(blob.area).arg(expectedArea)));
    }

    void paddingOutsideTheImageIsBlack()
    {
        // Top-left: side 128 over x in [-29, 99), y in [-24, 104); patch pixel j
        // shows x = -29 + (j + 0.5) * 128 / 224, wholly outside for j <= 48 (x < -0.5).
        {
            const cv::Mat image = discImage({1024, 1024}, {35, 40}, 30, 60);
            const cv::Mat patch = extractRoi(image, cv::Point2d(35, 40), 30);
            QVERIFY(allEqual(patch.colRange(0, 49), 0));
            QVERIFY(allEqual(patch.rowRange(0, 40), 0));
            QCOMPARE(int(patch.at<uchar>(220, 60)), 60);   // image background at (5.6, 101.9)
            const Blob blob = brightBlob(patch);
            QVERIFY(std::abs(blob.x - 112) < 0.5 && std::abs(blob.y - 112) < 0.5);
        }
        // Bottom-right of a 400 x 300 image: x in [306, 434), y in [206, 334); outside from j = 165.
        {
            const cv::Mat image = discImage({400, 300}, {370, 270}, 25, 60);
            const cv::Mat patch = extractRoi(image, cv::Point2d(370, 270), 25);
            QVERIFY(allEqual(patch.colRange(165, kRoiSize), 0));
            QVERIFY(allEqual(patch.rowRange(165, kRoiSize), 0));
            QCOMPARE(int(patch.at<uchar>(60, 60)), 60);
            QVERIFY(allEqual(patch(cv::Rect(0, 0, 40, 40)), 60));
            const Blob blob = brightBlob(patch);
            QVERIFY(std::abs(blob.x - 112) < 0.5 && std::abs(blob.y - 112) < 0.5);
        }
        // Shrinking at a corner: side 400 over x in [-110, 290), y in [750, 1150); patch
        // pixel j averages x in [-110 + 1.79 j, -110 + 1.79 (j + 1)).
        {
            const cv::Mat image = discImage({1024, 1024}, {90, 950}, 40, 60);
            const cv::Mat patch = extractRoi(image, cv::Point2d(90, 950), 100);
            QVERIFY(allEqual(patch.colRange(0, 61), 0));
            QVERIFY(allEqual(patch.rowRange(154, kRoiSize), 0));
            QCOMPARE(int(patch.at<uchar>(30, 200)), 60);
        }
        // A lesion wholly outside the image gives a black patch, not an error.
        const cv::Mat image(100, 100, CV_8U, cv::Scalar(60));
        QVERIFY(allEqual(extractRoi(image, cv::Point2d(-500, -500), 10), 0));
        QVERIFY(allEqual(extractRoi(image, cv::Point2d(900, 50), 200), 0));
    }

    void boxAndCircleGiveTheSamePatch()
    {
        const cv::Mat image = discImage({512, 512}, {300.25, 210.5}, 12, 30);
        const cv::Mat fromCircle = extractRoi(image, cv::Point2d(300.25, 210.5), 12);
        const cv::Mat fromSquare = extractRoi(image, cv::Rect2d(288.25, 198.5, 24, 24));
        QVERIFY(allEqual(fromCircle != fromSquare, 0));
        // A box: its centre, half its longer side.
        const cv::Mat wide = extractRoi(image, cv::Rect2d(240, 190, 120, 40));
        QVERIFY(allEqual(wide != extractRoi(image, cv::Point2d(300, 210), 60), 0));
    }

    void keepsTheTypeAndRejectsBadInput()
    {
        cv::Mat image16(300, 300, CV_16U, cv::Scalar(40000));
        const cv::Mat patch16 = extractRoi(image16, cv::Point2d(150, 150), 20);
        QCOMPARE(patch16.type(), CV_16U);
        QCOMPARE(int(patch16.at<ushort>(112, 112)), 40000);
        cv::Mat image32(300, 300, CV_32F, cv::Scalar(0.25));
        const cv::Mat patch32 = extractRoi(image32, cv::Point2d(150, 150), 100);   // shrunk, partly outside
        QCOMPARE(patch32.type(), CV_32F);
        QCOMPARE(patch32.at<float>(112, 112), 0.25f);
        QCOMPARE(patch32.at<float>(0, 0), 0.0f);

        QVERIFY_THROWS_EXCEPTION(core::Error, extractRoi(cv::Mat(), cv::Point2d(1, 1), 5));
        QVERIFY_THROWS_EXCEPTION(core::Error, extractRoi(cv::Mat(64, 64, CV_8UC3), cv::Point2d(1, 1), 5));
        QVERIFY_THROWS_EXCEPTION(core::Error, extractRoi(cv::Mat(64, 64, CV_8U), cv::Point2d(1, 1), 0));
    }

    void normalisedPatchHasZeroMeanAndUnitVariance()
    {
        cv::Mat patch(kRoiSize, kRoiSize, CV_8U);
        cv::randu(patch, 30, 200);
        const cv::Mat input = normaliseRoi(patch);
        QCOMPARE(input.type(), CV_32F);
        cv::Scalar mean, deviation;
        cv::meanStdDev(input, mean, deviation);
        QVERIFY(std::abs(mean[0]) < 1e-4 && std::abs(deviation[0] - 1) < 1e-4);
        // The same picture in 16 bits gives the same input.
        cv::Mat patch16;
        patch.convertTo(patch16, CV_16U, 257.0);
        QVERIFY(cv::norm(normaliseRoi(patch16), input, cv::NORM_INF) < 1e-4);
        QVERIFY(allEqual(normaliseRoi(cv::Mat(8, 8, CV_8U, cv::Scalar(77))), 0));
    }

    void miasListsEveryRowWithCoordinates()
    {
        const std::string directory = miasDirectory();
        const auto catalog = core::MiasCatalog::fromDirectory(directory);
        const auto rows = rowsWithCoordinates(directory + "/Info.txt");
        const std::set<std::string> massCodes{"CIRC", "SPIC", "MISC"};

        std::vector<InfoRow> massRows;
        for (const auto& row : rows)
            if (massCodes.count(row.code))
                massRows.push_back(row);
        const auto masses = miasLesionRois(catalog, LesionSelection::Masses);
        const auto all = miasLesionRois(catalog, LesionSelection::AllAbnormalities);
        QCOMPARE(masses.size(), massRows.size());
        QCOMPARE(all.size(), rows.size());
        QCOMPARE(int(masses.size()), 58);   // the figure DESIGN.md quotes
        QCOMPARE(int(all.size()), 119);

        // Row by row, in file order: the same lesion, y flipped to count from the top.
        const auto sameRow = [](const LesionRoi& roi, const InfoRow& row) {
            return roi.reference == row.reference && core::miasClassCode(roi.abnormalityClass) == row.code
                   && core::miasSeverityCode(roi.severity) == row.severity
                   && roi.label == (row.severity == "M" ? 1 : 0) && roi.centre.x == row.x
                   && roi.centre.y == core::kMiasImageSize - 1 - row.y && roi.radius == row.radius;
        };
        for (std::size_t k = 0; k < masses.size(); ++k)
            QVERIFY2(sameRow(masses[k], massRows[k]), massRows[k].reference.c_str());
        for (std::size_t k = 0; k < all.size(); ++k)
            QVERIFY2(sameRow(all[k], rows[k]), rows[k].reference.c_str());
        QCOMPARE(masses.front().reference, std::string("mdb001"));
        QVERIFY(masses.front().centre == cv::Point2d(535, 1023 - 425));

        // The detector's ground truth has the same masses.
        std::size_t circles = 0;
        for (const auto& image : catalog.images())
            circles += mammo::ai::miasMassCircles(image).size();
        QCOMPARE(masses.size(), circles);
    }

    void patchOfARealMass()
    {
        const std::string directory = miasDirectory();
        const auto catalog = core::MiasCatalog::fromDirectory(directory);
        const auto masses = miasLesionRois(catalog, LesionSelection::Masses);
        const auto& lesion = masses.at(2);   // mdb005, a benign circumscribed mass of radius 30
        QCOMPARE(lesion.reference, std::string("mdb005"));
        const cv::Mat image = cv::imread(directory + "/" + lesion.reference + ".png", cv::IMREAD_GRAYSCALE);
        QVERIFY(!image.empty());
        const cv::Mat patch = extractRoi(image, lesion.centre, lesion.radius);
        QVERIFY(patch.size() == cv::Size(kRoiSize, kRoiSize));
        // A mass is denser than the tissue around it: brighter centre than border.
        const double centre = cv::mean(patch(cv::Rect(96, 96, 32, 32)))[0];
        const double ring = (cv::mean(patch.rowRange(0, 16))[0] + cv::mean(patch.rowRange(208, 224))[0]) / 2;
        QVERIFY2(centre > ring, qPrintable(QString("centre %1, border %2").arg(centre).arg(ring)));
    }
};

QTEST_APPLESS_MAIN(TestRoiExtraction)
#include "test_roi_extraction.moc"
