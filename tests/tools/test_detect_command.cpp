// mammoscope-cli detect and eval-detector, run as programs: findings per image
// in JSON, a clear error for bad input, usage errors, and a damaged model.
#include "ai/MassDetector.h"
#include "ai/ModelManifest.h"
#include "CliRun.h"
#include "core/cad/CadSrReader.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

class TestDetectCommand : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_model;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath("untrained.pt");
        mammo::ai::writeUntrainedDetector("cpu", m_model.toStdString(), 11);
    }

    void findingsOfDicomAndPngInJson()
    {
        const QString demo = QString(MAMMO_SOURCE_DIR) + "/resources/demo/mdb181.dcm";
        const QString png = QString(MAMMO_MIAS_DIR) + "/mdb184.png";
        const QString json = m_dir.filePath("findings.json");
        const auto result = runCli({"detect", "--model", m_model, "--device", "cpu", "--threads", "2", "--min-score", "0",
                                    "--json", json, demo, png});
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        QVERIFY(result.standardOutput.contains("mdb181.dcm (1024 x 1024 px, 0.2 mm/px, cpu)"));
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto document = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(document["note"].toString(), QString("decision support, not a diagnosis"));
        const auto images = document["images"].toArray();
        QCOMPARE(images.size(), 2);
        QVERIFY(images[0].toObject()["sopInstanceUid"].toString().startsWith("2.25."));
        for (const auto& entry : images) {
            for (const auto& finding : entry.toObject()["findings"].toArray()) {
                const auto box = finding.toObject()["box"].toArray();
                QCOMPARE(box.size(), 4);
                QVERIFY(box[0].toDouble() >= 0 && box[0].toDouble() + box[2].toDouble() <= 1024.01);
                QVERIFY(finding.toObject()["contour"].toArray().size() >= 3);
            }
        }
    }

    void findingsAsCadSrAndSegOfTheSameImages()
    {
        const QString right = QString(MAMMO_SOURCE_DIR) + "/resources/demo/mdb181.dcm";
        const QString left = QString(MAMMO_SOURCE_DIR) + "/resources/demo/mdb182.dcm";
        const QString json = m_dir.filePath("cad.json");
        const QString sr = m_dir.filePath("out/cad-sr.dcm");
        const QString seg = m_dir.filePath("out/seg");
        const auto result = runCli({"detect", "--model", m_model, "--device", "cpu", "--threads", "2", "--min-score", "0",
                                    "--json", json, "--sr", sr, "--seg", seg, right, left});
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        int expected = 0;
        QSet<QString> imagesWithFindings;
        for (const auto& entry : QJsonDocument::fromJson(file.readAll()).object()["images"].toArray()) {
            const int n = int(entry.toObject()["findings"].toArray().size());
            expected += n;
            if (n > 0)
                imagesWithFindings.insert(entry.toObject()["sopInstanceUid"].toString());
        }
        QVERIFY(expected > 0);   // min-score 0: the untrained model reports boxes
        // The SR holds every finding on the image it was found on; DCMTK reads it.
        const auto marks = mammo::core::cad::CadSrReader().readFindings(sr.toStdString());
        QCOMPARE(int(marks.size()), expected);
        for (const auto& mark : marks)
            QVERIFY(imagesWithFindings.contains(QString::fromStdString(mark.sopInstanceUid)));
        QProcess dsrdump;
        dsrdump.start("dsrdump", {sr});
        QVERIFY(dsrdump.waitForFinished(30000));
        QCOMPARE(dsrdump.exitCode(), 0);
        QCOMPARE(QDir(seg).entryList({"*.seg.dcm"}, QDir::Files).size(), imagesWithFindings.size());
    }

    void unreadableInputIsNamedAndTheRestStillRuns()
    {
        const QString garbage = m_dir.filePath("garbage.dcm");
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(128, '\0') + "DICM" + QByteArray(64, 'x'));
        file.close();
        const QString png = QString(MAMMO_MIAS_DIR) + "/mdb002.png";
        const auto result = runCli({"detect", "--model", m_model, "--threads", "2", garbage, png});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.standardError.contains("garbage.dcm"), qPrintable(result.standardError));
        QVERIFY(result.standardOutput.contains("mdb002.png"));
    }

    void damagedOrMissingModelIsAnError()
    {
        const QString damaged = m_dir.filePath("damaged.pt");
        QFile file(damaged);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(1000, 'z'));
        file.close();
        const QString png = QString(MAMMO_MIAS_DIR) + "/mdb002.png";
        auto result = runCli({"detect", "--model", damaged, png});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.standardError.contains("damaged"), qPrintable(result.standardError));
        // A name the manifest does not list, in an empty models directory.
        result = runCli({"detect", "--model", "detector-cpu", png}, m_dir.filePath("no-models"));
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.standardError.contains("manifest"), qPrintable(result.standardError));
    }

    void usageErrors()
    {
        QCOMPARE(runCli({"detect"}).exitCode, 2);
        QCOMPARE(runCli({"detect", "--device", "tpu", "x.png"}).exitCode, 2);
    }
};

QTEST_MAIN(TestDetectCommand)
#include "test_detect_command.moc"
