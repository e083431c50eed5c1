#include <core/DicomReader.h>
#include <core/Error.h>
#include <core/StudyCatalog.h>

#include <support/TestDicom.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace mammo;

class TestDicomReader : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }

private Q_SLOTS:
    void readsAttributes()
    {
        test::TestImageSpec spec;
        spec.magnification = 1.1;
        const std::string file = test::writeTestImage(path("a.dcm"), spec);
        const core::DicomHeader header = core::readDicomHeader(file);
        QCOMPARE(header.kind, core::DicomObjectKind::Image);
        const core::ImageAttributes& a = header.attributes;
        QCOMPARE(a.rows, 32);
        QCOMPARE(a.columns, 48);
        QCOMPARE(a.laterality, core::Laterality::Right);
        QCOMPARE(a.view, core::ViewPosition::MLO);
        QCOMPARE(a.patientOrientation, (std::vector<std::string>{"P", "F"}));
        QCOMPARE(a.intent, core::PresentationIntent::ForPresentation);
        QVERIFY(a.imagerPixelSpacing.has_value());
        QCOMPARE(a.imagerPixelSpacing->rowMm, 0.1);
        QCOMPARE(*a.magnificationFactor, 1.1);
        QCOMPARE(a.pixelFormat.bitsStored, 12);
    }

    void decodesPixelsExactly_data()
    {
        QTest::addColumn<int>("bitsAllocated");
        QTest::addColumn<int>("bitsStored");
        QTest::addColumn<bool>("isSigned");
        QTest::addColumn<int>("frames");
        QTest::newRow("16-bit, 12 stored") << 16 << 12 << false << 1;
        QTest::newRow("16-bit full") << 16 << 16 << false << 1;
        QTest::newRow("8-bit") << 8 << 8 << false << 1;
        QTest::newRow("signed 12-bit") << 16 << 12 << true << 1;
        QTest::newRow("multi-frame") << 16 << 12 << false << 5;
    }
    void decodesPixelsExactly()
    {
        QFETCH(int, bitsAllocated);
        QFETCH(int, bitsStored);
        QFETCH(bool, isSigned);
        QFETCH(int, frames);
        test::TestImageSpec spec;
        spec.bitsAllocated = bitsAllocated;
        spec.bitsStored = bitsStored;
        spec.isSigned = isSigned;
        spec.frames = frames;
        const std::string file = test::writeTestImage(path("p.dcm"), spec);
        const core::ImagePtr image = core::readDicomImage(file);
        QCOMPARE(image->frames(), frames);
        const std::vector<std::uint16_t> expected = test::gradientPixels(spec);
        for (int f = 0; f < frames; ++f)
            for (std::size_t i = 0; i < image->pixelsPerFrame(); ++i)
                QCOMPARE(image->frame(f)[i], expected[std::size_t(f) * image->pixelsPerFrame() + i]);
        if (isSigned) {
            QCOMPARE(image->storedValue(0x800), -2048);   // 12-bit two's complement
            QCOMPARE(image->storedValue(0x7FF), 2047);
        }
    }

    void badInputGivesClearErrors_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expectedText");
        QTest::newRow("not DICOM") << "text" << "Cannot read";
        QTest::newRow("empty file") << "empty" << "Cannot read";
        QTest::newRow("truncated") << "truncated" << "";
        QTest::newRow("JPEG 2000") << "j2k" << "JPEG 2000";
        QTest::newRow("structured report") << "sr" << "no pixel data";
        QTest::newRow("missing") << "missing" << "Cannot read";
    }
    void badInputGivesClearErrors()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expectedText);
        const std::string file = path(qPrintable(kind + ".dcm"));
        if (kind == "text") {
            QFile f(QString::fromStdString(file));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not a DICOM file at all, just some text\n");
        } else if (kind == "empty") {
            QFile f(QString::fromStdString(file));
            QVERIFY(f.open(QIODevice::WriteOnly));
        } else if (kind == "truncated") {
            test::TestImageSpec spec;
            spec.rows = spec.columns = 256;
            const std::string full = test::writeTestImage(path("full.dcm"), spec);
            QFile source(QString::fromStdString(full));
            QVERIFY(source.open(QIODevice::ReadOnly));
            const QByteArray bytes = source.readAll();
            QFile f(QString::fromStdString(file));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes.left(bytes.size() / 2));
        } else if (kind == "j2k") {
            test::writeJpeg2000Image(file);
        } else if (kind == "sr") {
            test::writeTestStructuredReport(file);
        }
        try {
            core::readDicomImage(file);
            QFAIL("no error for bad input");
        } catch (const core::Error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(!message.isEmpty(), "empty message");
            QVERIFY2(message.contains(expectedText), qPrintable(message));
        }
    }

    void catalogKeepsGoodFilesAndReportsBadOnes()
    {
        QTemporaryDir dir;
        const auto at = [&](const char* n) { return dir.filePath(QString::fromLatin1(n)).toStdString(); };
        test::TestImageSpec rmlo;
        test::writeTestImage(at("rmlo.dcm"), rmlo);
        test::TestImageSpec lmlo = rmlo;
        lmlo.laterality = "L";
        lmlo.patientOrientation = {"A", "F"};
        lmlo.sopUid += ".2";
        test::writeTestImage(at("lmlo.dcm"), lmlo);
        test::writeTestStructuredReport(at("report.dcm"));
        QFile junk(dir.filePath(QStringLiteral("junk.bin")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("garbage");
        junk.close();
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("empty")));

        const core::StudyCatalog catalog = core::StudyCatalog::scan({dir.path().toStdString(), at("empty"), at("nope")});
        QCOMPARE(catalog.imageCount(), std::size_t(2));
        QCOMPARE(catalog.patients().size(), std::size_t(1));
        QCOMPARE(catalog.patients()[0].studies.size(), std::size_t(1));
        QCOMPARE(catalog.problems().size(), std::size_t(3));   // junk, empty folder, missing path
        // The SR is kept aside: it may carry CAD marks for the images.
        QCOMPARE(catalog.structuredReports().size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(catalog.structuredReports()[0]), QString::fromStdString(at("report.dcm")));
    }

    void readsDicomDirWrittenByDcmmkdir()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("dcmmkdir")).isEmpty())
            QFAIL("dcmmkdir (Debian package dcmtk) is required for this test");
        QTemporaryDir media;
        QVERIFY(QDir(media.path()).mkpath(QStringLiteral("IMAGES")));
        test::TestImageSpec spec;
        test::writeTestImage(media.filePath(QStringLiteral("IMAGES/IMG1")).toStdString(), spec);
        spec.sopUid += ".2";
        spec.laterality = "L";
        test::writeTestImage(media.filePath(QStringLiteral("IMAGES/IMG2")).toStdString(), spec);
        QProcess mkdir;
        mkdir.setWorkingDirectory(media.path());
        mkdir.start(QStringLiteral("dcmmkdir"), {QStringLiteral("--general-purpose"), QStringLiteral("+r"), QStringLiteral("IMAGES")});
        QVERIFY(mkdir.waitForFinished(30000));
        QVERIFY2(mkdir.exitCode() == 0, mkdir.readAllStandardError().constData());
        const std::string dicomDir = media.filePath(QStringLiteral("DICOMDIR")).toStdString();
        QCOMPARE(core::filesReferencedByDicomDir(dicomDir).size(), std::size_t(2));
        const core::StudyCatalog catalog = core::StudyCatalog::scan({dicomDir});
        QCOMPARE(catalog.imageCount(), std::size_t(2));
        QVERIFY(catalog.problems().empty());
    }
};

QTEST_GUILESS_MAIN(TestDicomReader)
#include "test_dicom_reader.moc"
