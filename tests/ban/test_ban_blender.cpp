// BanBlender: the Blender contract on real mini-MIAS tissue and lesions, the
// background outside the lesion's neighbourhood unchanged, and the sizes the
// network does not take as they are.
#include "BanTestData.h"
#include "ai/ban/BanBlender.h"
#include "ai/ban/BanModelFile.h"
#include "ai/synthesis/LesionExtraction.h"
#include "ai/synthesis/LesionSynthesis.h"
#include "ai/synthesis/PastePlacement.h"
#include "core/Error.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

using namespace mammo::ai::ban;
namespace synthesis = mammo::ai::synthesis;

namespace {

struct Roi {
    cv::Mat normal;   // CV_8U
    cv::Mat lesion;   // CV_32F, 0-255
    cv::Mat mask;
};

// mdb028's mass warped into mdb003's tissue, in a region of `size` around (623, 596).
Roi makeRoi(cv::Size size, double scale)
{
    const auto catalog = mammo::core::MiasCatalog::fromDirectory(mammo::tests::miasDirectory());
    const auto circle = *catalog.at("mdb028").abnormalities.at(0).circle;
    const auto lesion = synthesis::extractLesion(mammo::tests::readMias("mdb028"), cv::Point2d(circle.x, circle.y),
                                                 circle.radius, mammo::core::kMiasPixelSpacingMm);
    const cv::Mat normalImage = mammo::tests::readMias("mdb003");
    const cv::Rect roi(623 - size.width / 2, 596 - size.height / 2, size.width, size.height);
    const auto warped = synthesis::warpLesion(lesion, {{623, 596}, scale, 30.0}, roi);
    Roi result;
    result.normal = normalImage(roi).clone();
    warped.grey.convertTo(result.lesion, CV_32F, 255.0);
    result.mask = warped.mask;
    return result;
}

cv::Mat distanceToLesion(const cv::Mat& mask)
{
    cv::Mat distance;
    cv::distanceTransform(mask == 0, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE, CV_32F);
    return distance;
}

} // namespace

