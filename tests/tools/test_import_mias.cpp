// mammoscope-cli import-mias, run as a program on two real mini-MIAS images.
#include "JsonFiles.h"
#include "core/MiasCatalog.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {

// Each registration guards against being done twice.
void registerDecoders()
{
    DJDecoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
}

struct RunResult {
    int exitCode = -1;
    QString standardOutput;
    QString standardError;
};

RunResult runProgram(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromLocal8Bit(process.readAllStandardOutput()), QString::fromLocal8Bit(process.readAllStandardError())};
}

RunResult runCli(const QStringList& arguments)
{
    return runProgram(MAMMOSCOPE_CLI, arguments);
}

std::string stringOf(DcmItem* item, const DcmTagKey& tag)
{
    OFString value;
    item->findAndGetOFStringArray(tag, value);
    return value.c_str();
}

std::unique_ptr<DcmFileFormat> load(const QString& path)
{
    auto file = std::make_unique<DcmFileFormat>();
    if (file->loadFile(path.toStdString().c_str()).bad())
        return nullptr;
    return file;
}


} // namespace

class TestImportMias : public QObject {
    Q_OBJECT

private:
    QString m_miasDirectory;
    QTemporaryDir m_output;
    RunResult m_import;

private Q_SLOTS:
    void initTestCase()
    {
        m_miasDirectory = QString::fromStdString(mammo::core::miasDatasetDirectory(MAMMO_MIAS_DIR));
        QVERIFY(QFile::exists(m_miasDirectory + "/mdb001.png"));
        QVERIFY(m_output.isValid());
        m_import = runCli({"import-mias", "--mias", m_miasDirectory, "--syntax", "rle", "--images", "mdb001,mdb002",
                           m_output.path()});
        QVERIFY2(m_import.exitCode == 0, qPrintable(m_import.standardError));
    }

    void printsProgressAndSummary()
    {
        QVERIFY2(m_import.standardOutput.contains("[1/2] mdb001"), qPrintable(m_import.standardOutput));
        QVERIFY(m_import.standardOutput.contains("[2/2] mdb002"));
        QVERIFY(m_import.standardOutput.contains("Imported 2 image(s) of 1 patient(s)"));
        QVERIFY(m_import.standardError.isEmpty());
    }

