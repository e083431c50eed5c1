// A synthetic mammogram made from the demo's mdb181: marked SYNTHETIC in its
// header and in its pixels, with new identity and UIDs, referencing its source,
// valid for DCMTK and dicom3tools; bad input leaves no file behind.
#include "cad/CadTestSupport.h"
#include "core/DicomReader.h"
#include "core/Error.h"
#include "core/SyntheticImageWriter.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace mammo::core;
using mammo::test::cad::runTool;

namespace {

const char* kDemo = MAMMO_SOURCE_DIR "/resources/demo/mdb181.dcm";

// mdb181's own mass (Info.txt: 519, 1023 - 362) made brighter: a pasted disc.
std::vector<std::uint16_t> withDisc(const Image& image, int cx = 519, int cy = 661, int radius = 30)
{
    std::vector<std::uint16_t> pixels(image.frame(0), image.frame(0) + image.pixelsPerFrame());
    for (int y = cy - radius; y <= cy + radius; ++y)
        for (int x = cx - radius; x <= cx + radius; ++x)
            if (std::hypot(x - cx, y - cy) <= radius)
                pixels[std::size_t(y) * std::size_t(image.columns()) + std::size_t(x)] = 230;
    return pixels;
}

std::string itemString(DcmItem* item, const DcmTagKey& tag)
{
    OFString value;
    if (item)
        item->findAndGetOFString(tag, value);
    return value.c_str();
}

} // namespace

class TestSyntheticImageWriter : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }
    static SyntheticImageInfo info()
    {
        SyntheticImageInfo i;
        i.method = "paste";
        i.lesionCount = 1;
        i.softwareVersions = "0.9-test";
        return i;
    }

