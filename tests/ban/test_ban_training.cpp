// BAN training on real mini-MIAS ROIs: the data, a tiny training that must
// lower the generator's LS + LB, checkpoint/resume, and the model file.
#include "BanTestData.h"
#include "ai/ban/BanModelFile.h"
#include "ai/ban/BanTrainer.h"
#include "core/Error.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>
#include <torch/torch.h>

#include <fstream>
#include <memory>

using namespace mammo::ai::ban;
using mammo::tests::banTestData;

namespace {

constexpr int kRoi = 64;

double maxDifference(const cv::Mat& a, const cv::Mat& b)
{
    return cv::norm(a, b, cv::NORM_INF);
}

BanTrainingOptions tinyOptions(const QString& directory, int iterations)
{
    BanTrainingOptions options;
    options.outputDirectory = directory.toStdString();
    options.iterations = iterations;
    options.batchSize = 2;
    options.learningRate = 1e-3;
    options.checkpointEvery = 2;
    options.logEvery = 2;
    options.threads = 2;
    options.seed = 5;
    return options;
}

// Every parameter of two model files, compared.
double maxWeightDifference(const std::string& a, const std::string& b)
{
    BanModel first = loadBanModel(a), second = loadBanModel(b);
    double largest = 0.0;
    auto p = first.generator->named_parameters(), q = second.generator->named_parameters();
    for (const auto& item : p)
        largest = std::max(largest, (item.value() - q[item.key()]).abs().max().item<double>());
    return largest;
}

} // namespace

