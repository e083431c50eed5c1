// ResampledBlender: a blender made for 0.2 mm pixels (BAN) on an image of other
// pixels. The inner blender sees ROIs at its own pixel size; what it leaves
// alone keeps every full-resolution pixel; what it changes comes back in place.
#include "ai/synthesis/PasteBlender.h"
#include "ai/synthesis/ResampledBlender.h"
#include "core/Error.h"

#include <opencv2/imgproc.hpp>

#include <QtTest>

using namespace mammo::ai::synthesis;

namespace {

// Paste, recording the ROI size it was given.
class SizeRecordingPaste final : public Blender {
public:
    std::string name() const override { return "recording-paste"; }
    cv::Mat blend(const cv::Mat& normal, const cv::Mat& lesion, const cv::Mat& mask) const override
    {
        seen = normal.size();
        return PasteBlender().blend(normal, lesion, mask);
    }
    mutable cv::Size seen;
};

// Fine texture (a one-pixel checkerboard) that any resampling would blur, and a bright disc lesion.
void makeRois(int side, cv::Mat& normal, cv::Mat& lesion, cv::Mat& mask)
{
    normal.create(side, side, CV_32F);
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c)
            normal.at<float>(r, c) = ((r + c) % 2) ? 0.3f : 0.5f;
    lesion = cv::Mat(side, side, CV_32F, cv::Scalar(0.9));
    mask = cv::Mat::zeros(side, side, CV_8U);
    cv::circle(mask, {side / 2, side / 2}, side / 5, cv::Scalar(255), cv::FILLED);
}

} // namespace

class TestResampledBlender : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void innerBlenderSeesItsOwnPixelSize()
    {
        cv::Mat normal, lesion, mask;
        makeRois(200, normal, lesion, mask);
        SizeRecordingPaste inner;
        const ResampledBlender blender(inner, 0.1, 0.2);   // FFDM-like 0.1 mm, blender at 0.2 mm
        QCOMPARE(blender.scale(), 0.5);
        const cv::Mat out = blender.blend(normal, lesion, mask);
        QCOMPARE(inner.seen, cv::Size(100, 100));
        QCOMPARE(out.size(), normal.size());
        QCOMPARE(out.type(), CV_32F);
    }

    void untouchedTissueKeepsEveryPixelAndTheLesionComesBack()
    {
        cv::Mat normal, lesion, mask;
        makeRois(200, normal, lesion, mask);
        SizeRecordingPaste inner;
        const cv::Mat out = ResampledBlender(inner, 0.1, 0.2).blend(normal, lesion, mask);
        // Two blender pixels away from the disc nothing changed, to the bit.
        cv::Mat farAway;
        cv::dilate(mask, farAway, cv::getStructuringElement(cv::MORPH_ELLIPSE, {9, 9}));
        farAway = farAway == 0;
        cv::Mat difference;
        cv::absdiff(out, normal, difference);
        double maxFar = 0;
        cv::minMaxLoc(difference, nullptr, &maxFar, nullptr, nullptr, farAway);
        QCOMPARE(maxFar, 0.0);
        // Inside the disc (away from its edge) the lesion's grey is there.
        cv::Mat core;
        cv::erode(mask, core, cv::getStructuringElement(cv::MORPH_ELLIPSE, {9, 9}));
        QVERIFY2(std::abs(cv::mean(out, core)[0] - 0.9) < 0.02, qPrintable(QString::number(cv::mean(out, core)[0])));
    }

    // A lesion smaller than half a blender pixel still reaches the blender.
    void aTinyLesionIsNotLost()
    {
        cv::Mat normal, lesion, mask;
        makeRois(64, normal, lesion, mask);
        mask.setTo(0);
        mask.at<std::uint8_t>(32, 32) = 255;   // one image pixel: 1/16 of a blender pixel at scale 0.25
        SizeRecordingPaste inner;
        const cv::Mat out = ResampledBlender(inner, 0.05, 0.2).blend(normal, lesion, mask);
        QCOMPARE(inner.seen, cv::Size(16, 16));
        QVERIFY(out.at<float>(32, 32) > normal.at<float>(32, 32) + 0.1f);
    }

    void samePixelSizeIsTheInnerBlenderItself()
    {
        cv::Mat normal, lesion, mask;
        makeRois(64, normal, lesion, mask);
        SizeRecordingPaste inner;
        const cv::Mat direct = inner.blend(normal, lesion, mask);
        const cv::Mat out = ResampledBlender(inner, 0.2, 0.2).blend(normal, lesion, mask);
        QCOMPARE(inner.seen, cv::Size(64, 64));
        QCOMPARE(cv::norm(out, direct, cv::NORM_INF), 0.0);
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, ResampledBlender(inner, 0.0, 0.2));
    }
};

QTEST_APPLESS_MAIN(TestResampledBlender)
#include "test_resampled_blender.moc"
