// mammoscope-cli eval-augmentation, run as a program on hand-made runs: only
// folds every method finished are compared, and each method's TPR comes from
// its own held-out detections.
#include "CliRun.h"

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

void writeJson(const QString& path, const QJsonObject& object)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(object).toJson());
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
        const auto result = runCli({"eval-augmentation", "--runs", dir.filePath("runs"), "--original",
                                    dir.filePath("original"), "--results", dir.filePath("results"), "--sheet-fold", "0"});
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));

        QFile file(dir.filePath("results/augmentation.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto json = QJsonDocument::fromJson(file.readAll()).object();
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
        const auto result = runCli({"eval-augmentation", "--runs", dir.filePath("runs"), "--original",
                                    dir.filePath("original"), "--results", dir.filePath("results"), "--sheet-fold", "0"});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.standardError.contains("no fold has both"));
        QVERIFY(!QFile::exists(dir.filePath("results/augmentation.json")));
    }
};

QTEST_APPLESS_MAIN(TestEvalAugmentationCommand)
#include "test_eval_augmentation_command.moc"
