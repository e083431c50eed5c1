// DICOM SEG of the findings: checked by DCMTK and dicom3tools, read back into
// masks equal to the rasterised contours.
#include "CadTestSupport.h"
#include "core/Error.h"
#include "core/cad/PolygonRasterizer.h"
#include "core/cad/SegmentationReader.h"
#include "core/cad/SegmentationWriter.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mammo::core;
using namespace mammo::core::cad;
using mammo::test::cad::runTool;

class TestSegmentation : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ImageAttributes m_image;

    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }
    static SegmentationOptions options()
    {
        SegmentationOptions o;
        o.softwareVersions = "0.9-test";
        o.algorithmName = "Mammoscope mass detector";
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_image = mammo::test::cad::writeSyntheticMammogram(path("rmlo.dcm"), Laterality::Right, ViewPosition::MLO,
                                                             "1.2.826.0.1.3680043.10.1234.88",
                                                             "1.2.826.0.1.3680043.10.1234.88.1", 40, 56);
    }

    void writesValidSegAndReadsMasksBack()
    {
        Finding cad;
        cad.sopInstanceUid = m_image.sopInstanceUid;
        cad.contour = {{10.2, 5.5}, {30.7, 8.0}, {25.0, 30.25}, {8.0, 22.0}};
        cad.score = 0.82;
        cad.malignancy = 0.4;
        Finding boxOnly;   // no contour: its box is the region
        boxOnly.sopInstanceUid = m_image.sopInstanceUid;
        boxOnly.box = {40.0, 10.0, 6.0, 4.0};
        boxOnly.score = 0.6;
        Finding drawn;
        drawn.sopInstanceUid = m_image.sopInstanceUid;
        drawn.contour = {{2, 30}, {9, 30}, {9, 38}, {2, 38}};
        drawn.drawnByReader = true;
        Finding tiny;   // covers no pixel centre
        tiny.sopInstanceUid = m_image.sopInstanceUid;
        tiny.contour = {{1.6, 1.6}, {2.4, 1.6}, {2.4, 2.4}};
        Finding elsewhere;
        elsewhere.sopInstanceUid = "1.2.3.4";
        elsewhere.contour = {{0, 0}, {10, 0}, {10, 10}};

        const std::string seg = path("seg.dcm");
        const SegmentationWriteResult written =
            SegmentationWriter(options()).write(m_image, {cad, boxOnly, drawn, tiny, elsewhere}, seg);
        QCOMPARE(written.segmentsWritten, 3);
        QCOMPARE(written.emptyRegionsSkipped, 1);

        const auto dump = runTool("dcmdump", {QString::fromStdString(seg)});
        QVERIFY2(dump.found, "dcmdump (DCMTK) is required");
        QCOMPARE(dump.exitCode, 0);
        QVERIFY(dump.output.contains("=SegmentationStorage"));
        QVERIFY(dump.output.contains("4147007"));
        QVERIFY(dump.output.contains("49755003"));
        QVERIFY(dump.output.contains("AUTOMATIC"));
        QVERIFY(dump.output.contains("MANUAL"));
        QVERIFY(dump.output.contains(QString::fromStdString(m_image.sopInstanceUid)));
        QVERIFY(dump.output.contains("Synthetic^CadTest"));
        const auto verify = runTool("dciodvfy", {QString::fromStdString(seg)});
        if (verify.found) {
            QVERIFY2(verify.lines("Error").isEmpty(), qPrintable(verify.output));
            for (const QString& warning : verify.lines("Warning"))
                qInfo("dciodvfy: %s", qPrintable(warning));
        }

        const SegmentationContent content = SegmentationReader().read(seg);
        QCOMPARE(content.sopInstanceUid, written.sopInstanceUid);
        QCOMPARE(content.segments.size(), std::size_t(3));
        const Finding* expected[] = {&cad, &boxOnly, &drawn};
        for (std::size_t i = 0; i < 3; ++i) {
            const SegmentMask& segment = content.segments[i];
            QCOMPARE(segment.referencedSopInstanceUid, m_image.sopInstanceUid);
            QCOMPARE(segment.mask.rows, m_image.rows);
            QCOMPARE(segment.mask.columns, m_image.columns);
            const BinaryMask want = rasterizePolygon(findingOutline(*expected[i]), m_image.rows, m_image.columns);
            QVERIFY(want.count() > 0);
            QVERIFY(segment.mask.pixels == want.pixels);
            QCOMPARE(segment.automatic, !expected[i]->drawnByReader);
        }
        QCOMPARE(content.segments[1].mask.count(), std::size_t(6 * 4));
    }

    void rejectsBadInput()
    {
        const SegmentationWriter writer(options());
        Finding none;
        none.sopInstanceUid = m_image.sopInstanceUid;
        QVERIFY_THROWS_EXCEPTION(Error, writer.write(m_image, {none}, path("bad.dcm")));
        QVERIFY(!QFile::exists(m_dir.filePath("bad.dcm")));
        QVERIFY_THROWS_EXCEPTION(Error, SegmentationWriter(SegmentationOptions{}));
        QVERIFY_THROWS_EXCEPTION(Error, SegmentationReader().read(m_image.filePath));
    }
};

QTEST_GUILESS_MAIN(TestSegmentation)
#include "test_segmentation.moc"
