// mammoscope-cli eval-augmentation, run as a program on hand-made runs: only
// folds every method finished are compared, each method's TPR comes from its
// own held-out detections, and folds accumulate across machines (committed
// detections, and earlier figures carried when the settings are the same).
#include "CliRun.h"
#include "JsonFiles.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// One image with one mass at (500, 500) radius 50; `hit` puts a box on it, otherwise far away.
QJsonObject foldEvaluation(int fold, bool hit)
{
    const QJsonArray box = hit ? QJsonArray{455, 455, 545, 545, 0.9} : QJsonArray{10, 10, 60, 60, 0.9};
    const QJsonObject image{{"reference", "mdb001"},
                            {"masses", QJsonArray{QJsonArray{500, 500, 50}}},
                            {"detections", QJsonArray{box}}};
    return {{"fold", fold}, {"fppi", QJsonArray{0.25, 0.5, 1, 2, 4}}, {"tpr", QJsonObject{}}, {"images", QJsonArray{image}}};
}

const QJsonObject kSettings{{"cases_per_fold", 100}, {"detector_iterations", 1500}};

// runs eval-augmentation on DIR's folders: original/, runs/, committed/, results/
CliRun evalAugmentation(const QTemporaryDir& dir)
{
    return runCli({"eval-augmentation", "--runs", dir.filePath("runs"), "--detections", dir.filePath("committed"),
                   "--original", dir.filePath("original"), "--results", dir.filePath("results"), "--sheet-fold", "0"});
}

// TPR at 1 FPPI of METHOD under RULE, per fold, from results/augmentation.json
QJsonArray perFoldAtOneFppi(const QTemporaryDir& dir, const char* method, const char* rule)
{
    const auto json = readJson(dir.filePath("results/augmentation.json"));
    QJsonArray values;
    for (const auto fold : json["methods"].toObject()[method].toObject()["rules"].toObject()[rule].toObject()["per_fold"].toArray())
        values.append(fold.toArray()[2]);
    return values;
}

} // namespace

class TestEvalAugmentationCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void comparesOnlyFoldsEveryMethodFinished()
    {
        QTemporaryDir dir;
        // The original detector has folds 1 and 2; paste only fold 1, and finds the mass there; the original misses it.
        writeJson(dir.filePath("original/detector-fold1-detections.json"), foldEvaluation(1, false));
        writeJson(dir.filePath("original/detector-fold2-detections.json"), foldEvaluation(2, true));
        writeJson(dir.filePath("runs/detector/paste-fold1/evaluation.json"), foldEvaluation(1, true));
        const auto result = evalAugmentation(dir);
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));

        const auto json = readJson(dir.filePath("results/augmentation.json"));
        QCOMPARE(json["experiment"].toObject()["folds"].toArray(), QJsonArray{1});
        const auto methods = json["methods"].toObject();
        QCOMPARE(methods.keys(), (QStringList{"original", "paste"}));
        for (const char* rule : {"iou0.5", "centre"}) {
            const auto original = methods["original"].toObject()["rules"].toObject()[rule].toObject();
            const auto paste = methods["paste"].toObject()["rules"].toObject()[rule].toObject();
            QCOMPARE(original["tpr_mean"].toArray()[2].toDouble(), 0.0);
            QCOMPARE(paste["tpr_mean"].toArray()[2].toDouble(), 1.0);
            QCOMPARE(paste["fppi"].toArray().size(), 5);
        }
    }

    void noCommonFoldIsAClearError()
    {
        QTemporaryDir dir;
        writeJson(dir.filePath("original/detector-fold2-detections.json"), foldEvaluation(2, true));
        writeJson(dir.filePath("runs/detector/ban-fold1/evaluation.json"), foldEvaluation(1, true));
        const auto result = evalAugmentation(dir);
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.standardError.contains("no fold has both"));
        QVERIFY(!QFile::exists(dir.filePath("results/augmentation.json")));
    }

    // Fold 1 ran on an earlier machine (only its figures remain); fold 2's detections were committed.
    void foldsAccumulateFromCommittedDetectionsAndEarlierFigures()
    {
        QTemporaryDir dir;
        writeJson(dir.filePath("original/detector-fold1-detections.json"), foldEvaluation(1, false));
        writeJson(dir.filePath("original/detector-fold2-detections.json"), foldEvaluation(2, false));
        writeJson(dir.filePath("runs/detector/paste-fold1/evaluation.json"), foldEvaluation(1, true));
        writeJson(dir.filePath("runs/experiment.json"), kSettings);
        QCOMPARE(evalAugmentation(dir).exitCode, 0);   // fold 1: paste finds the mass

        QVERIFY(QDir(dir.filePath("runs")).removeRecursively());   // that machine is gone
        writeJson(dir.filePath("committed/paste-fold2-detections.json"), foldEvaluation(2, false));
        writeJson(dir.filePath("committed/experiment.json"), kSettings);
        const auto result = evalAugmentation(dir);
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        QCOMPARE(readJson(dir.filePath("results/augmentation.json"))["experiment"].toObject()["folds"].toArray(),
                 (QJsonArray{1, 2}));
        QCOMPARE(perFoldAtOneFppi(dir, "paste", "centre"), (QJsonArray{1.0, 0.0}));
        QCOMPARE(perFoldAtOneFppi(dir, "original", "iou0.5"), (QJsonArray{0.0, 0.0}));
    }

    // This machine's runs and the committed detections of other settings are not one experiment.
    void runsAndCommittedDetectionsOfOtherSettingsAreRefused()
    {
        QTemporaryDir dir;
        writeJson(dir.filePath("original/detector-fold1-detections.json"), foldEvaluation(1, false));
        writeJson(dir.filePath("runs/detector/paste-fold1/evaluation.json"), foldEvaluation(1, true));
        writeJson(dir.filePath("runs/experiment.json"), kSettings);
        writeJson(dir.filePath("committed/experiment.json"), QJsonObject{{"detector_iterations", 3000}});
        const auto result = evalAugmentation(dir);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.standardError.contains("other settings"), qPrintable(result.standardError));
    }

    // Figures from another schedule would mix two experiments: they are dropped, not carried.
    void earlierFiguresOfOtherSettingsAreNotCarried()
    {
        QTemporaryDir dir;
        writeJson(dir.filePath("original/detector-fold1-detections.json"), foldEvaluation(1, false));
        writeJson(dir.filePath("original/detector-fold2-detections.json"), foldEvaluation(2, false));
        writeJson(dir.filePath("runs/detector/paste-fold1/evaluation.json"), foldEvaluation(1, true));
        writeJson(dir.filePath("runs/experiment.json"), kSettings);
        QCOMPARE(evalAugmentation(dir).exitCode, 0);

        QVERIFY(QDir(dir.filePath("runs")).removeRecursively());
        writeJson(dir.filePath("committed/paste-fold2-detections.json"), foldEvaluation(2, true));
        writeJson(dir.filePath("committed/experiment.json"), QJsonObject{{"detector_iterations", 3000}});
        const auto result = evalAugmentation(dir);
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        QVERIFY(result.standardOutput.contains("not carried"));
        QCOMPARE(readJson(dir.filePath("results/augmentation.json"))["experiment"].toObject()["folds"].toArray(),
                 (QJsonArray{2}));
        QCOMPARE(perFoldAtOneFppi(dir, "paste", "centre"), (QJsonArray{1.0}));
    }
};

QTEST_APPLESS_MAIN(TestEvalAugmentationCommand)
#include "test_eval_augmentation_command.moc"
