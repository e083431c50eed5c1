// A tiny training run must be able to fit two images: after it, the detector's
// best mark on each image lies inside that image's mass. Checks that the
// losses, targets, sampling and inference fit together.
#include "ai/DetectorTrainer.h"
#include "ai/MassDetector.h"
#include "ai/MiasGroundTruth.h"
#include "core/MiasCatalog.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

using namespace mammo;

class TestDetectorOverfit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsTheMassesItWasTrainedOn()
    {
        const std::string mias = core::miasDatasetDirectory(MAMMO_MIAS_DIR);
        const auto catalog = core::MiasCatalog::fromDirectory(mias);
        QTemporaryDir output;
        ai::TrainingOptions options;
        options.datasetDirectory = mias;
        options.onlyImages = {"mdb184", "mdb028"};
        options.iterations = 120;
        options.batchSize = 4;
        options.patchSize = 192;   // holds the larger mass (228 px at 0.2 mm, 114 at 0.4)
        options.positiveFraction = 0.75;
        options.learningRate = 1e-3;
        options.stageFractions = {0.0, 0.0, 1.0};   // all layers at once: the point is fitting, not the schedule
        options.outputDirectory = output.path().toStdString();
        options.validateEvery = 0;
        options.threads = 2;
        options.seed = 5;
        ai::trainDetector(options, [](const std::string&) {});

        ai::MassDetector detector(output.filePath("model.pt").toStdString(), ai::ComputeDevice::Cpu, 2);
        for (const auto& reference : options.onlyImages) {
            const cv::Mat grey = cv::imread(mias + "/" + reference + ".png", cv::IMREAD_GRAYSCALE);
            const auto detections = detector.detect(grey, core::kMiasPixelSpacingMm);
            QVERIFY2(!detections.empty(), reference.c_str());
            const auto mass = ai::miasMassCircles(catalog.at(reference)).front();
            const auto& best = detections.front();
            const double dx = 0.5 * (best.x1 + best.x2) - mass.x;
            const double dy = 0.5 * (best.y1 + best.y2) - mass.y;
            QVERIFY2(dx * dx + dy * dy <= mass.radius * mass.radius,
                     qPrintable(QString("%1: best mark (score %2) centred %3 px from the mass centre (radius %4)")
                                    .arg(reference.c_str()).arg(best.score).arg(std::hypot(dx, dy)).arg(mass.radius)));
            QVERIFY(best.score > 0.5);
        }
    }
};

QTEST_APPLESS_MAIN(TestDetectorOverfit)
#include "test_detector_overfit.moc"
