// AiWorker on its own thread with a real (untrained) detector: results carry
// the right SOP Instance UID and lie inside that image; newer requests
// supersede older ones; cancel drops queued work; a damaged or missing model
// is reported through failed(), never by a crash or an exception. With an
// (untrained) COIN classifier in the manifest every finding carries
// P(malignant) and drawn regions are classified; without it detection works
// and the worker says once why there are no estimates.
#include <app/AiWorker.h>
#include <app/OperatingPoints.h>

#include <ai/MassDetector.h>
#include <ai/ModelManifest.h>
#include <ai/coin/MalignancyClassifier.h>

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using mammo::app::AiWorker;
using mammo::core::Finding;

namespace {

// Generous: the worker runs at nice 19 and yields to everything else on a busy
// machine (one analysis took 77 s in a fresh-ci run beside a training); a
// passing check returns as soon as its condition holds.
constexpr int kTimeoutMs = 300000;

// A 12-bit MONOCHROME2 mammogram-like image: a bright half-disc (breast) on
// dark background with a brighter round blob (a mass-like density).
mammo::core::ImagePtr makeImage(const std::string& sop, int rows, int columns, bool withSpacing = true)
{
    mammo::core::ImageAttributes a;
    a.sopInstanceUid = sop;
    a.rows = rows;
    a.columns = columns;
    a.pixelFormat = {16, 12, 11, false};
    a.photometric = mammo::core::Photometric::Monochrome2;
    mammo::core::VoiWindow window;
    window.center = 2048.0;
    window.width = 4096.0;
    a.windows.push_back(window);
    if (withSpacing)
        a.pixelSpacing = mammo::core::Spacing{0.2, 0.2};
    std::vector<std::uint16_t> pixels(std::size_t(rows) * std::size_t(columns), 100);
    const double blobX = columns * 0.3, blobY = rows * 0.45, blobR = std::min(rows, columns) * 0.06;
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < columns; ++x) {
            const double breast = std::hypot(double(x) / columns, (double(y) - rows / 2.0) / rows);
            std::uint16_t v = breast < 0.45 ? std::uint16_t(1500 + (x * 7 + y * 3) % 200) : 100;
            if (std::hypot(x - blobX, y - blobY) < blobR)
                v = 3000;
            pixels[std::size_t(y) * std::size_t(columns) + std::size_t(x)] = v;
        }
    return std::make_shared<const mammo::core::Image>(a, std::move(pixels));
}

// coinFile: also list a classifier "coin-cpu" with this file (and this hash, else the file's).
void writeManifest(const QString& dir, const QString& file, const std::string& sha256, bool withOperatingPoints = true,
                   const QString& coinFile = {}, std::string coinSha256 = {})
{
    nlohmann::json entry = {{"file", file.toStdString()}, {"sha256", sha256}, {"config", "cpu"}};
    if (withOperatingPoints)
        entry["operating_points"] = nlohmann::json::array(
            {{{"score", 0.9}, {"fppi", 0.25}, {"tpr_centre", 0.4}}, {{"score", 0.5}, {"fppi", 2.0}, {"tpr_centre", 0.7}}});
    nlohmann::json manifest = {{"models", {{"detector-cpu", entry}}}};
    if (!coinFile.isEmpty()) {
        if (coinSha256.empty())
            coinSha256 = mammo::ai::sha256OfFile((dir + QLatin1Char('/') + coinFile).toStdString());
        manifest["models"]["coin-cpu"] = {{"file", coinFile.toStdString()}, {"sha256", coinSha256}, {"config", "cpu"}};
    }
    std::ofstream((dir + QStringLiteral("/manifest.json")).toStdString()) << manifest.dump(2);
}

