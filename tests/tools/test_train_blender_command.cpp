// mammoscope-cli train-blender and synth --method ban, run as programs: a tiny
// training writes a loadable model with its manifest and contact sheet, synth
// blends cases with it, and a model of one method is refused for another.
#include "CliRun.h"
#include "core/MiasCatalog.h"

#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

class TestTrainBlenderCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Four iterations on 64-pixel ROIs: the pipeline, not the quality (training belongs in training/).
        const auto result = runCli({"train-blender", "--method", "ban", "--fold", "3", "--iterations", "4", "--batch", "2",
                                    "--roi", "64", "--sheet", "2", "--threads", "2", "--mias", MAMMO_MIAS_DIR,
                                    m_dir.filePath("ban")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
    }

    void writesModelManifestAndSheet()
    {
        QVERIFY(QFile::exists(m_dir.filePath("ban/model.pt")));
        QFile file(m_dir.filePath("ban/manifest.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto manifest = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(manifest["method"].toString(), QString("ban"));
        QCOMPARE(manifest["held_out_fold"].toInt(), 3);
        QCOMPARE(manifest["iterations"].toInt(), 4);
        QVERIFY(manifest["training_lesions"].toInt() > 10);
        const QImage sheet(m_dir.filePath("ban/contact-sheet.png"));
        QVERIFY(!sheet.isNull());
        QVERIFY(sheet.width() > 4 * 64);   // normal | paste | Poisson | BAN
    }

    void resumingAFinishedRunTrainsNothingMore()
    {
        const auto result = runCli({"train-blender", "--method", "ban", "--fold", "3", "--iterations", "4", "--batch", "2",
                                    "--roi", "64", "--sheet", "0", "--mias", MAMMO_MIAS_DIR, m_dir.filePath("ban")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        QVERIFY(!result.standardOutput.contains("iteration 1/"));
    }

    void synthBlendsWithTheModel()
    {
        const QString out = m_dir.filePath("cases");
        const auto result = runCli({"synth", "--method", "ban", "--model", m_dir.filePath("ban/model.pt"), "--fold", "3",
                                    "--count", "2", "--mias", MAMMO_MIAS_DIR, out});
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        const auto catalog = mammo::core::MiasCatalog::fromDirectory(out.toStdString());
        QCOMPARE(catalog.images().size(), std::size_t(2));
        QFile file(out + "/cases.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(file.readAll()).object()["method"].toString(), QString("ban"));
    }

    void aModelOfAnotherMethodIsRefused()
    {
        const auto result = runCli({"synth", "--method", "no_prior", "--model", m_dir.filePath("ban/model.pt"), "--count",
                                    "1", "--mias", MAMMO_MIAS_DIR, m_dir.filePath("refused")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.standardError.contains("trained as ban, not no_prior"));
    }

    void networkMethodsNeedAModel()
    {
        const auto result = runCli({"synth", "--method", "ban", m_dir.filePath("nomodel")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.standardError.contains("--model FILE"));
    }

    void missingModelIsAClearError()
    {
        const auto result = runCli({"synth", "--method", "ban", "--model", m_dir.filePath("absent.pt"), "--count", "1",
                                    "--mias", MAMMO_MIAS_DIR, m_dir.filePath("absent")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.standardError.contains("absent.pt"), qPrintable(result.standardError));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestTrainBlenderCommand)
#include "test_train_blender_command.moc"
