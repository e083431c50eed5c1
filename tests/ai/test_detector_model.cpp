// Model files: written, verified against the manifest, loaded; bad files give
// core::Error with a readable message, never a crash.
#include "ai/DetectorModelFile.h"
#include "ai/MaskRcnnInference.h"
#include "ai/MassDetector.h"
#include "ai/ModelManifest.h"
#include "core/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <fstream>

using namespace mammo;

namespace {

// A synthetic MLO-like image: a bright half-disc breast on the left with a denser blob.
cv::Mat syntheticMammogram()
{
    cv::Mat image(1024, 1024, CV_8U, cv::Scalar(4));
    cv::ellipse(image, {0, 512}, {420, 480}, 0, -90, 90, cv::Scalar(120), cv::FILLED);
    cv::circle(image, {200, 500}, 40, cv::Scalar(200), cv::FILLED);
    return image;
}

std::string writeFile(const QString& path, const std::string& bytes)
{
    std::ofstream(path.toStdString(), std::ios::binary) << bytes;
    return path.toStdString();
}

} // namespace

class TestDetectorModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void untrainedModelLoadsAndDetectsInsideTheImage()
    {
        const auto path = m_dir.filePath("cpu.pt").toStdString();
        ai::writeUntrainedDetector("cpu", path, 7);
        ai::MassDetector detector(path, ai::ComputeDevice::Cpu, 2);
        QCOMPARE(QString::fromStdString(detector.deviceName()), QString("cpu"));
        QCOMPARE(QString::fromStdString(detector.configName()), QString("cpu"));
        const auto detections = detector.detect(syntheticMammogram(), 0.2);
        QVERIFY(detections.size() <= 20);
        for (std::size_t i = 0; i < detections.size(); ++i) {
            const auto& d = detections[i];
            QVERIFY(d.x1 >= 0 && d.y1 >= 0 && d.x2 <= 1024 && d.y2 <= 1024 && d.x1 < d.x2 && d.y1 < d.y2);
            QVERIFY(d.score >= 0 && d.score <= 1);
            QVERIFY(!d.contour.empty());
            if (i > 0)
                QVERIFY(detections[i - 1].score >= d.score);
        }
    }

    void halfPrecisionFileKeepsTheScores()
    {
        torch::manual_seed(3);
        ai::MaskRcnn model(ai::cpuDetectorConfig());
        model->eval();
        const auto path = m_dir.filePath("roundtrip.pt").toStdString();
        ai::saveDetector(model, path);
        auto loaded = ai::loadDetector(path);
        const auto input = torch::randn({1, 1, 256, 256});
        torch::NoGradGuard noGrad;
        const auto a = model->detect(input).front();
        const auto b = loaded->detect(input).front();
        QCOMPARE(a.scores.size(0), b.scores.size(0));
        if (a.scores.size(0) > 0)
            QVERIFY((a.scores - b.scores).abs().max().item<double>() < 1e-3);
    }

    void garbageModelIsAReadableError()
    {
        const auto path = writeFile(m_dir.filePath("garbage.pt"), std::string(4096, 'x'));
        try {
            ai::MassDetector detector(path);
            QFAIL("a garbage model loaded");
        } catch (const core::Error& error) {
            QVERIFY2(QString(error.what()).contains("damaged"), error.what());
        }
    }

    void truncatedModelIsAReadableError()
    {
        const auto good = m_dir.filePath("good.pt").toStdString();
        ai::writeUntrainedDetector("cpu", good);
        std::ifstream in(good, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto path = writeFile(m_dir.filePath("truncated.pt"), bytes.substr(0, bytes.size() / 2));
        QVERIFY_THROWS_EXCEPTION(core::Error, ai::MassDetector detector(path));
    }

    void missingModelIsAReadableError()
    {
        try {
            ai::MassDetector detector(m_dir.filePath("nothing.pt").toStdString());
            QFAIL("a missing model loaded");
        } catch (const core::Error& error) {
            QVERIFY2(QString(error.what()).contains("does not exist"), error.what());
        }
    }

    void manifestChecksTheSha256()
    {
        const auto model = m_dir.filePath("listed.pt").toStdString();
        ai::writeUntrainedDetector("cpu", model);
        const auto hash = ai::sha256OfFile(model);
        QCOMPARE(hash.size(), std::size_t(64));
        writeFile(m_dir.filePath("manifest.json"),
                  R"({"models": {"good": {"file": "listed.pt", "sha256": ")" + hash +
                      R"("}, "bad": {"file": "listed.pt", "sha256": "00"}, "gone": {"file": "gone.pt", "sha256": "00"}}})");
        const auto manifest = ai::ModelManifest::read(m_dir.path().toStdString());
        QCOMPARE(manifest.verifiedPath("good"), model);
        QVERIFY_THROWS_EXCEPTION(core::Error, manifest.verifiedPath("bad"));
        QVERIFY_THROWS_EXCEPTION(core::Error, manifest.verifiedPath("gone"));
        QVERIFY_THROWS_EXCEPTION(core::Error, manifest.verifiedPath("unlisted"));
        // SHA-256 of "abc" (FIPS 180-2 example).
        writeFile(m_dir.filePath("abc.txt"), "abc");
        QCOMPARE(ai::sha256OfFile(m_dir.filePath("abc.txt").toStdString()),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void unknownConfigurationIsAReadableError()
    {
        QVERIFY_THROWS_EXCEPTION(core::Error, ai::detectorConfigNamed("huge"));
    }

    void wrongInputShapeIsAReadableError()
    {
        ai::MaskRcnn model(ai::cpuDetectorConfig());
        model->eval();
        torch::NoGradGuard noGrad;
        QVERIFY_THROWS_EXCEPTION(core::Error, model->detect(torch::zeros({1, 3, 64, 64})));
        QVERIFY_THROWS_EXCEPTION(core::Error, model->detect(torch::zeros({1, 1, 100, 64})));
    }
};

QTEST_APPLESS_MAIN(TestDetectorModel)
#include "test_detector_model.moc"