// The worker on its own thread, with everything it signals collected on the test's thread.
struct RunningWorker {
    explicit RunningWorker(const QString& modelsDir, int modelReleaseDelayMs = AiWorker::kDefaultModelReleaseDelayMs)
        : worker(new AiWorker(modelsDir))
    {
        worker->setModelReleaseDelay(modelReleaseDelayMs);
        worker->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);   // as the main window does
        QObject::connect(worker, &AiWorker::modelsReleased, &receiver, [this] { ++modelReleases; });
        QObject::connect(worker, &AiWorker::findingsReady, &receiver,
                         [this](const QString& sop, const std::vector<Finding>& f) { results.emplace_back(sop, f); });
        QObject::connect(worker, &AiWorker::failed, &receiver,
                         [this](const QString& sop, const QString& message) { failures.emplace_back(sop, message); });
        QObject::connect(worker, &AiWorker::progress, &receiver,
                         [this](int done, int total) { progress.emplace_back(done, total); });
        QObject::connect(worker, &AiWorker::modelLoaded, &receiver,
                         [this](const QString& description, const std::vector<mammo::app::OperatingPoint>& points) {
                             modelDescription = description;
                             operatingPoints = points;
                             ++modelLoads;
                         });
        QObject::connect(worker, &AiWorker::classifierUnavailable, &receiver,
                         [this](const QString& reason) { classifierReports << reason; });
        QObject::connect(worker, &AiWorker::regionClassified, &receiver,
                         [this](const QString& sop, const QRectF& box, double p) { regions.push_back({sop, box, p, {}}); });
        QObject::connect(worker, &AiWorker::regionClassificationFailed, &receiver,
                         [this](const QString& sop, const QRectF& box, const QString& message) {
                             regions.push_back({sop, box, -1.0, message});
                         });
        thread.start();
    }
    ~RunningWorker()
    {
        worker->stop();
        thread.quit();
        thread.wait();   // the worker is deleted on its thread as it finishes
    }
    // Queued, as the main window's signals are.
    void analyse(const QString& sop, mammo::core::ImagePtr image)
    {
        QMetaObject::invokeMethod(worker, [w = worker, sop, image] { w->analyse(sop, image); }, Qt::QueuedConnection);
    }
    void cancel() { QMetaObject::invokeMethod(worker, &AiWorker::cancel, Qt::QueuedConnection); }
    void classifyRegion(const QString& sop, mammo::core::ImagePtr image, const QRectF& box)
    {
        QMetaObject::invokeMethod(worker, [w = worker, sop, image, box] { w->classifyRegion(sop, image, box); },
                                  Qt::QueuedConnection);
    }
    QString failureText() const
    {
        QStringList lines;
        for (const auto& f : failures)
            lines << f.first + QStringLiteral(": ") + f.second;
        return lines.join(QLatin1Char('\n'));
    }
    int resultsFor(const QString& sop) const
    {
        return int(std::count_if(results.begin(), results.end(), [&](const auto& r) { return r.first == sop; }));
    }
    int answersFor(const QString& sop) const
    {
        return resultsFor(sop) +
               int(std::count_if(failures.begin(), failures.end(), [&](const auto& f) { return f.first == sop; }));
    }

    QThread thread;
    AiWorker* worker;
    QObject receiver;
    std::vector<std::pair<QString, std::vector<Finding>>> results;
    std::vector<std::pair<QString, QString>> failures;
    std::vector<std::pair<int, int>> progress;
    std::vector<mammo::app::OperatingPoint> operatingPoints;
    QString modelDescription;
    int modelLoads = 0;
    int modelReleases = 0;
    QStringList classifierReports;
    struct Region {
        QString sop;
        QRectF box;
        double malignancy;   // -1 when it failed
        QString error;
    };
    std::vector<Region> regions;
};