private Q_SLOTS:
    void marksHeaderAndPixels()
    {
        const ImagePtr source = readDicomImage(kDemo);
        const ImageAttributes& s = source->attributes();
        const std::vector<std::uint16_t> composite = withDisc(*source);
        const std::string file = path("synthetic.dcm");
        const SyntheticImageResult result = SyntheticImageWriter(info()).write(s, composite, file);

        const ImagePtr written = readDicomImage(file);
        const ImageAttributes& w = written->attributes();
        QVERIFY(w.isSynthetic());
        QCOMPARE(w.imageType.front(), std::string("DERIVED"));
        QCOMPARE(w.imageType.at(1), std::string("SECONDARY"));
        QCOMPARE(w.imageType.back(), std::string("SYNTHETIC"));
        QVERIFY(w.studyInstanceUid != s.studyInstanceUid);
        QVERIFY(w.seriesInstanceUid != s.seriesInstanceUid);
        QVERIFY(w.sopInstanceUid != s.sopInstanceUid);
        QCOMPARE(w.sopInstanceUid, result.attributes.sopInstanceUid);
        QCOMPARE(w.patientName, std::string("SYNTHETIC^CASE"));
        QCOMPARE(w.patientId, syntheticPatientId(w.studyInstanceUid));
        QVERIFY(w.patientId != s.patientId);
        QVERIFY(w.patientBirthDate.empty());
        QVERIFY(w.accessionNumber.empty());
        QVERIFY(w.burnedInAnnotation);
        QVERIFY(QString::fromStdString(w.seriesDescription).startsWith("SYNTHETIC R MLO"));
        QVERIFY(QString::fromStdString(w.studyDescription).contains("SYNTHETIC"));
        // The source's geometry and display are kept.
        QCOMPARE(w.laterality, s.laterality);
        QCOMPARE(w.view, s.view);
        QCOMPARE(w.patientOrientation, s.patientOrientation);
        QCOMPARE(w.pixelSpacing->rowMm, s.pixelSpacing->rowMm);
        QCOMPARE(w.windows.size(), s.windows.size());
        QCOMPARE(w.windows.front().width, s.windows.front().width);

        // Header details read with DCMTK: the source reference, the derivation, no institution.
        DcmFileFormat dicom;
        QVERIFY(dicom.loadFile(file.c_str()).good());
        DcmDataset& data = *dicom.getDataset();
        DcmItem* sourceItem = nullptr;
        QVERIFY(data.findAndGetSequenceItem(DCM_SourceImageSequence, sourceItem, 0).good());
        QCOMPARE(itemString(sourceItem, DCM_ReferencedSOPInstanceUID), s.sopInstanceUid);
        QCOMPARE(itemString(sourceItem, DCM_ReferencedSOPClassUID), s.sopClassUid);
        DcmItem* purpose = nullptr;
        QVERIFY(sourceItem->findAndGetSequenceItem(DCM_PurposeOfReferenceCodeSequence, purpose, 0).good());
        QCOMPARE(itemString(purpose, DCM_CodeValue), std::string("121322"));
        QCOMPARE(itemString(purpose, DCM_CodingSchemeDesignator), std::string("DCM"));
        DcmItem* derivation = nullptr;
        QVERIFY(data.findAndGetSequenceItem(DCM_DerivationCodeSequence, derivation, 0).good());
        QCOMPARE(itemString(derivation, DCM_CodeValue), std::string("113047"));
        QCOMPARE(itemString(derivation, DCM_CodeMeaning), std::string("Pixel by pixel mask"));
        QVERIFY(QString::fromStdString(itemString(&data, DCM_DerivationDescription)).contains("paste"));
        QVERIFY(QString::fromStdString(itemString(&data, DCM_ImageComments)).startsWith("SYNTHETIC"));
        QCOMPARE(itemString(&data, DCM_BurnedInAnnotation), std::string("YES"));
        QCOMPARE(itemString(&data, DCM_PixelIntensityRelationship), std::string("LOG"));   // the film source's
        QVERIFY(!data.tagExists(DCM_InstitutionName));
        QVERIFY(!data.tagExists(DCM_FrameOfReferenceUID));

        // The pixels differ from the composite only in the marked corner, where the text is.
        const PixelRect m = result.marking;
        QVERIFY(m.width > 100 && m.height > 20);
        // R MLO, orientation P\F: the chest wall is at the right, the marking on the left.
        QCOMPARE(m.x, 6);
        QVERIFY(m.y == 6 || m.y + m.height == s.rows - 6);
        int inkInside = 0, changedOutside = 0;
        for (int y = 0; y < s.rows; ++y)
            for (int x = 0; x < s.columns; ++x) {
                const std::size_t i = std::size_t(y) * std::size_t(s.columns) + std::size_t(x);
                const bool inside = x >= m.x && x < m.x + m.width && y >= m.y && y < m.y + m.height;
                if (!inside && written->frame(0)[i] != composite[i])
                    ++changedOutside;
                if (inside && written->frame(0)[i] == 255)
                    ++inkInside;
            }
        QCOMPARE(changedOutside, 0);
        QVERIFY2(inkInside > 9 * 10 * 9, qPrintable(QString::number(inkInside)));   // 9 glyphs, >= 10 dots of 3x3 each

        const auto dump = runTool("dcmdump", {QString::fromStdString(file)});
        QVERIFY2(dump.found, "dcmdump (DCMTK) is required");
        QCOMPARE(dump.exitCode, 0);
        const auto verify = runTool("dciodvfy", {QString::fromStdString(file)});
        if (verify.found)
            QVERIFY2(verify.lines("Error").isEmpty(), qPrintable(verify.output));
    }

    // Chest wall on the left (A\R): the marking goes right, on the darker corner, clear of the lesions.
    void cornerAwayFromChestWallAndLesions()
    {
        ImageAttributes a;
        a.sopClassUid = "1.2.840.10008.5.1.4.1.1.1.2";
        a.sopInstanceUid = "1.2.826.0.1.3680043.10.1234.77.1";
        a.rows = 300;
        a.columns = 400;
        a.pixelFormat = {16, 12, 11, false};
        a.laterality = Laterality::Left;
        a.view = ViewPosition::CC;
        a.patientOrientation = {"A", "R"};
        a.imagerPixelSpacing = Spacing{0.1, 0.1};
        std::vector<std::uint16_t> pixels(std::size_t(a.rows) * std::size_t(a.columns), 100);
        for (int y = 0; y < a.rows; ++y)
            for (int x = 0; x < a.columns; ++x)
                if (x < 200 || y < 150)   // breast at the left, and brighter at the top
                    pixels[std::size_t(y) * std::size_t(a.columns) + std::size_t(x)] = 3000;
        SyntheticImageInfo i = info();
        const auto first = SyntheticImageWriter(i).write(a, pixels, path("left-cc.dcm"));
        QVERIFY(first.marking.x + first.marking.width == a.columns - 2);   // dot size 1 on a 300-pixel image
        QVERIFY(first.marking.y > 150);                                    // the darker bottom-right corner
        i.keepClear = {{330, 270, 40, 25}};   // a lesion there: the top-right corner instead
        const auto second = SyntheticImageWriter(i).write(a, pixels, path("left-cc-2.dcm"));
        QVERIFY(second.marking.x + second.marking.width == a.columns - 2);
        QVERIFY(second.marking.y < 150);
        QVERIFY(readDicomHeader(path("left-cc-2.dcm")).attributes.isSynthetic());
    }

    void badInputLeavesNothing()
    {
        const ImagePtr source = readDicomImage(kDemo);
        std::vector<std::uint16_t> composite = withDisc(*source);
        composite.pop_back();
        const std::string file = path("bad.dcm");
        QVERIFY_THROWS_EXCEPTION(Error, SyntheticImageWriter(info()).write(source->attributes(), composite, file));
        QVERIFY(!QFile::exists(QString::fromStdString(file)));
        QVERIFY(!QFile::exists(QString::fromStdString(file + ".part")));

        ImageAttributes noUid = source->attributes();
        noUid.sopInstanceUid.clear();
        QVERIFY_THROWS_EXCEPTION(Error, SyntheticImageWriter(info()).write(noUid, withDisc(*source), file));
        ImageAttributes otherFile = source->attributes();
        otherFile.sopInstanceUid = "1.2.3.4";   // the file holds another instance
        QVERIFY_THROWS_EXCEPTION(Error, SyntheticImageWriter(info()).write(otherFile, withDisc(*source), file));
        SyntheticImageInfo badMethod = info();
        badMethod.method = "Poisson blending";
        QVERIFY_THROWS_EXCEPTION(Error, SyntheticImageWriter{badMethod});
        // A folder that cannot exist: the file is not written, no partial file either.
        const std::string unwritable = path("bad.dcm") + "-missing/sub/x.dcm";
        QVERIFY_THROWS_EXCEPTION(Error, SyntheticImageWriter(info()).write(source->attributes(), withDisc(*source), unwritable));
        QVERIFY(!QFile::exists(QString::fromStdString(file)));
        QVERIFY(QDir(m_dir.path()).entryList({"*.part"}, QDir::Files).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestSyntheticImageWriter)
#include "test_synthetic_image_writer.moc"
