// A tiny end-to-end COIN training on ten mini-MIAS masses (32 x 32 ROIs, a
// few iterations): writes its model, logs and the held-out evaluation, resumes
// from a checkpoint as if it had never stopped, refuses an adversarial
// configuration without augmentation, and trains the full objective when
// neighbours are given.
#include "ai/coin/CoinTrainer.h"
#include "ai/coin/RoiExtraction.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <torch/serialize.h>

#include <fstream>
#include <random>
#include <sstream>

using namespace mammo;
using namespace mammo::ai::coin;

namespace {

struct Interrupted {};

nlohmann::json readJson(const QString& path)
{
    std::ifstream in(path.toStdString());
    return nlohmann::json::parse(in);
}

// The first column of each row after the header.
std::vector<int> loggedIterations(const QString& csv)
{
    std::ifstream in(csv.toStdString());
    std::string line;
    std::getline(in, line);
    std::vector<int> iterations;
    while (std::getline(in, line))
        iterations.push_back(std::atoi(line.c_str()));
    return iterations;
}

std::vector<double> column(const QString& csv, int index)
{
    std::ifstream in(csv.toStdString());
    std::string line;
    std::getline(in, line);
    std::vector<double> values;
    while (std::getline(in, line)) {
        std::stringstream fields(line);
        std::string field;
        for (int i = 0; i <= index && std::getline(fields, field, ','); ++i) {
        }
        values.push_back(std::atof(field.c_str()));
    }
    return values;
}

} // namespace

class TestCoinTrainer : public QObject {
    Q_OBJECT
private:
    CoinTrainingOptions tinyRun(const std::string& configuration, const QString& output) const
    {
        auto options = coinConfiguration(configuration);
        options.datasetDirectory = core::miasDatasetDirectory(MAMMO_MIAS_DIR);
        // Benign mdb001, mdb002, mdb010; malignant mdb023, mdb028, mdb058. Held out: two of each.
        options.trainImages = {"mdb001", "mdb002", "mdb010", "mdb023", "mdb028", "mdb058"};
        options.testImages = {"mdb012", "mdb142", "mdb134", "mdb141"};
        options.fold = 3;   // recorded only: the image lists above take the split's place
        options.roiSize = 32;
        options.iterations = 4;
        options.batchSize = 4;
        options.learningRate = 1e-3;
        options.checkpointEvery = 2;
        options.logEvery = 1;
        options.validateEvery = 0;
        options.threads = 2;
        options.seed = 11;
        options.outputDirectory = output.toStdString();
        return options;
    }

    static void checkEvaluation(const QString& path)
    {
        const auto evaluation = readJson(path);
        QCOMPARE(evaluation.at("fold").get<int>(), 3);
        QCOMPARE(evaluation.at("rois").size(), std::size_t(4));
        int malignant = 0;
        for (const auto& roi : evaluation.at("rois")) {
            const double p = roi.at("probability").get<double>();
            QVERIFY(p >= 0.0 && p <= 1.0);
            malignant += roi.at("label").get<int>();
        }
        QCOMPARE(malignant, 2);
        const double acc = evaluation.at("accuracy").get<double>();
        QVERIFY(acc >= 0.0 && acc <= 1.0);
        QCOMPARE(std::fmod(acc * 4, 1.0), 0.0);   // a count out of four
        const double auc = evaluation.at("auc").get<double>();
        QVERIFY(auc >= 0.0 && auc <= 1.0);
    }

private Q_SLOTS:
    void baselineTrainsEvaluatesAndResumes()
    {
        QTemporaryDir straight, interrupted;
        trainCoin(tinyRun("baseline", straight.path()), [](const std::string&) {});
        QVERIFY(QFile::exists(straight.filePath("model.pt")));
        QVERIFY(QFile::exists(straight.filePath("options.json")));
        checkEvaluation(straight.filePath("evaluation.json"));
        QCOMPARE(readJson(straight.filePath("options.json")).at("configuration").get<std::string>(), "baseline");
        QCOMPARE(loggedIterations(straight.filePath("train-log.csv")), (std::vector<int>{1, 2, 3, 4}));
        for (double loss : column(straight.filePath("train-log.csv"), 2))
            QVERIFY(std::isfinite(loss) && loss > 0);
        {
            torch::serialize::InputArchive archive;
            archive.load_from(straight.filePath("model.pt").toStdString());
            c10::IValue size;
            QVERIFY(archive.try_read("mammoscope_coin_roi_size", size));
            QCOMPARE(size.toInt(), std::int64_t(32));
        }

        // Stopped during iteration 3 (after the checkpoint at 2), then run again in the same folder.
        const auto options = tinyRun("baseline", interrupted.path());
        QVERIFY_THROWS_EXCEPTION(Interrupted, trainCoin(options, [](const std::string& line) {
            if (line.rfind("iteration 3/", 0) == 0)
                throw Interrupted{};
        }));
        QVERIFY(!QFile::exists(interrupted.filePath("model.pt")));
        std::vector<std::string> lines;
        trainCoin(options, [&](const std::string& line) { lines.push_back(line); });
        QVERIFY(std::find(lines.begin(), lines.end(), "resumed at iteration 2") != lines.end());
        QCOMPARE(loggedIterations(interrupted.filePath("train-log.csv")), (std::vector<int>{1, 2, 3, 4}));
        checkEvaluation(interrupted.filePath("evaluation.json"));
        // Same batches, same weights: the resumed run ends where the uninterrupted one did.
        const auto a = readJson(straight.filePath("evaluation.json")).at("rois");
        const auto b = readJson(interrupted.filePath("evaluation.json")).at("rois");
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY2(std::abs(a[i].at("probability").get<double>() - b[i].at("probability").get<double>()) < 1e-4,
                     qPrintable(QString("ROI %1: %2 vs %3").arg(i).arg(a[i].at("probability").get<double>())
                                    .arg(b[i].at("probability").get<double>())));
    }