class TestBanTraining : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (mammo::tests::readMias("mdb003").empty())
            QFAIL("mini-MIAS is missing: set MAMMO_MIAS_DIR");
        m_data = std::make_unique<BanTrainingData>(banTestData(kRoi));
    }

    void dataFromTheTrainingImagesOnly()
    {
        // mdb003 and mdb004 are NORM; mdb005 has two CIRC masses, mdb028 one.
        QCOMPARE(m_data->normalCount(), std::size_t(2));
        QCOMPARE(m_data->lesionCount(), std::size_t(3));
        QCOMPARE(m_data->realCount(), std::size_t(3));
    }

    void samplesAreConsistentAndReproducible()
    {
        for (int index = 0; index < 6; ++index) {
            const BanSample s = m_data->sample(11, 3, index);
            for (const cv::Mat* image : {&s.normal, &s.lesion, &s.pasted, &s.real}) {
                QCOMPARE(image->size(), cv::Size(kRoi, kRoi));
                QCOMPARE(image->type(), CV_32FC1);
            }
            QCOMPARE(s.mask.type(), CV_8UC1);
            QVERIFY(cv::countNonZero(s.mask) > 20);
            // The lesion lies wholly inside the ROI: no mask pixel on its edge.
            QCOMPARE(cv::countNonZero(s.mask.row(0)) + cv::countNonZero(s.mask.row(kRoi - 1))
                         + cv::countNonZero(s.mask.col(0)) + cv::countNonZero(s.mask.col(kRoi - 1)),
                     0);
            // pasted = normal outside the mask, the lesion inside.
            cv::Mat outside = s.mask == 0;
            QCOMPARE(cv::norm(s.pasted, s.normal, cv::NORM_INF, outside), 0.0);
            QCOMPARE(cv::norm(s.pasted, s.lesion, cv::NORM_INF, s.mask), 0.0);
            double low, high;
            cv::minMaxLoc(s.real, &low, &high);
            QVERIFY(low >= 0.0 && high <= 1.0 && high > low);

            const BanSample again = m_data->sample(11, 3, index);
            QCOMPARE(maxDifference(again.pasted, s.pasted), 0.0);
            QCOMPARE(maxDifference(again.real, s.real), 0.0);
        }
        QVERIFY(maxDifference(m_data->sample(11, 3, 0).pasted, m_data->sample(11, 4, 0).pasted) > 0.0);
    }

    // 20 iterations on 2-ROI batches lower the generator's LS + LB on fixed ROIs.
    void tinyTrainingLowersThePriorLoss()
    {
        QTemporaryDir directory;
        BanTrainer trainer(tinyOptions(directory.path(), 20), *m_data);
        const auto fixed = m_data->batch(99, 0, 4);
        const BanLossValues before = trainer.evaluate(fixed);
        QStringList lines;
        trainer.run([&](const std::string& line) { lines << QString::fromStdString(line); });
        const BanLossValues after = trainer.evaluate(fixed);
        qInfo("LS + LB on 4 fixed ROIs: %.5f -> %.5f (LS %.5f -> %.5f, LB %.5f -> %.5f); D %.3f -> %.3f",
              before.prior(), after.prior(), before.shape, after.shape, before.background, after.background,
              before.discriminator, after.discriminator);
        QVERIFY2(after.prior() < 0.7 * before.prior(), "LS + LB did not fall by 30 %");
        QCOMPARE(trainer.iteration(), 20);
        QVERIFY(lines.size() >= 10);
        QVERIFY(lines.filter("iteration 20/20").size() == 1);
        QVERIFY(QFile::exists(directory.filePath("model.pt")));
        // train-log.csv: a header and one row per 2 iterations.
        std::ifstream log(directory.filePath("train-log.csv").toStdString());
        int rows = 0;
        for (std::string line; std::getline(log, line);)
            ++rows;
        QCOMPARE(rows, 1 + 10);
    }

    // Stopped after 2 iterations and resumed to 4 = 4 in one go, weight for weight.
    void resumeGivesTheSameState()
    {
        QTemporaryDir straight, stopped;
        BanTrainer(tinyOptions(straight.path(), 4), *m_data).run();
        BanTrainer(tinyOptions(stopped.path(), 2), *m_data).run();
        BanTrainer resumed(tinyOptions(stopped.path(), 4), *m_data);
        QCOMPARE(resumed.iteration(), 2);
        QStringList lines;
        resumed.run([&](const std::string& line) { lines << QString::fromStdString(line); });
        QCOMPARE(lines.front(), QStringLiteral("resumed at iteration 2"));
        QCOMPARE(resumed.iteration(), 4);
        const double difference = maxWeightDifference(straight.filePath("model.pt").toStdString(),
                                                      stopped.filePath("model.pt").toStdString());
        qInfo("largest weight difference, straight vs resumed: %g", difference);
        QVERIFY(difference < 1e-6);
        // Not trivially equal: training moved the weights.
        BanTrainingOptions untrained = tinyOptions(straight.path(), 0);
        untrained.resume = false;
        QTemporaryDir other;
        untrained.outputDirectory = other.path().toStdString();
        BanTrainer(untrained, *m_data).run();
        QVERIFY(maxWeightDifference(straight.filePath("model.pt").toStdString(), other.filePath("model.pt").toStdString())
                > 1e-4);

        // A checkpoint of another method is refused, not silently mixed.
        BanTrainingOptions otherMethod = tinyOptions(stopped.path(), 6);
        otherMethod.method = "no_prior";
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, BanTrainer(otherMethod, *m_data));
    }

    void modelFileRoundTrip()
    {
        QTemporaryDir directory;
        torch::manual_seed(1);
        BanModel model{BanGenerator(banGeneratorPreset("cpu", BanMethod::NoPrior)), "cpu", BanMethod::NoPrior, 64};
        const auto path = directory.filePath("m.pt").toStdString();
        saveBanModel(model, path);
        BanModel loaded = loadBanModel(path);
        QCOMPARE(loaded.preset, std::string("cpu"));
        QVERIFY(loaded.method == BanMethod::NoPrior);
        QCOMPARE(loaded.roiSize, 64);
        QVERIFY(!loaded.generator->is_training());
        const auto input = torch::rand({1, 3, 64, 64});
        model.generator->eval();
        torch::NoGradGuard noGrad;
        QVERIFY(torch::equal(model.generator->forward(input), loaded.generator->forward(input)));
        QVERIFY(!QFile::exists(QString::fromStdString(path + ".part")));

        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, loadBanModel(directory.filePath("missing.pt").toStdString()));
        const auto junk = directory.filePath("junk.pt").toStdString();
        std::ofstream(junk) << "not a model";
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, loadBanModel(junk));
    }

    void badOptionsThrow()
    {
        QTemporaryDir directory;
        BanTrainingOptions options = tinyOptions(directory.path(), 2);
        options.method = "cyclegan";
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, BanTrainer(options, *m_data));
        options = tinyOptions(directory.path(), 2);
        options.batchSize = 0;
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, BanTrainer(options, *m_data));
        options = tinyOptions(directory.path(), 2);
        options.device = "tpu";
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, BanTrainer(options, *m_data));
    }

private:
    std::unique_ptr<BanTrainingData> m_data;
};

QTEST_APPLESS_MAIN(TestBanTraining)
#include "test_ban_training.moc"
