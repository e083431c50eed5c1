// The lesion library: masks of real mini-MIAS masses (inside their circle,
// containing the centre, brighter than the tissue around), the segmentation
// rule on a drawn lesion and its fallback, save/load, import, thumbnails.
#include "SynthesisTestData.h"
#include "ai/synthesis/LesionExtraction.h"
#include "ai/synthesis/LesionLibrary.h"
#include "ai/synthesis/LesionThumbnail.h"
#include "core/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <fstream>

using namespace mammo::ai::synthesis;
namespace core = mammo::core;

namespace {

cv::Mat disc(cv::Size size, cv::Point2d centre, double radius)
{
    cv::Mat mask = cv::Mat::zeros(size, CV_8U);
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x)
            if (std::hypot(x - centre.x, y - centre.y) <= radius)
                mask.at<uchar>(y, x) = 255;
    return mask;
}

double iou(const cv::Mat& a, const cv::Mat& b)
{
    return double(cv::countNonZero(a & b)) / std::max(1, cv::countNonZero(a | b));
}

} // namespace

class TestLesionLibrary : public QObject {
    Q_OBJECT

private:
    core::MiasCatalog m_catalog;
    LesionLibrary m_library;

private Q_SLOTS:
    void initTestCase()
    {
        m_catalog = core::MiasCatalog::fromDirectory(mammo::tests::miasDirectory());
        m_library = LesionLibrary::fromMias(m_catalog, mammo::tests::miasDirectory(), {"mdb023", "mdb028", "mdb184", "mdb005"});
    }