    void writesLateralityOrientationAndSpacing_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("laterality");
        QTest::addColumn<QString>("orientation");
        QTest::addColumn<QString>("seriesNumber");
        // Odd files are right breasts with the chest wall on the right of the image (P\F),
        // even files left breasts with the chest wall on the left (A\F).
        QTest::newRow("mdb001") << "mdb001" << "R" << "P\\F" << "1";
        QTest::newRow("mdb002") << "mdb002" << "L" << "A\\F" << "2";
    }

    void writesLateralityOrientationAndSpacing()
    {
        QFETCH(QString, reference);
        QFETCH(QString, laterality);
        QFETCH(QString, orientation);
        QFETCH(QString, seriesNumber);
        const auto file = load(m_output.filePath(reference + ".dcm"));
        QVERIFY(file);
        DcmDataset* dataset = file->getDataset();
        QCOMPARE(stringOf(dataset, DCM_SOPClassUID), std::string(UID_DigitalMammographyXRayImageStorageForPresentation));
        QCOMPARE(stringOf(file->getMetaInfo(), DCM_TransferSyntaxUID), std::string(UID_RLELosslessTransferSyntax));
        QCOMPARE(stringOf(dataset, DCM_ImageLaterality), laterality.toStdString());
        QCOMPARE(stringOf(dataset, DCM_PatientOrientation), orientation.toStdString());
        QCOMPARE(stringOf(dataset, DCM_ViewPosition), std::string("MLO"));
        QCOMPARE(stringOf(dataset, DCM_PixelSpacing), std::string("0.2\\0.2"));
        QCOMPARE(stringOf(dataset, DCM_ImagerPixelSpacing), std::string("0.2\\0.2"));
        QCOMPARE(stringOf(dataset, DCM_EstimatedRadiographicMagnificationFactor), std::string("1"));
        QCOMPARE(stringOf(dataset, DCM_PatientID), std::string("MIAS-P001"));
        QCOMPARE(stringOf(dataset, DCM_PatientName), std::string("MIAS^P001"));
        QCOMPARE(stringOf(dataset, DCM_StudyDescription), std::string("mini-MIAS mdb001/mdb002 (converted)"));
        QCOMPARE(stringOf(dataset, DCM_SeriesNumber), seriesNumber.toStdString());
        QCOMPARE(stringOf(dataset, DCM_BurnedInAnnotation), std::string("NO"));
        QCOMPARE(stringOf(dataset, DCM_PhotometricInterpretation), std::string("MONOCHROME2"));
        QCOMPARE(stringOf(dataset, DCM_BitsStored), std::string("8"));
        QVERIFY(!stringOf(dataset, DCM_WindowCenter).empty());
        QVERIFY(QString::fromStdString(stringOf(dataset, DCM_Manufacturer)).contains("mini-MIAS"));
    }

    void keepsOnePatientAndStudyWithOneSeriesPerSide()
    {
        const auto right = load(m_output.filePath("mdb001.dcm"));
        const auto left = load(m_output.filePath("mdb002.dcm"));
        QVERIFY(right && left);
        QCOMPARE(stringOf(right->getDataset(), DCM_StudyInstanceUID), stringOf(left->getDataset(), DCM_StudyInstanceUID));
        QVERIFY(stringOf(right->getDataset(), DCM_SeriesInstanceUID) != stringOf(left->getDataset(), DCM_SeriesInstanceUID));
        QVERIFY(stringOf(right->getDataset(), DCM_SOPInstanceUID) != stringOf(left->getDataset(), DCM_SOPInstanceUID));
    }

    void keepsThePixelsOfThePng()
    {
        registerDecoders();
        const auto file = load(m_output.filePath("mdb001.dcm"));
        QVERIFY(file);
        DcmDataset* dataset = file->getDataset();
        QVERIFY(dataset->chooseRepresentation(EXS_LittleEndianExplicit, nullptr).good());
        const Uint8* pixels = nullptr;
        unsigned long count = 0;
        QVERIFY(dataset->findAndGetUint8Array(DCM_PixelData, pixels, &count).good());
        const QImage png = QImage(m_miasDirectory + "/mdb001.png").convertToFormat(QImage::Format_Grayscale8);
        QCOMPARE(int(count), png.width() * png.height());
        for (int y = 0; y < png.height(); ++y)
            QVERIFY(std::equal(png.constScanLine(y), png.constScanLine(y) + png.width(), pixels + std::size_t(y) * 1024));
    }

    void writesGroundTruthWithTopLeftOrigin()
    {
        const QJsonObject root = readJson(m_output.filePath("ground-truth.json"));
        const QJsonObject mdb001 = root["byReference"].toObject()["mdb001"].toObject();
        QCOMPARE(mdb001["class"].toString(), QString("CIRC"));
        QCOMPARE(mdb001["severity"].toString(), QString("B"));
        QCOMPARE(mdb001["laterality"].toString(), QString("R"));
        const QJsonObject circle = mdb001["abnormalities"].toArray().at(0).toObject()["circle"].toObject();
        // Info.txt: "mdb001 G CIRC B 535 425 197" with y from the bottom.
        QCOMPARE(circle["x"].toInt(), 535);
        QCOMPARE(circle["y"].toInt(), 1023 - 425);
        QCOMPARE(circle["radius"].toInt(), 197);
        const QJsonObject mdb002Circle = root["byReference"].toObject()["mdb002"].toObject()["abnormalities"]
                                             .toArray().at(0).toObject()["circle"].toObject();
        QCOMPARE(mdb002Circle["y"].toInt(), 1023 - 280);

        // Keyed by SOP Instance UID as well, matching the file.
        const auto file = load(m_output.filePath("mdb001.dcm"));
        QVERIFY(file);
        const QString sopInstanceUid = QString::fromStdString(stringOf(file->getDataset(), DCM_SOPInstanceUID));
        QCOMPARE(mdb001["sopInstanceUid"].toString(), sopInstanceUid);
        QCOMPARE(root["bySopInstanceUid"].toObject()[sopInstanceUid].toObject()["reference"].toString(), QString("mdb001"));
    }

    void copiesTheLicence()
    {
        QFile original(m_miasDirectory + "/Licence.txt");
        QFile copy(m_output.filePath("Licence.txt"));
        QVERIFY(original.open(QIODevice::ReadOnly) && copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), original.readAll());
        QFile readme(m_output.filePath("README-LICENCE.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        QVERIFY(readme.readAll().contains("Suckling et al (1994)"));
    }

    void passesDciodvfy()
    {
        if (QStandardPaths::findExecutable("dciodvfy").isEmpty())
            QFAIL("dciodvfy (Debian package dicom3tools) is needed");
        for (const QString name : {"mdb001.dcm", "mdb002.dcm"}) {
            const RunResult result = runProgram("dciodvfy", {m_output.filePath(name)});
            const QString output = result.standardOutput + result.standardError;
            QVERIFY2(output.contains("MammographyImageForPresentation"), qPrintable(output));
            QVERIFY2(!output.contains(QRegularExpression("^Error", QRegularExpression::MultilineOption)), qPrintable(output));
        }
    }

    void givesTheSameUidsOnEveryRun()
    {
        QTemporaryDir again;
        const RunResult result = runCli({"import-mias", "--mias", m_miasDirectory, "--syntax", "explicit", "--images", "1",
                                         again.path()});
        QVERIFY2(result.exitCode == 0, qPrintable(result.standardError));
        const auto first = load(m_output.filePath("mdb001.dcm"));
        const auto second = load(again.filePath("mdb001.dcm"));
        QVERIFY(first && second);
        for (const DcmTagKey& tag : {DCM_StudyInstanceUID, DCM_SeriesInstanceUID, DCM_SOPInstanceUID})
            QCOMPARE(stringOf(second->getDataset(), tag), stringOf(first->getDataset(), tag));
    }

    void reportsErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing directory") << QStringList{"--mias", "/no/such/mias", "--images", "mdb001"} << 1 << "does not exist";
        QTest::newRow("unknown image") << QStringList{"--images", "mdb999"} << 1 << "mdb999";
        QTest::newRow("no selection") << QStringList{} << 2 << "--images";
        QTest::newRow("unknown syntax") << QStringList{"--all", "--syntax", "jpeg2000"} << 2 << "jpeg2000";
    }

    void reportsErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryDir output;
        QStringList all{"import-mias"};
        if (!arguments.contains("--mias"))
            all << "--mias" << m_miasDirectory;
        all << arguments << output.path();
        const RunResult result = runCli(all);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.standardError.contains(message), qPrintable(result.standardError));
    }

    void reportsAnUnreadablePng()
    {
        QTemporaryDir fakeMias;
        QVERIFY(QFile::copy(m_miasDirectory + "/Info.txt", fakeMias.filePath("Info.txt")));
        QFile broken(fakeMias.filePath("mdb001.png"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("this is not a PNG");
        broken.close();
        QTemporaryDir output;
        const RunResult result = runCli({"import-mias", "--mias", fakeMias.path(), "--images", "mdb001", output.path()});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.standardError.contains("Cannot read the mini-MIAS image"), qPrintable(result.standardError));
    }
};

QTEST_GUILESS_MAIN(TestImportMias)
#include "test_import_mias.moc"