class TestBanBlender : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (mammo::tests::readMias("mdb003").empty())
            QFAIL("mini-MIAS is missing: set MAMMO_MIAS_DIR");
        at::set_num_threads(2);
        torch::manual_seed(21);
        // Untrained: its output strays from the normal tissue everywhere, which is what the composite must stop.
        BanModel model{BanGenerator(banGeneratorPreset("cpu")), "cpu", BanMethod::Ban, 128};
        m_modelPath = m_directory.filePath("ban.pt").toStdString();
        saveBanModel(model, m_modelPath);
    }

    void backgroundUnchangedOutsideTheNeighbourhood_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<double>("scale");
        QTest::newRow("smaller than the network's ROI, odd size") << 101 << 90 << 0.6;
        QTest::newRow("the network's ROI") << 128 << 128 << 0.8;
        QTest::newRow("larger, not a multiple of 8") << 260 << 230 << 1.0;
    }

    void backgroundUnchangedOutsideTheNeighbourhood()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(double, scale);
        const Roi roi = makeRoi({width, height}, scale);
        QVERIFY(cv::countNonZero(roi.mask) > 100);
        BanBlenderOptions options;
        const BanBlender blender(m_modelPath, options);
        QCOMPARE(blender.name(), std::string("ban"));
        QCOMPARE(blender.roiSize(), 128);

        const cv::Mat result = blender.blend(roi.normal, roi.lesion, roi.mask);
        QCOMPARE(result.size(), roi.normal.size());
        QCOMPARE(result.type(), CV_32FC1);
        const cv::Mat raw = blender.generate(roi.normal, roi.lesion, roi.mask);
        QCOMPARE(raw.size(), roi.normal.size());
        cv::Mat normal;
        roi.normal.convertTo(normal, CV_32F);

        const cv::Mat distance = distanceToLesion(roi.mask);
        const cv::Mat far = distance >= options.featherOuterPx;
        const cv::Mat band = (distance > 0) & (distance < options.featherOuterPx);
        const cv::Mat core = distance <= options.featherInnerPx;
        QVERIFY(cv::countNonZero(far) > 0);
        // The bound: beyond featherOuterPx, 0 grey levels, bit for bit...
        QCOMPARE(cv::norm(result, normal, cv::NORM_INF, far), 0.0);
        // ...although the untrained network changed that tissue (so the composite, not luck, kept it).
        const double rawStray = cv::norm(raw, normal, cv::NORM_INF, far);
        qInfo("%dx%d: the raw generator strays up to %.2f grey levels beyond the band; the blend 0", width, height,
              rawStray);
        QVERIFY(rawStray > 0.5);
        // Within featherInnerPx of the lesion, the generator's output.
        QVERIFY(cv::norm(result, raw, cv::NORM_INF, core) < 1e-3);
        // In the ramp, between the two: never farther from the normal tissue than the generator.
        cv::Mat resultOff = cv::abs(result - normal), rawOff = cv::abs(raw - normal);
        cv::Mat excess = resultOff - rawOff;
        double worst;
        cv::minMaxLoc(excess, nullptr, &worst, nullptr, nullptr, band);
        QVERIFY(worst <= 1e-3);
        // The lesion is in: inside the mask the result follows the pasted lesion more than the normal tissue would.
        QVERIFY(cv::norm(result, normal, cv::NORM_L1, roi.mask) > 0.0);
    }

    // The same via synthesizeLesion on a whole 8-bit image: only its region changes.
    void worksThroughSynthesizeLesion()
    {
        const auto catalog = mammo::core::MiasCatalog::fromDirectory(mammo::tests::miasDirectory());
        const auto circle = *catalog.at("mdb028").abnormalities.at(0).circle;
        const auto lesion = synthesis::extractLesion(mammo::tests::readMias("mdb028"), cv::Point2d(circle.x, circle.y),
                                                     circle.radius, mammo::core::kMiasPixelSpacingMm);
        const cv::Mat image = mammo::tests::readMias("mdb003");
        const BanBlender blender(m_modelPath);
        const auto synthetic = synthesis::synthesizeLesion(image, lesion, {{600, 580}, 0.9, 45.0}, blender);
        QCOMPARE(synthetic.image.type(), CV_8UC1);
        cv::Mat outside(image.size(), CV_8U, cv::Scalar(255));
        outside(synthetic.roi).setTo(0);
        QCOMPARE(cv::norm(synthetic.image, image, cv::NORM_INF, outside), 0.0);
        QVERIFY(cv::norm(synthetic.image, image, cv::NORM_L1) > 0.0);
    }

    void badInputThrows()
    {
        const BanBlender blender(m_modelPath);
        const Roi roi = makeRoi({96, 96}, 0.6);
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, blender.blend(roi.normal, roi.lesion, cv::Mat::zeros(10, 10, CV_8U)));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, BanBlender(m_directory.filePath("none.pt").toStdString()));
        BanBlenderOptions inverted;
        inverted.featherInnerPx = 9.0;
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, BanBlender(m_modelPath, inverted));
        // No lesion: the normal ROI back as it was.
        const cv::Mat nothing = blender.blend(roi.normal, roi.lesion, cv::Mat::zeros(roi.mask.size(), CV_8U));
        cv::Mat normal;
        roi.normal.convertTo(normal, CV_32F);
        QCOMPARE(cv::norm(nothing, normal, cv::NORM_INF), 0.0);
        if (!torch::cuda::is_available()) {
            BanBlenderOptions cuda;
            cuda.device = BanDevice::Cuda;
            QVERIFY_THROWS_EXCEPTION(mammo::core::Error, BanBlender(m_modelPath, cuda));
        }
    }

private:
    QTemporaryDir m_directory;
    std::string m_modelPath;
};

QTEST_APPLESS_MAIN(TestBanBlender)
#include "test_ban_blender.moc"
