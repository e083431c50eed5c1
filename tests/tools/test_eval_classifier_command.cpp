// mammoscope-cli eval-classifier, run as a program on hand-made held-out
// evaluations: accuracy and AUC per configuration over the folds, the entries
// of configurations whose runs are not at hand kept from the previous results
// (the ROC plot then left as it was), and the lesion-radius reference.
#include "CliRun.h"
#include "JsonFiles.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// A fold of two ROIs, one benign and one malignant; `right` ranks them correctly.
QJsonObject evaluation(int fold, bool right)
{
    const double malignant = right ? 0.9 : 0.1, benign = right ? 0.2 : 0.8;
    return {{"fold", fold},
            {"accuracy", right ? 1.0 : 0.0},
            {"auc", right ? 1.0 : 0.0},
            {"rois", QJsonArray{QJsonObject{{"probability", malignant}, {"label", 1}},
                                QJsonObject{{"probability", benign}, {"label", 0}}}}};
}

// Folds 1..folds of a configuration, trained for `iterations` (options.json as train-classifier writes it).
void writeRuns(const QString& root, const QString& configuration, int folds, bool right, int iterations = 250)
{
    for (int fold = 1; fold <= folds; ++fold) {
        const QString dir = QString("%1/masses/%2/fold%3").arg(root, configuration).arg(fold);
        writeJson(dir + "/evaluation.json", evaluation(fold, right));
        writeJson(dir + "/options.json",
                  {{"iterations", iterations}, {"batch", 16}, {"learning_rate", 0.001}, {"network", "cpu"}});
    }
}

// `mias`: a folder with Info.txt for the lesion-radius reference; by default an
// empty one, so only the runs are reported.
CliRun evalClassifier(const QTemporaryDir& dir, const QString& runs, const QString& mias = "no-mias")
{
    return runCli({"eval-classifier", "--folds", "2", "--results", dir.filePath("results"), "--mias",
                   dir.filePath(mias), "--split", dir.filePath("split.json"), dir.filePath(runs)});
}

// A mini-MIAS Info.txt of the given rows in DIR/mias.
bool writeInfo(const QTemporaryDir& dir, const QByteArray& rows)
{
    QDir().mkpath(dir.filePath("mias"));
    QFile info(dir.filePath("mias/Info.txt"));
    return info.open(QIODevice::WriteOnly) && info.write(rows) == rows.size();
}

} // namespace

class TestEvalClassifierCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void summarisesEveryConfigurationAndDrawsTheRoc()
    {
        QTemporaryDir dir;
        writeRuns(dir.filePath("runs"), "coin", 2, true);
        writeRuns(dir.filePath("runs"), "baseline", 2, false);
        const auto result = evalClassifier(dir, "runs");
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        const auto masses = readJson(dir.filePath("results/coin.json"))["masses"].toObject();
        QCOMPARE(masses.keys(), (QStringList{"baseline", "coin"}));
        QCOMPARE(masses["coin"].toObject()["auc_mean"].toDouble(), 1.0);
        QCOMPARE(masses["baseline"].toObject()["acc_mean"].toDouble(), 0.0);
        QCOMPARE(masses["coin"].toObject()["folds"].toInt(), 2);
        QVERIFY(QFile::exists(dir.filePath("results/coin-roc.png")));
    }

    // A later machine has only one configuration's runs: the others keep their figures.
    void keepsEntriesWhoseRunsAreNotAtHand()
    {
        QTemporaryDir dir;
        writeRuns(dir.filePath("first"), "coin", 2, true);
        writeRuns(dir.filePath("first"), "baseline", 2, false);
        QCOMPARE(evalClassifier(dir, "first").exitCode, 0);
        QFile::remove(dir.filePath("results/coin-roc.png"));

        writeRuns(dir.filePath("second"), "coin-lambda0.5", 2, true);
        writeRuns(dir.filePath("second"), "coin-lambda2", 1, true);   // partial: left out, not reported
        const auto result = evalClassifier(dir, "second");
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        QVERIFY(result.standardOutput.contains("masses/baseline: not at hand, kept"));
        const auto masses = readJson(dir.filePath("results/coin.json"))["masses"].toObject();
        QCOMPARE(masses.keys(), (QStringList{"baseline", "coin", "coin-lambda0.5"}));
        QCOMPARE(masses["baseline"].toObject()["acc_mean"].toDouble(), 0.0);
        QCOMPARE(masses["coin-lambda0.5"].toObject()["auc_mean"].toDouble(), 1.0);
        QVERIFY(!QFile::exists(dir.filePath("results/coin-roc.png")));   // it would show only the new one
    }

    // Figures of another schedule are neither averaged with nor carried beside these.
    void schedulesAreNotMixed()
    {
        QTemporaryDir dir;
        writeRuns(dir.filePath("first"), "baseline", 2, false, 250);
        QCOMPARE(evalClassifier(dir, "first").exitCode, 0);
        writeRuns(dir.filePath("second"), "coin", 2, true, 500);
        const auto result = evalClassifier(dir, "second");
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        QVERIFY(result.standardOutput.contains("masses/baseline: kept out"));
        QCOMPARE(readJson(dir.filePath("results/coin.json"))["masses"].toObject().keys(), QStringList{"coin"});

        writeJson(dir.filePath("second/masses/coin/fold2/options.json"), {{"iterations", 250}, {"batch", 16}});
        const auto mixed = evalClassifier(dir, "second");
        QCOMPARE(mixed.exitCode, 1);
        QVERIFY2(mixed.standardError.contains("another schedule"), qPrintable(mixed.standardError));
    }

    // From Info.txt and the split, not from the runs; computed afresh each time, never "kept".
    void addsTheLesionRadiusReference()
    {
        QTemporaryDir dir;
        writeRuns(dir.filePath("runs"), "coin", 2, true);
        // Large masses malignant in both folds: the threshold of either fold separates the other.
        QVERIFY(writeInfo(dir, "mdb001 F CIRC B 500 500 10\nmdb002 F SPIC M 500 500 50\n"
                               "mdb003 F CIRC B 500 500 12\nmdb004 F MISC M 500 500 45\nmdb005 F NORM\n"));
        writeJson(dir.filePath("split.json"),
                  {{"dataset", "mini-MIAS"},
                   {"seed", 1},
                   {"folds", QJsonArray{QJsonObject{{"fold", 1}, {"images", QJsonArray{"mdb001", "mdb002"}}},
                                        QJsonObject{{"fold", 2}, {"images", QJsonArray{"mdb003", "mdb004"}}}}}});
        for (int run = 0; run < 2; ++run) {
            const auto result = evalClassifier(dir, "runs", "mias");
            QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
            QVERIFY(!result.standardOutput.contains("lesion_radius: not at hand"));
            const auto masses = readJson(dir.filePath("results/coin.json"))["masses"].toObject();
            QCOMPARE(masses.keys(), (QStringList{"coin", "lesion_radius"}));
            const auto reference = masses["lesion_radius"].toObject();
            QCOMPARE(reference["folds"].toInt(), 2);
            QCOMPARE(reference["rois"].toInt(), 4);
            QCOMPARE(reference["auc_mean"].toDouble(), 1.0);
            QCOMPARE(reference["acc_mean"].toDouble(), 1.0);
        }
        QVERIFY(QFile::exists(dir.filePath("results/coin-roc.png")));

        // A machine without Info.txt keeps the committed reference and says so.
        const auto without = evalClassifier(dir, "runs");
        QVERIFY2(without.exitCode == 0, qPrintable(without.standardError));
        QVERIFY2(without.standardOutput.contains("lesion_radius: not computed"), qPrintable(without.standardOutput));
        QVERIFY(without.standardOutput.contains("previous figures kept"));
        const auto masses = readJson(dir.filePath("results/coin.json"))["masses"].toObject();
        QCOMPARE(masses["lesion_radius"].toObject()["auc_mean"].toDouble(), 1.0);
    }

    // A malformed split leaves the reference out; the runs are still reported.
    void aBrokenReferenceDoesNotStopTheReport()
    {
        QTemporaryDir dir;
        writeRuns(dir.filePath("runs"), "coin", 2, true);
        QVERIFY(writeInfo(dir, "mdb001 F CIRC B 500 500 10\nmdb002 F SPIC M 500 500 50\n"));
        writeJson(dir.filePath("split.json"), {{"folds", "not a list"}});
        const auto result = evalClassifier(dir, "runs", "mias");
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        QVERIFY(result.standardOutput.contains("lesion_radius: not computed"));
        QCOMPARE(readJson(dir.filePath("results/coin.json"))["masses"].toObject().keys(), QStringList{"coin"});
    }

    void nothingToReportIsAClearError()
    {
        QTemporaryDir dir;
        writeRuns(dir.filePath("runs"), "coin", 1, true);
        const auto result = evalClassifier(dir, "runs");
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.standardError.contains("no complete cross-validation"));
    }
};

QTEST_APPLESS_MAIN(TestEvalClassifierCommand)
#include "test_eval_classifier_command.moc"
