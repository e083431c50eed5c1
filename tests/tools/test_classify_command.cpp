// mammoscope-cli classify, run as a program: P(malignant) per box on a PNG
// and a DICOM image (text and JSON), labelled as decision support; clear
// errors for a malformed box, a missing or damaged model and a bad image.
#include "ai/coin/MalignancyClassifier.h"
#include "CliRun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

class TestClassifyCommand : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_model;
    const QString m_png = QString(MAMMO_MIAS_DIR) + "/mdb184.png";
    const QString m_dicom = QString(MAMMO_SOURCE_DIR) + "/resources/demo/mdb181.dcm";

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath("coin-untrained.pt");
        mammo::ai::coin::writeUntrainedCoinModel("cpu", m_model.toStdString(), 5);
    }

    void twoBoxesOnPngAndDicom_data()
    {
        QTest::addColumn<QString>("image");
        QTest::newRow("PNG") << m_png;
        QTest::newRow("DICOM") << m_dicom;
    }

    void twoBoxesOnPngAndDicom()
    {
        QFETCH(QString, image);
        const QString json = m_dir.filePath("regions.json");
        const auto result = runCli({"classify", image, "--box", "300,400,60,50", "--box", "990.5,-10,80,80", "--model",
                                    m_model, "--device", "cpu", "--threads", "2", "--json", json});
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        QVERIFY2(result.standardOutput.contains("(1024 x 1024 px, 0.2 mm/px, cpu)"), qPrintable(result.standardOutput));
        QCOMPARE(result.standardOutput.count("P(malignant) 0."), 2);
        QVERIFY(result.standardOutput.contains("box x 300.0 y 400.0 w 60.0 h 50.0  P(malignant) "));
        QVERIFY(result.standardOutput.contains("decision support, not a diagnosis"));
        QVERIFY(result.standardOutput.contains("untrained"));

        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto document = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(document["note"].toString(), QString("decision support, not a diagnosis"));
        QCOMPARE(document["pixelSpacingMm"].toDouble(), 0.2);
        const auto regions = document["regions"].toArray();
        QCOMPARE(regions.size(), 2);
        QCOMPARE(regions[1].toObject()["box"].toArray()[0].toDouble(), 990.5);
        for (const auto& region : regions) {
            const double p = region.toObject()["malignancy"].toDouble(-1);
            QVERIFY2(p >= 0 && p <= 1, qPrintable(QString::number(p)));
        }
    }

    void malformedBoxIsAUsageError_data()
    {
        QTest::addColumn<QStringList>("boxes");
        QTest::newRow("three numbers") << QStringList{"--box", "10,20,30"};
        QTest::newRow("not a number") << QStringList{"--box", "10,20,wide,40"};
        QTest::newRow("zero width") << QStringList{"--box", "10,20,0,40"};
        QTest::newRow("negative height") << QStringList{"--box", "10,20,30,-4"};
        QTest::newRow("one good, one bad") << QStringList{"--box", "10,20,30,40", "--box", "1;2;3;4"};
        QTest::newRow("none") << QStringList{};
    }

    void malformedBoxIsAUsageError()
    {
        QFETCH(QStringList, boxes);
        const auto result = runCli(QStringList{"classify", m_png, "--model", m_model} + boxes);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.standardError.contains("--box"), qPrintable(result.standardError));
        QVERIFY(!result.standardOutput.contains("P(malignant) 0."));
    }

    void badModelOrImageIsAnError_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing model file") << "missing model" << "does not exist";
        QTest::newRow("damaged model file") << "damaged model" << "damaged";
        QTest::newRow("no coin-cpu in the manifest") << "no manifest entry" << "coin-cpu";
        QTest::newRow("unreadable image") << "unreadable image" << "cannot read";
        QTest::newRow("missing image") << "missing image" << "does not exist";
        QTest::newRow("box outside the image") << "box outside" << "outside the image";
    }

    void badModelOrImageIsAnError()
    {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        QString model = m_model, image = m_png, box = "300,400,60,50", modelsDirectory;
        if (what == "missing model") {
            model = m_dir.filePath("none.pt");
        } else if (what == "damaged model") {
            model = m_dir.filePath("damaged.pt");
            QFile file(model);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(1000, 'z'));
        } else if (what == "unreadable image") {
            image = m_dir.filePath("garbage.png");
            QFile file(image);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(500, 'x'));
        } else if (what == "missing image") {
            image = m_dir.filePath("none.png");
        } else if (what == "box outside") {
            box = "1100,10,50,50";
        }
        QStringList arguments{"classify", image, "--box", box, "--threads", "2"};
        if (what == "no manifest entry") {
            // The default model, from a manifest that lists only the detector (as before COIN was trained).
            modelsDirectory = m_dir.filePath("detector-only");
            QVERIFY(QDir().mkpath(modelsDirectory));
            QFile manifest(modelsDirectory + "/manifest.json");
            QVERIFY(manifest.open(QIODevice::WriteOnly));
            manifest.write(R"({"models": {"detector-cpu": {"file": "detector-cpu.pt", "sha256": "00"}}})");
        } else {
            arguments << "--model" << model;
        }
        const auto result = runCli(arguments, modelsDirectory);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.standardError.contains(expected), qPrintable(result.standardError));
    }
};

QTEST_GUILESS_MAIN(TestClassifyCommand)
#include "test_classify_command.moc"
