// InstanceFileWriter: layout, atomic write, never overwrite, unsafe UIDs.
#include "core/Error.h"
#include "core/net/InstanceFileWriter.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using mammo::core::net::InstanceFileWriter;

namespace {

void fill(DcmFileFormat& file, const char* study, const char* sop)
{
    DcmDataset& ds = *file.getDataset();
    ds.putAndInsertString(DCM_SOPClassUID, UID_BasicTextSRStorage);
    ds.putAndInsertString(DCM_SOPInstanceUID, sop);
    ds.putAndInsertString(DCM_StudyInstanceUID, study);
    ds.putAndInsertString(DCM_PatientID, "SYNTH-1");
}

QStringList filesUnder(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

} // namespace

class TestInstanceFileWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writesStudyThenSopLayout()
    {
        QTemporaryDir dir;
        InstanceFileWriter writer(dir.path().toStdString());
        DcmFileFormat file;
        fill(file, "1.2.3", "1.2.3.4");
        const auto written = writer.write(file);
        QVERIFY(!written.duplicate);
        QCOMPARE(QString::fromStdString(written.path), dir.filePath("1.2.3/1.2.3.4.dcm"));
        DcmFileFormat back;
        QVERIFY(back.loadFile(written.path.c_str()).good());
        OFString sop;
        back.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, sop);
        QCOMPARE(QString(sop.c_str()), QString("1.2.3.4"));
        QCOMPARE(filesUnder(dir.path()).size(), 1);
    }

    void neverOverwrites()
    {
        QTemporaryDir dir;
        InstanceFileWriter writer(dir.path().toStdString());
        QVERIFY(QDir().mkpath(dir.filePath("1.2.3")));
        QFile existing(dir.filePath("1.2.3/1.2.3.4.dcm"));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("old");
        existing.close();
        DcmFileFormat file;
        fill(file, "1.2.3", "1.2.3.4");
        QVERIFY(writer.write(file).duplicate);
        QVERIFY(existing.open(QIODevice::ReadOnly));
        QCOMPARE(existing.readAll(), QByteArray("old"));
        QCOMPARE(filesUnder(dir.path()).size(), 1);   // no temporary left
    }

    void unsafeUidsAreRefused_data()
    {
        QTest::addColumn<QString>("study");
        QTest::addColumn<QString>("sop");
        QTest::newRow("path in study") << "../../etc" << "1.2";
        QTest::newRow("path in sop") << "1.2" << "1.2/../../x";
        QTest::newRow("empty sop") << "1.2" << "";
        QTest::newRow("letters") << "1.2.abc" << "1.2";
        QTest::newRow("double dot") << "1..2" << "1.2";
    }

    void unsafeUidsAreRefused()
    {
        QFETCH(QString, study);
        QFETCH(QString, sop);
        QTemporaryDir dir;
        InstanceFileWriter writer(dir.filePath("root").toStdString());
        DcmFileFormat file;
        fill(file, study.toLatin1().constData(), sop.toLatin1().constData());
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, writer.write(file));
        QVERIFY(filesUnder(dir.path()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInstanceFileWriter)
#include "test_instance_file_writer.moc"
