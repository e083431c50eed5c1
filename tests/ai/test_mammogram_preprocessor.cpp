// Breast segmentation, orientation and the coordinate mapping back to the image.
#include "ai/MammogramPreprocessor.h"
#include "core/Error.h"

#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace mammo;

class TestMammogramPreprocessor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void labelIsRemovedAndChestWallGoesLeft()
    {
        // Breast against the right edge (a right MLO as mini-MIAS stores it), a film label top left.
        cv::Mat image(1024, 1024, CV_8U, cv::Scalar(5));
        cv::ellipse(image, {1023, 480}, {430, 470}, 0, 90, 270, cv::Scalar(130), cv::FILLED);
        cv::rectangle(image, {40, 40}, {140, 90}, cv::Scalar(250), cv::FILLED);
        const auto prepared = ai::prepareMammogram(image, 0.2, 0.4, 32);
        QVERIFY(prepared.mirrored);
        QCOMPARE(prepared.image.cols, 512);
        QCOMPARE(prepared.image.rows, 512);
        QCOMPARE(prepared.image.type(), CV_32F);
        // The label (now top right after mirroring) is not breast; the tissue is.
        const auto label = prepared.toModel({90, 65});
        QCOMPARE(int(prepared.breastMask.at<std::uint8_t>(cv::Point(label))), 0);
        const auto tissue = prepared.toModel({800, 480});
        QCOMPARE(int(prepared.breastMask.at<std::uint8_t>(cv::Point(tissue))), 255);
        QVERIFY(tissue.x < 256);   // the chest wall side is on the left now
        // Normalised over the breast; background is one constant below it.
        cv::Scalar mean, deviation;
        cv::meanStdDev(prepared.image, mean, deviation, prepared.breastMask);
        QVERIFY(std::abs(mean[0]) < 1e-3);
        QVERIFY(std::abs(deviation[0] - 1.0) < 1e-2);
        QCOMPARE(prepared.image.at<float>(cv::Point(label)), prepared.background);
    }

    void coordinatesMapBothWays()
    {
        cv::Mat image(1000, 800, CV_8U, cv::Scalar(5));
        cv::ellipse(image, {799, 500}, {300, 450}, 0, 90, 270, cv::Scalar(150), cv::FILLED);
        const auto prepared = ai::prepareMammogram(image, 0.1, 0.4, 32);
        QCOMPARE(prepared.content, cv::Size(200, 250));
        QCOMPARE(prepared.image.size(), cv::Size(224, 256));   // padded to multiples of 32
        const cv::Point2d point(612.5, 301.0);
        const auto back = prepared.toInput(prepared.toModel(point));
        QVERIFY(std::abs(back.x - point.x) < 1e-9 && std::abs(back.y - point.y) < 1e-9);
        QVERIFY(std::abs(prepared.toModel({800, 0}).x) < 1e-9);   // the right edge becomes x = 0
    }

    void miniMiasBreastHoldsItsMass()
    {
        // mdb184: a spiculated mass at (352, 1024 - 624) radius 114 px (Info.txt, y flipped).
        const cv::Mat image = cv::imread(std::string(MAMMO_MIAS_DIR) + "/mdb184.png", cv::IMREAD_GRAYSCALE);
        if (image.empty())
            QSKIP("mini-MIAS is not available");
        const auto prepared = ai::prepareMammogram(image, 0.2, 0.4, 32);
        const auto centre = prepared.toModel({352, 1024 - 624});
        QCOMPARE(int(prepared.breastMask.at<std::uint8_t>(cv::Point(centre))), 255);
        const double share = cv::countNonZero(prepared.breastMask) / double(prepared.breastMask.total());
        QVERIFY2(share > 0.2 && share < 0.8, qPrintable(QString::number(share)));
    }

    void emptyOrColourImagesAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(core::Error, ai::prepareMammogram(cv::Mat(), 0.2, 0.4, 32));
        QVERIFY_THROWS_EXCEPTION(core::Error, ai::prepareMammogram(cv::Mat(64, 64, CV_8UC3), 0.2, 0.4, 32));
        QVERIFY_THROWS_EXCEPTION(core::Error, ai::prepareMammogram(cv::Mat(64, 64, CV_8U, cv::Scalar(0)), 0.2, 0.4, 32));
        QVERIFY_THROWS_EXCEPTION(core::Error, ai::prepareMammogram(cv::Mat(64, 64, CV_8U, cv::Scalar(9)), 0.0, 0.4, 32));
    }
};

QTEST_APPLESS_MAIN(TestMammogramPreprocessor)
#include "test_mammogram_preprocessor.moc"