    void adversarialConfigurationsNeedAugmentation()
    {
        for (const std::string name : {"adversarial", "lambda0", "coin"}) {
            QTemporaryDir output;
            const auto options = tinyRun(name, output.path());
            QVERIFY(needsAdversarialNeighbours(options));
            try {
                trainCoin(options, [](const std::string&) {});
                QFAIL("trained without adversarial neighbours");
            } catch (const core::Error& error) {
                QVERIFY2(std::string(error.what()).find("adversarial augmentation") != std::string::npos, error.what());
            }
            QVERIFY(!QFile::exists(output.filePath("model.pt")));
        }
        QVERIFY(!needsAdversarialNeighbours(coinConfiguration("baseline")));
        QVERIFY(!needsAdversarialNeighbours(coinConfiguration("conventional")));
        QVERIFY_THROWS_EXCEPTION(core::Error, coinConfiguration("no-such-configuration"));
    }

    void fullObjectiveWithGivenNeighbours()
    {
        QTemporaryDir output;
        auto options = tinyRun("coin", output.path());
        options.iterations = 2;
        options.conventionalAugmentation = true;
        // A stand-in for the adversarial augmentation, only to exercise the interface:
        // each original gives a slightly and a strongly noise-corrupted copy.
        int calls = 0;
        const AugmentationProvider provider = [&](const std::vector<ClassifierSample>& originals,
                                                  const AugmentationRequest& request) {
            ++calls;
            std::vector<ClassifierSample> made;
            cv::RNG random(request.seed);
            for (const auto& original : originals) {
                if (original.roi.type() != CV_32F || original.roi.rows != 32)
                    throw std::runtime_error("originals must come as the network's input");
                for (const auto& [kind, sigma] : {std::pair{SampleKind::PositiveNeighbour, 0.1},
                                                  std::pair{SampleKind::NegativeNeighbour, 1.0}}) {
                    cv::Mat noise(original.roi.size(), CV_32F);
                    random.fill(noise, cv::RNG::NORMAL, 0.0, sigma);
                    made.push_back({original.roi + noise, original.label, kind, original.source});
                }
            }
            return made;
        };
        std::vector<std::string> lines;
        trainCoin(options, [&](const std::string& line) { lines.push_back(line); }, provider);
        QCOMPARE(calls, 1);
        QVERIFY(std::find(lines.begin(), lines.end(), "training set: 6 originals, 6 positive and 6 negative neighbours") !=
                lines.end());
        checkEvaluation(output.filePath("evaluation.json"));
        const auto graphLoss = column(output.filePath("train-log.csv"), 4);
        QCOMPARE(graphLoss.size(), std::size_t(2));
        QVERIFY(*std::max_element(graphLoss.begin(), graphLoss.end()) > 0.0);

        // The neighbours are kept with the run: a longer run in the same folder resumes without the provider.
        const auto kept = readAugmentedSamples(output.filePath("augmentation").toStdString(), 3);
        QCOMPARE(kept.size(), std::size_t(12));
        QVERIFY_THROWS_EXCEPTION(core::Error, readAugmentedSamples(output.filePath("augmentation").toStdString(), 2));
        options.iterations = 3;
        lines.clear();
        trainCoin(options, [&](const std::string& line) { lines.push_back(line); });
        QVERIFY(std::find(lines.begin(), lines.end(), "resumed at iteration 2") != lines.end());
        QCOMPARE(calls, 1);
        QCOMPARE(loggedIterations(output.filePath("train-log.csv")), (std::vector<int>{1, 2, 3}));
    }

    void augmentedSamplesRoundTrip()
    {
        QTemporaryDir output;
        cv::Mat roi(32, 32, CV_32F);
        cv::randn(roi, 0.0, 1.0);
        writeAugmentedSamples(output.path().toStdString(), {{roi, 1, SampleKind::NegativeNeighbour, "mdb028"}}, 4);
        const auto read = readAugmentedSamples(output.path().toStdString(), 4);
        QCOMPARE(read.size(), std::size_t(1));
        QCOMPARE(read[0].label, 1);
        QVERIFY(read[0].kind == SampleKind::NegativeNeighbour);
        QCOMPARE(read[0].source, std::string("mdb028"));
        QCOMPARE(cv::norm(read[0].roi, roi, cv::NORM_INF), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestCoinTrainer)
#include "test_coin_trainer.moc"