    void realMassesHaveSaneMasks_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("lesionClass");
        QTest::addColumn<double>("radius");
        // Info.txt: mdb023 G CIRC M 538 681 29; mdb028 F CIRC M 338 314 56; mdb184 F SPIC M 352 624 114.
        QTest::newRow("mdb023") << "mdb023-1" << "CIRC" << 29.0;
        QTest::newRow("mdb028") << "mdb028-1" << "CIRC" << 56.0;
        QTest::newRow("mdb184") << "mdb184-1" << "SPIC" << 114.0;
    }

    void realMassesHaveSaneMasks()
    {
        QFETCH(QString, id);
        QFETCH(QString, lesionClass);
        QFETCH(double, radius);
        const LesionPatch* lesion = m_library.find(id.toStdString());
        QVERIFY(lesion);
        QCOMPARE(QString::fromStdString(lesion->lesionClass), lesionClass);
        QCOMPARE(lesion->severity, LesionSeverity::Malignant);
        QCOMPARE(lesion->radiusPx, radius);
        QCOMPARE(lesion->pixelSizeMm, 0.2);
        QCOMPARE(lesion->maskSource, LesionMaskSource::Segmented);

        const cv::Point centre(int(std::lround(lesion->centre.x)), int(std::lround(lesion->centre.y)));
        QVERIFY(lesion->mask.at<uchar>(centre) != 0);
        const cv::Mat circle = disc(lesion->mask.size(), lesion->centre, radius + 1.0);
        QCOMPARE(cv::countNonZero(lesion->mask & ~circle), 0);   // never past the annotated circle
        const double fraction = cv::countNonZero(lesion->mask) / (CV_PI * radius * radius);
        QVERIFY2(fraction > 0.25 && fraction < 0.98, qPrintable(QString::number(fraction)));
        // The mass is denser (brighter) than the tissue around the circle.
        const double inside = cv::mean(lesion->grey, lesion->mask)[0];
        const double ring = cv::mean(lesion->grey, ~disc(lesion->mask.size(), lesion->centre, radius))[0];
        QVERIFY2(inside > ring, qPrintable(QString("%1 vs %2").arg(inside).arg(ring)));
        // Crop: the circle with its margin (25 % + 8 px), where the image allows.
        QVERIFY(lesion->grey.cols >= int(2 * radius) && lesion->grey.cols <= 2 * int(std::ceil(1.25 * radius + 8)) + 1);
    }

    void restrictionToImagesAndRowOrder()
    {
        QCOMPARE(int(m_library.size()), 5);   // mdb005 has two CIRC rows
        QVERIFY(m_library.find("mdb005-1") && m_library.find("mdb005-2"));
        QCOMPARE(m_library.find("mdb005-1")->radiusPx, 30.0);
        QCOMPARE(m_library.find("mdb005-2")->radiusPx, 26.0);
        QVERIFY(!m_library.find("mdb001-1"));
        QVERIFY_THROWS_EXCEPTION(core::Error, LesionLibrary::fromMias(m_catalog, mammo::tests::miasDirectory(), {"mdb999"}));
        // NORM and CALC images give nothing.
        QVERIFY(LesionLibrary::fromMias(m_catalog, mammo::tests::miasDirectory(), {"mdb003"}).empty());
    }

    void segmentationFindsADrawnLesion()
    {
        // A bright ellipse in a darker, noisy background; the circle drawn larger around it.
        cv::Mat grey(121, 121, CV_32F);
        cv::randn(grey, 0.3, 0.03);
        cv::Mat truth = cv::Mat::zeros(grey.size(), CV_8U);
        cv::ellipse(truth, cv::Point(60, 60), cv::Size(30, 20), 30.0, 0, 360, 255, cv::FILLED);
        grey.setTo(0.7, truth);
        bool segmented = false;
        const cv::Mat mask = segmentLesion(grey, {60, 60}, 40.0, 0.15, &segmented);
        QVERIFY(segmented);
        QVERIFY2(iou(mask, truth) > 0.9, qPrintable(QString::number(iou(mask, truth))));
    }

    void degenerateSegmentationFallsBackToTheDisc()
    {
        const cv::Mat flat(81, 81, CV_32F, cv::Scalar(0.5));
        bool segmented = true;
        const cv::Mat mask = segmentLesion(flat, {40, 40}, 20.0, 0.15, &segmented);
        QVERIFY(!segmented);
        QCOMPARE(cv::countNonZero(mask != disc(flat.size(), {40, 40}, 20.0)), 0);
        // The only bright thing is a speck off the centre: too small, so the disc again.
        cv::Mat speck(81, 81, CV_32F, cv::Scalar(0.2));
        cv::circle(speck, cv::Point(44, 40), 3, 0.9, cv::FILLED);
        segmentLesion(speck, {40, 40}, 20.0, 0.15, &segmented);
        QVERIFY(!segmented);
    }

    void saveAndLoadRoundTrip()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const std::string path = folder.path().toStdString() + "/library";
        m_library.save(path);
        const LesionLibrary loaded = LesionLibrary::load(path);
        QCOMPARE(loaded.size(), m_library.size());
        for (std::size_t i = 0; i < loaded.size(); ++i) {
            const LesionPatch& a = m_library.at(i);
            const LesionPatch& b = loaded.at(i);
            QCOMPARE(b.id, a.id);
            QCOMPARE(b.sourceImage, a.sourceImage);
            QCOMPARE(b.lesionClass, a.lesionClass);
            QCOMPARE(b.severity, a.severity);
            QCOMPARE(b.maskSource, a.maskSource);
            QCOMPARE(b.radiusPx, a.radiusPx);
            QCOMPARE(b.pixelSizeMm, a.pixelSizeMm);
            QCOMPARE(b.centre.x, a.centre.x);
            QCOMPARE(b.centre.y, a.centre.y);
            QCOMPARE(cv::countNonZero(a.mask != b.mask), 0);
            double difference = 0.0;
            cv::minMaxLoc(cv::abs(a.grey - b.grey), nullptr, &difference);
            QVERIFY(difference < 1e-6);   // 8-bit source values survive 16-bit storage
        }
        const cv::Mat stored = cv::imread(path + "/mdb023-1.png", cv::IMREAD_ANYDEPTH);
        QCOMPARE(stored.depth(), CV_16U);
    }

    void malformedLibrariesAreReported()
    {
        QTemporaryDir folder;
        const std::string path = folder.path().toStdString();
        QVERIFY_THROWS_EXCEPTION(core::Error, LesionLibrary::load(path));   // no library.json
        std::ofstream(path + "/library.json") << "{ \"format\": \"mammoscope-lesion-library\", \"version\": 1, \"lesions\": [ {\"id\": \"x\"} ] }";
        QVERIFY_THROWS_EXCEPTION(core::Error, LesionLibrary::load(path));
        std::ofstream(path + "/library.json") << "not json";
        QVERIFY_THROWS_EXCEPTION(core::Error, LesionLibrary::load(path));
    }

    void idsAreCheckedWhenAdding()
    {
        LesionLibrary library;
        LesionPatch lesion = *m_library.find("mdb023-1");
        library.add(lesion);
        QVERIFY_THROWS_EXCEPTION(core::Error, library.add(lesion));   // duplicate
        lesion.id = "../escape";
        QVERIFY_THROWS_EXCEPTION(core::Error, library.add(lesion));
        lesion.id = "empty-mask";
        lesion.mask = cv::Mat(lesion.mask.size(), CV_8U, cv::Scalar(0));   // a new buffer: the copy shares the library's pixels
        QVERIFY_THROWS_EXCEPTION(core::Error, library.add(lesion));
    }

    void importFromImageAndMaskFiles()
    {
        QTemporaryDir folder;
        const std::string image = folder.path().toStdString() + "/lesion.png";
        const std::string maskPath = folder.path().toStdString() + "/lesion-mask.png";
        cv::Mat grey(200, 300, CV_16U, cv::Scalar(10000));
        cv::Mat mask = cv::Mat::zeros(grey.size(), CV_8U);
        cv::circle(mask, cv::Point(150, 90), 25, 255, cv::FILLED);
        grey.setTo(40000, mask);
        QVERIFY(cv::imwrite(image, grey) && cv::imwrite(maskPath, mask));
        LesionPatch lesion = importLesion(image, maskPath, 0.1);
        QCOMPARE(lesion.maskSource, LesionMaskSource::Imported);
        QCOMPARE(lesion.sourceImage, std::string("lesion.png"));
        QCOMPARE(cv::countNonZero(lesion.mask), cv::countNonZero(mask));
        QVERIFY(std::abs(lesion.radiusPx - 25.0) < 0.5);
        QVERIFY(std::abs(lesion.centre.x - (lesion.grey.cols - 1) / 2.0) < 1.0);
        QVERIFY(std::abs(lesion.grey.at<float>(cv::Point(lesion.centre)) - 40000.0f / 65535.0f) < 1e-6);
        QVERIFY(lesion.grey.cols < grey.cols);   // cropped to the mask and its margin
        lesion.id = "imported-1";
        LesionLibrary library;
        library.add(lesion);
        QVERIFY_THROWS_EXCEPTION(core::Error, importLesion(image, folder.path().toStdString() + "/none.png", 0.1));
    }

    void thumbnailAndLabel()
    {
        const LesionPatch& lesion = *m_library.find("mdb023-1");
        const cv::Mat thumbnail = lesionThumbnail(lesion, 96);
        QCOMPARE(thumbnail.type(), CV_8UC1);
        QCOMPARE(thumbnail.size(), cv::Size(96, 96));
        double low = 0.0, high = 0.0;
        cv::minMaxLoc(thumbnail, &low, &high);
        QVERIFY(high - low > 100.0);   // stretched, not a flat grey
        // r = 29 px at 0.2 mm: 11.6 mm across.
        QCOMPARE(lesionLabel(lesion), std::string("malignant 12 mm"));
        QCOMPARE(lesionLabel(*m_library.find("mdb005-1")), std::string("benign 12 mm"));
    }
};

QTEST_APPLESS_MAIN(TestLesionLibrary)
#include "test_lesion_library.moc"
