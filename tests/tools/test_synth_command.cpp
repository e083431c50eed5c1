// mammoscope-cli synth, run as a program: synthetic cases of one training fold
// in mini-MIAS form, readable by the catalogue the detector's trainer uses,
// marked synthetic, and changed only around the pasted lesion.
#include "CliRun.h"
#include "ai/FoldSplit.h"
#include "core/MiasCatalog.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

class TestSynthCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pastedCasesOfATrainingFold()
    {
        QTemporaryDir dir;
        const auto result = runCli({"synth", "--method", "paste", "--fold", "2", "--count", "4", "--seed", "5",
                                    "--mias", MAMMO_MIAS_DIR, dir.path()});
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));

        // The trainer's catalogue reads the folder: four masses with circles.
        const auto catalog = mammo::core::MiasCatalog::fromDirectory(dir.path().toStdString());
        QCOMPARE(catalog.images().size(), std::size_t(4));
        for (const auto& image : catalog.images()) {
            QVERIFY(image.number > 1000);   // never a real mini-MIAS reference
            QVERIFY(image.hasMass());
            QVERIFY(image.abnormalities.front().circle.has_value());
        }

        QFile file(dir.filePath("cases.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto manifest = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(manifest["synthetic"].toBool());
        const auto split = mammo::ai::readFoldSplit(QString(MAMMO_SOURCE_DIR "/resources/splits/mias-5fold.json").toStdString());
        const auto& held = split.testImages(2);
        for (const auto& entry : manifest["cases"].toArray()) {
            const auto c = entry.toObject();
            const std::string normal = c["normal_image"].toString().toStdString();
            const std::string lesionSource = c["lesion"].toString().left(6).toStdString();
            // Only the training fold's images: nothing of the held-out fold leaks in.
            QVERIFY(std::find(held.begin(), held.end(), normal) == held.end());
            QVERIFY(std::find(held.begin(), held.end(), lesionSource) == held.end());

            // Plain paste: the image differs from its normal source only near the lesion.
            const QImage synthetic(dir.filePath(c["reference"].toString() + ".png"));
            const QImage original(QString(MAMMO_MIAS_DIR) + "/" + QString::fromStdString(normal) + ".png");
            QCOMPARE(synthetic.size(), original.size());
            const double cx = c["centre"].toArray()[0].toDouble();
            const double cy = c["centre"].toArray()[1].toDouble();
            const double reach = 2.0 * c["radius"].toDouble() + 12.0;
            int changedNear = 0, changedFar = 0;
            for (int y = 0; y < synthetic.height(); y += 2)
                for (int x = 0; x < synthetic.width(); x += 2)
                    if (qGray(synthetic.pixel(x, y)) != qGray(original.pixel(x, y)))
                        ++(std::hypot(x - cx, y - cy) <= reach ? changedNear : changedFar);
            QVERIFY(changedNear > 0);
            QCOMPARE(changedFar, 0);
        }
    }

    void badMethodIsAUsageError()
    {
        QTemporaryDir dir;
        const auto result = runCli({"synth", "--method", "magic", dir.path()});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.standardError.contains("paste, poisson, ban, no_prior or vanilla_gan"));
    }
};

QTEST_APPLESS_MAIN(TestSynthCommand)
#include "test_synth_command.moc"