void verifyInside(const std::vector<Finding>& findings, const mammo::core::Image& image, const QString& sop)
{
    const double tolerance = 1e-6;
    for (const Finding& f : findings) {
        QCOMPARE(QString::fromStdString(f.sopInstanceUid), sop);
        QVERIFY(f.score >= 0.0 && f.score <= 1.0);
        QVERIFY2(f.box.x >= -tolerance && f.box.y >= -tolerance && f.box.width > 0 && f.box.height > 0,
                 qPrintable(QStringLiteral("%1 %2 %3 %4").arg(f.box.x).arg(f.box.y).arg(f.box.width).arg(f.box.height)));
        QVERIFY(f.box.x + f.box.width <= image.columns() + tolerance);
        QVERIFY(f.box.y + f.box.height <= image.rows() + tolerance);
        for (const auto& p : f.contour) {
            QVERIFY(p.x >= -tolerance && p.x <= image.columns() + tolerance);
            QVERIFY(p.y >= -tolerance && p.y <= image.rows() + tolerance);
        }
    }
}

} // namespace

class TestAiWorker : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_models;       // an untrained detector and its manifest
    QTemporaryDir m_withCoin;     // the same detector and an untrained COIN classifier

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_models.isValid());
        const QString model = m_models.filePath(QStringLiteral("detector-cpu.pt"));
        mammo::ai::writeUntrainedDetector("cpu", model.toStdString(), 7);
        writeManifest(m_models.path(), QStringLiteral("detector-cpu.pt"), mammo::ai::sha256OfFile(model.toStdString()));

        QVERIFY(m_withCoin.isValid());
        QVERIFY(QFile::copy(model, m_withCoin.filePath(QStringLiteral("detector-cpu.pt"))));
        mammo::ai::coin::writeUntrainedCoinModel("cpu", m_withCoin.filePath(QStringLiteral("coin-cpu.pt")).toStdString(), 2);
        writeManifest(m_withCoin.path(), QStringLiteral("detector-cpu.pt"), mammo::ai::sha256OfFile(model.toStdString()),
                      true, QStringLiteral("coin-cpu.pt"));
    }

    void findingsCarryMalignancyWithTheClassifier()
    {
        RunningWorker run(m_withCoin.path());
        const auto image = makeImage("1.2.6.1", 512, 512);
        run.analyse(QStringLiteral("1.2.6.1"), image);
        QTRY_VERIFY_WITH_TIMEOUT(run.answersFor(QStringLiteral("1.2.6.1")) == 1, kTimeoutMs);
        QVERIFY2(run.failures.empty(), qPrintable(run.failureText()));
        const auto& findings = run.results.front().second;
        QVERIFY(!findings.empty());
        verifyInside(findings, *image, QStringLiteral("1.2.6.1"));
        for (const Finding& f : findings) {
            QVERIFY(f.malignancy.has_value());
            QVERIFY2(*f.malignancy >= 0.0 && *f.malignancy <= 1.0, qPrintable(QString::number(*f.malignancy)));
            QVERIFY(!f.drawnByReader);
        }
        QVERIFY2(run.classifierReports.isEmpty(), qPrintable(run.classifierReports.join('\n')));
        QVERIFY2(run.modelDescription.contains(QStringLiteral("coin-cpu")), qPrintable(run.modelDescription));
    }

    void withoutClassifierFindingsHaveNoMalignancyAndOneReport_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no coin-cpu in the manifest") << QStringLiteral("no entry") << QStringLiteral("lists no model \"coin-cpu\"");
        QTest::newRow("damaged coin-cpu") << QStringLiteral("damaged") << QStringLiteral("cannot be loaded");
        QTest::newRow("coin-cpu hash mismatch") << QStringLiteral("mismatch") << QStringLiteral("SHA-256");
    }

    void withoutClassifierFindingsHaveNoMalignancyAndOneReport()
    {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        QString directory = m_models.path();
        QTemporaryDir damaged;
        if (what != QLatin1String("no entry")) {
            directory = damaged.path();
            const QString detector = m_models.filePath(QStringLiteral("detector-cpu.pt"));
            QVERIFY(QFile::copy(detector, damaged.filePath(QStringLiteral("detector-cpu.pt"))));
            QFile coin(damaged.filePath(QStringLiteral("coin-cpu.pt")));
            QVERIFY(coin.open(QIODevice::WriteOnly));
            coin.write(QByteArray(3000, 'q'));
            coin.close();
            writeManifest(directory, QStringLiteral("detector-cpu.pt"), mammo::ai::sha256OfFile(detector.toStdString()), true,
                          QStringLiteral("coin-cpu.pt"), what == QLatin1String("mismatch") ? std::string(64, '0') : std::string());
        }
        RunningWorker run(directory);
        run.analyse(QStringLiteral("1.2.7.1"), makeImage("1.2.7.1", 512, 512));
        run.analyse(QStringLiteral("1.2.7.2"), makeImage("1.2.7.2", 384, 384));
        QTRY_VERIFY_WITH_TIMEOUT(run.answersFor(QStringLiteral("1.2.7.2")) == 1, kTimeoutMs);
        QVERIFY2(run.failures.empty(), qPrintable(run.failureText()));
        std::size_t findings = 0;
        for (const auto& result : run.results)
            for (const Finding& f : result.second) {
                QVERIFY(!f.malignancy.has_value());
                ++findings;
            }
        QVERIFY(findings > 0);
        QCOMPARE(run.classifierReports.size(), 1);   // once, not per image
        QVERIFY2(run.classifierReports.front().contains(expected), qPrintable(run.classifierReports.front()));
        QVERIFY2(run.modelDescription.contains(QStringLiteral("no P(malignant)")), qPrintable(run.modelDescription));

        // A drawn region is answered with the same reason.
        run.classifyRegion(QStringLiteral("1.2.7.1"), makeImage("1.2.7.1", 512, 512), QRectF(100, 100, 40, 40));
        QTRY_VERIFY_WITH_TIMEOUT(run.regions.size() == 1, kTimeoutMs);
        QCOMPARE(run.regions.front().malignancy, -1.0);
        QVERIFY2(run.regions.front().error.contains(expected), qPrintable(run.regions.front().error));
        QCOMPARE(run.classifierReports.size(), 1);
    }

    void drawnRegionIsClassified()
    {
        RunningWorker run(m_withCoin.path());
        const auto image = makeImage("1.2.8.1", 512, 512);
        const QRectF box(130, 210, 60, 50);
        run.classifyRegion(QStringLiteral("1.2.8.1"), image, box);
        run.classifyRegion(QStringLiteral("1.2.8.1"), nullptr, box);
        run.classifyRegion(QStringLiteral("1.2.8.1"), image, QRectF(10, 10, 0, 30));
        QTRY_VERIFY_WITH_TIMEOUT(run.regions.size() == 3, kTimeoutMs);
        QCOMPARE(run.regions[0].sop, QStringLiteral("1.2.8.1"));
        QCOMPARE(run.regions[0].box, box);
        QVERIFY2(run.regions[0].error.isEmpty(), qPrintable(run.regions[0].error));
        QVERIFY(run.regions[0].malignancy >= 0.0 && run.regions[0].malignancy <= 1.0);
        QVERIFY2(run.regions[1].error.contains(QStringLiteral("no image")), qPrintable(run.regions[1].error));
        QVERIFY2(run.regions[2].error.contains(QStringLiteral("positive width")), qPrintable(run.regions[2].error));
        QCOMPARE(run.modelLoads, 0);   // the detector is not needed for a drawn region
    }

    void idleWorkerReleasesItsModelsAndLoadsThemAgain()
    {
        RunningWorker run(m_withCoin.path(), 50);
        const auto image = makeImage("1.2.6.5", 512, 512);
        run.analyse(QStringLiteral("1.2.6.5"), image);
        QTRY_VERIFY_WITH_TIMEOUT(run.modelReleases == 1, kTimeoutMs);
        QCOMPARE(run.resultsFor(QStringLiteral("1.2.6.5")), 1);   // released after the answer, not before
        QCOMPARE(run.modelLoads, 1);
        const auto first = run.results.front().second;

        run.analyse(QStringLiteral("1.2.6.5"), image);
        QTRY_VERIFY_WITH_TIMEOUT(run.resultsFor(QStringLiteral("1.2.6.5")) == 2, kTimeoutMs);
        QVERIFY2(run.failures.empty(), qPrintable(run.failureText()));
        QCOMPARE(run.modelLoads, 2);
        const auto& again = run.results.back().second;
        QCOMPARE(again.size(), first.size());   // the same models, loaded again
        for (std::size_t i = 0; i < first.size(); ++i) {
            QCOMPARE(again[i].score, first[i].score);
            QCOMPARE(again[i].malignancy.has_value(), first[i].malignancy.has_value());
            if (first[i].malignancy)
                QCOMPARE(*again[i].malignancy, *first[i].malignancy);   // fuzzy, as for the score
        }
        QTRY_VERIFY_WITH_TIMEOUT(run.modelReleases == 2, kTimeoutMs);

        run.classifyRegion(QStringLiteral("1.2.6.5"), image, QRectF(100, 100, 60, 60));
        QTRY_VERIFY_WITH_TIMEOUT(run.regions.size() == 1, kTimeoutMs);
        QVERIFY2(run.regions.front().error.isEmpty(), qPrintable(run.regions.front().error));
        QTRY_VERIFY_WITH_TIMEOUT(run.modelReleases == 3, kTimeoutMs);   // the classifier alone is released too
        QVERIFY(run.classifierReports.isEmpty());
    }

    void twoImagesGetTheirOwnResults()
    {
        RunningWorker run(m_models.path());
        const auto square = makeImage("1.2.3.1", 512, 512);
        const auto tall = makeImage("1.2.3.2", 640, 384);
        run.analyse(QStringLiteral("1.2.3.1"), square);
        run.analyse(QStringLiteral("1.2.3.2"), tall);
        QTRY_VERIFY_WITH_TIMEOUT(run.results.size() + run.failures.size() == 2, kTimeoutMs);
        QVERIFY2(run.failures.empty(), qPrintable(run.failureText()));
        QCOMPARE(run.results[0].first, QStringLiteral("1.2.3.1"));
        QCOMPARE(run.results[1].first, QStringLiteral("1.2.3.2"));
        verifyInside(run.results[0].second, *square, QStringLiteral("1.2.3.1"));
        verifyInside(run.results[1].second, *tall, QStringLiteral("1.2.3.2"));
        QCOMPARE(run.modelLoads, 1);   // loaded once, not per request
        QCOMPARE(run.operatingPoints.size(), std::size_t(2));
        QTRY_COMPARE_WITH_TIMEOUT(run.progress.back(), (std::pair<int, int>(2, 2)), kTimeoutMs);
        const std::size_t detections = run.results[0].second.size() + run.results[1].second.size();
        QVERIFY2(detections > 0, "the bounds check needs detections (the untrained model with seed 7 gives some)");
    }

    void missingSpacingIsSaid()
    {
        RunningWorker run(m_models.path());
        run.analyse(QStringLiteral("1.2.3.9"), makeImage("1.2.3.9", 256, 256, false));
        QTRY_VERIFY_WITH_TIMEOUT(run.answersFor(QStringLiteral("1.2.3.9")) == 1, kTimeoutMs);
        QVERIFY2(run.failures.empty(), qPrintable(run.failureText()));
        QVERIFY(!run.results.front().second.empty());
        for (const Finding& f : run.results.front().second)
            QVERIFY2(QString::fromStdString(f.label).contains(QStringLiteral("0.2 mm")), f.label.c_str());
    }

    void newerRequestSupersedesOlder()
    {
        RunningWorker run(m_models.path());
        run.analyse(QStringLiteral("1.2.3.1"), makeImage("1.2.3.1", 512, 512));
        run.analyse(QStringLiteral("1.2.3.1"), makeImage("1.2.3.1", 384, 384));
        run.analyse(QStringLiteral("1.2.3.1"), makeImage("1.2.3.1", 256, 256));
        // Requests are served in order: once the later image is answered, so is every request before it.
        run.analyse(QStringLiteral("1.2.3.5"), makeImage("1.2.3.5", 256, 256));
        QTRY_VERIFY_WITH_TIMEOUT(run.answersFor(QStringLiteral("1.2.3.5")) == 1, kTimeoutMs);
        QVERIFY2(run.failures.empty(), qPrintable(run.failureText()));
        QCOMPARE(run.resultsFor(QStringLiteral("1.2.3.1")), 1);
        // The answer is for the newest image (256 x 256).
        verifyInside(run.results.front().second, *makeImage("1.2.3.1", 256, 256), QStringLiteral("1.2.3.1"));
    }

    void cancelDropsQueuedRequests()
    {
        RunningWorker run(m_models.path());
        for (const char* sop : {"1.2.4.1", "1.2.4.2", "1.2.4.3"})
            run.analyse(QString::fromLatin1(sop), makeImage(sop, 384, 384));
        run.cancel();
        run.analyse(QStringLiteral("1.2.4.9"), makeImage("1.2.4.9", 256, 256));
        QTRY_VERIFY_WITH_TIMEOUT(run.answersFor(QStringLiteral("1.2.4.9")) == 1, kTimeoutMs);
        QCOMPARE(run.results.size(), std::size_t(1));   // only the request made after the cancel
        QVERIFY2(run.failures.empty(), qPrintable(run.failureText()));
        QTRY_VERIFY_WITH_TIMEOUT(run.progress.back().first == run.progress.back().second, kTimeoutMs);
    }

    void damagedModelFails_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("garbage with a matching hash") << QStringLiteral("garbage") << QStringLiteral("cannot be loaded");
        QTest::newRow("no model file") << QStringLiteral("no file") << QStringLiteral("AI model missing");
        QTest::newRow("no manifest") << QStringLiteral("no manifest") << QStringLiteral("AI model missing");
        QTest::newRow("hash mismatch") << QStringLiteral("mismatch") << QStringLiteral("SHA-256");
    }

    void damagedModelFails()
    {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("detector-cpu.pt"));
        if (what == QLatin1String("garbage") || what == QLatin1String("mismatch")) {
            QFile file(model);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray bytes(4096, '\0');
            for (int i = 0; i < bytes.size(); ++i)
                bytes[i] = char((i * 131 + 17) % 251);
            file.write(bytes);
        }
        if (what == QLatin1String("garbage"))
            writeManifest(dir.path(), QStringLiteral("detector-cpu.pt"), mammo::ai::sha256OfFile(model.toStdString()));
        else if (what != QLatin1String("no manifest"))
            writeManifest(dir.path(), QStringLiteral("detector-cpu.pt"), std::string(64, '0'));

        RunningWorker run(dir.path());
        run.analyse(QStringLiteral("1.2.5.1"), makeImage("1.2.5.1", 256, 256));
        run.analyse(QStringLiteral("1.2.5.2"), makeImage("1.2.5.2", 256, 256));
        QTRY_VERIFY_WITH_TIMEOUT(run.failures.size() == 2, kTimeoutMs);
        QVERIFY(run.results.empty());
        QCOMPARE(run.failures[0].first, QStringLiteral("1.2.5.1"));
        QCOMPARE(run.failures[1].first, QStringLiteral("1.2.5.2"));
        QVERIFY2(run.failures[0].second.contains(expected), qPrintable(run.failures[0].second));
        QCOMPARE(run.modelLoads, 0);
    }

    void fppiBetweenOperatingPoints()
    {
        const std::vector<mammo::app::OperatingPoint> points{{0.9, 0.25, 0.4}, {0.5, 2.0, 0.7}};
        QVERIFY(!mammo::app::fppiAtScore({}, 0.5));
        QCOMPARE(*mammo::app::fppiAtScore(points, 0.5), 2.0);
        QCOMPARE(*mammo::app::fppiAtScore(points, 0.7), 1.125);
        QCOMPARE(*mammo::app::fppiAtScore(points, 0.1), 2.0);    // nearest point below the range
        QCOMPARE(*mammo::app::fppiAtScore(points, 0.99), 0.25);  // and above it
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    TestAiWorker test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_ai_worker.moc"
