// Mammography CAD SR: our writer checked by DCMTK and dicom3tools, read back
// by our reader, and an "other vendor" SR built with DSRDocument read too.
#include "CadTestSupport.h"
#include "core/Error.h"
#include "core/cad/CadSrReader.h"
#include "core/cad/MammographyCadSrWriter.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace mammo::core;
using namespace mammo::core::cad;
using mammo::test::cad::runTool;
using mammo::test::cad::writeSyntheticMammogram;

namespace {

const std::string kStudy = "1.2.826.0.1.3680043.10.1234.77";
const std::string kSeries = "1.2.826.0.1.3680043.10.1234.77.1";

CadSrOptions srOptions()
{
    CadSrOptions options;
    options.manufacturer = "Mammoscope";
    options.modelName = "Mammoscope";
    options.softwareVersions = "0.9-test";
    options.algorithmName = "Mammoscope mass detector (compact Mask R-CNN)";
    options.algorithmVersion = "test-1";
    options.presentationRequiredScore = 0.5;
    return options;
}

const CadSrMark* markOn(const CadSrContent& content, const std::string& uid)
{
    for (const CadSrMark& mark : content.marks)
        if (mark.finding.sopInstanceUid == uid)
            return &mark;
    return nullptr;
}

void expectToolsAccept(const QString& path, bool isSr)
{
    if (isSr) {
        const auto dump = runTool("dsrdump", {path});
        QVERIFY2(dump.found, "dsrdump (DCMTK) is required");
        QCOMPARE(dump.exitCode, 0);
        // DCMTK announces for every Mammography CAD SR that it cannot check templates
        // (dsrdoctr.cc): a limit of the checker, not a finding about the file.
        const QString templateNotice = "W: Check for template constraints not yet supported";
        QStringList problems = dump.lines("E:") + dump.lines("W:");
        problems.removeAll(templateNotice);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QString body = dump.output;
        body.remove(templateNotice);
        QVERIFY2(!body.contains("Error") && !body.contains("Warning"), qPrintable(dump.output));
        QVERIFY(dump.output.contains("Mammography CAD Report"));
    }
    const auto dcmdump = runTool("dcmdump", {path});
    QVERIFY2(dcmdump.found, "dcmdump (DCMTK) is required");
    QCOMPARE(dcmdump.exitCode, 0);
    const auto verify = runTool("dciodvfy", {path});
    if (!verify.found) {
        qInfo("dciodvfy not installed: IOD check skipped");
        return;
    }
    QVERIFY2(verify.lines("Error").isEmpty(), qPrintable(verify.output));
    for (const QString& warning : verify.lines("Warning"))
        qInfo("dciodvfy: %s", qPrintable(warning));
}

} // namespace

class TestCadSr : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ImageAttributes m_rcc;
    ImageAttributes m_lmlo;

    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_rcc = writeSyntheticMammogram(path("rcc.dcm"), Laterality::Right, ViewPosition::CC, kStudy, kSeries);
        m_lmlo = writeSyntheticMammogram(path("lmlo.dcm"), Laterality::Left, ViewPosition::MLO, kStudy, kSeries);
    }

    void writesValidSrAndReadsItBack()
    {
        Finding mass;
        mass.sopInstanceUid = m_rcc.sopInstanceUid;
        mass.contour = {{10.25, 12.5}, {30.75, 14.0}, {28.0, 33.125}, {12.0, 30.0}};
        mass.box = {10.25, 12.5, 20.5, 20.625};
        mass.score = 0.873149;
        mass.malignancy = 0.6234;
        mass.label = "mass";
        Finding faint;
        faint.sopInstanceUid = m_lmlo.sopInstanceUid;
        faint.contour = {{40.0, 5.0}, {50.5, 8.25}, {47.0, 20.0}, {39.5, 17.0}, {38.0, 10.0}};
        faint.box = {38.0, 5.0, 12.5, 15.0};
        faint.score = 0.31;
        faint.label = "mass";
        Finding drawn;
        drawn.sopInstanceUid = m_rcc.sopInstanceUid;
        drawn.contour = {{1, 1}, {5, 1}, {5, 5}};
        drawn.drawnByReader = true;

        const std::string sr = path("cad.dcm");
        const CadSrWriteResult written = MammographyCadSrWriter(srOptions()).write({m_rcc, m_lmlo}, {mass, faint, drawn}, sr);
        QCOMPARE(written.findingsWritten, 2);
        QCOMPARE(written.readerRegionsSkipped, 1);
        QVERIFY(!written.sopInstanceUid.empty());
        QVERIFY(written.seriesInstanceUid != m_rcc.seriesInstanceUid);
        expectToolsAccept(QString::fromStdString(sr), true);

        const auto dump = runTool("dcmdump", {QString::fromStdString(sr)});
        QVERIFY(dump.output.contains("MammographyCADSRStorage"));
        QVERIFY(dump.output.contains("[COMPLETE]"));
        QVERIFY(dump.output.contains("[UNVERIFIED]"));
        QVERIFY(dump.output.contains("decision support"));
        QVERIFY(dump.output.contains(QString::fromStdString(kStudy)));
        const auto srDump = runTool("dsrdump", {QString::fromStdString(sr)});
        QVERIFY(srDump.output.contains("Probability of cancer"));
        QVERIFY(srDump.output.contains("Presentation Required"));
        QVERIFY(srDump.output.contains("Presentation Optional"));
        QVERIFY(srDump.output.contains("All algorithms succeeded; with findings"));

        const CadSrContent content = CadSrReader().read(sr);
        QVERIFY(content.mammographyCadSr);
        QCOMPARE(content.studyInstanceUid, kStudy);
        QCOMPARE(content.marks.size(), std::size_t(2));
        QCOMPARE(content.findingsWithoutLocation, 0);
        for (const Finding* original : {&mass, &faint}) {
            const CadSrMark* mark = markOn(content, original->sopInstanceUid);
            QVERIFY(mark);
            const Finding& back = mark->finding;
            QCOMPARE(back.contour.size(), original->contour.size());
            for (std::size_t i = 0; i < back.contour.size(); ++i) {
                QVERIFY(std::abs(back.contour[i].x - original->contour[i].x) < 1e-3);
                QVERIFY(std::abs(back.contour[i].y - original->contour[i].y) < 1e-3);
            }
            QVERIFY(std::abs(back.box.x - original->box.x) < 1e-3);
            QVERIFY(std::abs(back.box.height - original->box.height) < 1e-3);
            QVERIFY(std::abs(back.score - original->score) < 1e-6);
            QCOMPARE(back.malignancy.has_value(), original->malignancy.has_value());
            if (original->malignancy)
                QVERIFY(std::abs(*back.malignancy - *original->malignancy) < 1e-6);
            QCOMPARE(back.label, std::string("mass"));
            QVERIFY(!back.drawnByReader);
            QVERIFY(mark->hasOutline);
            QCOMPARE(mark->algorithmName, srOptions().algorithmName);
        }
        QCOMPARE(markOn(content, mass.sopInstanceUid)->intent, RenderingIntent::PresentationRequired);
        QCOMPARE(markOn(content, faint.sopInstanceUid)->intent, RenderingIntent::PresentationOptional);
        QCOMPARE(CadSrReader().readFindings(sr).size(), std::size_t(2));
    }

    void writesReportWithoutFindings()
    {
        const std::string sr = path("empty.dcm");
        const CadSrWriteResult written = MammographyCadSrWriter(srOptions()).write({m_rcc, m_lmlo}, {}, sr);
        QCOMPARE(written.findingsWritten, 0);
        expectToolsAccept(QString::fromStdString(sr), true);
        QVERIFY(runTool("dsrdump", {QString::fromStdString(sr)}).output.contains("without findings"));
        QVERIFY(CadSrReader().read(sr).marks.empty());
    }

    void rejectsBadInput()
    {
        Finding stray;
        stray.sopInstanceUid = "1.2.3.4.5";
        stray.score = 0.9;
        const MammographyCadSrWriter writer(srOptions());
        QVERIFY_THROWS_EXCEPTION(Error, writer.write({m_rcc}, {stray}, path("bad.dcm")));
        QVERIFY_THROWS_EXCEPTION(Error, writer.write({}, {}, path("bad.dcm")));
        Finding wild;
        wild.sopInstanceUid = m_rcc.sopInstanceUid;
        wild.score = 1.5;
        QVERIFY_THROWS_EXCEPTION(Error, writer.write({m_rcc}, {wild}, path("bad.dcm")));
        ImageAttributes otherStudy = m_lmlo;
        otherStudy.studyInstanceUid = "1.2.3.999";
        QVERIFY_THROWS_EXCEPTION(Error, writer.write({m_rcc, otherStudy}, {}, path("bad.dcm")));
        QVERIFY(!QFile::exists(m_dir.filePath("bad.dcm")));
        CadSrOptions noName = srOptions();
        noName.algorithmName.clear();
        QVERIFY_THROWS_EXCEPTION(Error, MammographyCadSrWriter{noName});
    }

    void readerRejectsNonSrFiles()
    {
        try {
            CadSrReader().read(m_rcc.filePath);
            QFAIL("an image was read as an SR");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains("not a DICOM structured report"), error.what());
        }
        const std::string text = path("notes.txt");
        std::ofstream(text) << "not DICOM at all";
        try {
            CadSrReader().read(text);
            QFAIL("a text file was read as an SR");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains("Cannot read"), error.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, CadSrReader().read(path("missing.dcm")));
    }

    // Another vendor's layout: a Composite Feature holding a Center-only finding
    // whose SCOORD selects the image by reference; a CIRCLE outline selecting its
    // image by value with no Certainty of Finding; a Not for Presentation finding;
    // a finding without coordinates.
    void readsOtherVendorLayout()
    {
        DSRDocument doc(DSRTypes::DT_MammographyCadSR);
        doc.setPatientName("Synthetic^Vendor");
        doc.setPatientID("SYNTH-CAD-1");
        QVERIFY(doc.createNewSeriesInStudy(kStudy.c_str()).good());
        doc.setManufacturer("Other CAD vendor");
        DSRDocumentTree& tree = doc.getTree();
        using T = DSRTypes;
        auto add = [&](size_t parent, T::E_RelationshipType rel, T::E_ValueType type, const DSRCodedEntryValue& name) {
            tree.gotoNode(parent);
            const size_t id = tree.addContentItem(rel, type, T::AM_belowCurrent);
            if (id && name.isValid())
                tree.getCurrentContentItem().setConceptName(name);
            return id;
        };
        auto codeItem = [&](size_t parent, T::E_RelationshipType rel, const DSRCodedEntryValue& name,
                            const DSRCodedEntryValue& value) {
            const size_t id = add(parent, rel, T::VT_Code, name);
            tree.getCurrentContentItem().setCodeValue(value);
            return id;
        };
        const DSRCodedEntryValue intentName("111056", "DCM", "Rendering Intent");
        const DSRCodedEntryValue required("111150", "DCM", "Presentation Required: Rendering device is expected to present");
        const DSRCodedEntryValue notShown("111152", "DCM", "Not for Presentation: Rendering device expected not to present");
        const DSRCodedEntryValue singleImageFinding("111059", "DCM", "Single Image Finding");

        QVERIFY(tree.addContentItem(T::RT_isRoot, T::VT_Container) != 0);
        const size_t root = tree.getNodeID();
        tree.getCurrentContentItem().setConceptName(DSRCodedEntryValue("111036", "DCM", "Mammography CAD Report"));
        tree.getCurrentContentItem().setTemplateIdentification("4000", "DCMR");
        const size_t library = add(root, T::RT_contains, T::VT_Container, DSRCodedEntryValue("111028", "DCM", "Image Library"));
        const size_t rccImage = add(library, T::RT_contains, T::VT_Image, DSRCodedEntryValue());
        tree.getCurrentContentItem().setImageReference(DSRImageReferenceValue(m_rcc.sopClassUid.c_str(), m_rcc.sopInstanceUid.c_str()));
        const size_t summary = codeItem(root, T::RT_contains, DSRCodedEntryValue("111017", "DCM", "CAD Processing and Findings Summary"),
                                        DSRCodedEntryValue("111242", "DCM", "All algorithms succeeded; with findings"));
        const size_t impression = add(summary, T::RT_inferredFrom, T::VT_Container,
                                      DSRCodedEntryValue("111034", "DCM", "Individual Impression/Recommendation"));
        codeItem(impression, T::RT_hasConceptMod, intentName, required);
        const size_t composite = codeItem(impression, T::RT_contains, DSRCodedEntryValue("111015", "DCM", "Composite Feature"),
                                          DSRCodedEntryValue("4147007", "SCT", "Mass"));
        // Center only, by reference to the Image Library; certainty 75 %.
        const size_t pointFinding = codeItem(composite, T::RT_inferredFrom, singleImageFinding,
                                             DSRCodedEntryValue("129769006", "SCT", "Calcification cluster"));
        codeItem(pointFinding, T::RT_hasConceptMod, intentName, required);
        add(pointFinding, T::RT_hasProperties, T::VT_Num, DSRCodedEntryValue("111012", "DCM", "Certainty of Finding"));
        tree.getCurrentContentItem().setNumericValue(DSRNumericMeasurementValue("75", DSRCodedEntryValue("%", "UCUM", "Percent")));
        add(pointFinding, T::RT_hasProperties, T::VT_SCoord, DSRCodedEntryValue("111010", "DCM", "Center"));
        DSRSpatialCoordinatesValue point(T::GT_Point);
        point.getGraphicDataList().addItem(12.5f, 20.25f);
        tree.getCurrentContentItem().setSpatialCoordinates(point);
        QVERIFY(tree.addByReferenceRelationship(T::RT_selectedFrom, rccImage) != 0);
        // CIRCLE outline with the image by value, no certainty, no intent of its own (the container's applies).
        const size_t circleFinding = codeItem(impression, T::RT_contains, singleImageFinding, DSRCodedEntryValue("4147007", "SCT", "Mass"));
        const size_t circle = add(circleFinding, T::RT_hasProperties, T::VT_SCoord, DSRCodedEntryValue("111041", "DCM", "Outline"));
        DSRSpatialCoordinatesValue circleValue(T::GT_Circle);
        circleValue.getGraphicDataList().addItem(40.0f, 20.0f);
        circleValue.getGraphicDataList().addItem(45.0f, 20.0f);
        tree.getCurrentContentItem().setSpatialCoordinates(circleValue);
        add(circle, T::RT_selectedFrom, T::VT_Image, DSRCodedEntryValue());
        tree.getCurrentContentItem().setImageReference(DSRImageReferenceValue(m_lmlo.sopClassUid.c_str(), m_lmlo.sopInstanceUid.c_str()));
        // Not for presentation: input to later CAD steps.
        const size_t hidden = codeItem(impression, T::RT_contains, singleImageFinding, DSRCodedEntryValue("4147007", "SCT", "Mass"));
        codeItem(hidden, T::RT_hasConceptMod, intentName, notShown);
        add(hidden, T::RT_hasProperties, T::VT_SCoord, DSRCodedEntryValue("111010", "DCM", "Center"));
        DSRSpatialCoordinatesValue hiddenPoint(T::GT_Point);
        hiddenPoint.getGraphicDataList().addItem(5.0f, 5.0f);
        tree.getCurrentContentItem().setSpatialCoordinates(hiddenPoint);
        QVERIFY(tree.addByReferenceRelationship(T::RT_selectedFrom, rccImage) != 0);
        // No coordinates at all, plus an unknown item: skipped, not fatal.
        const size_t nowhere = codeItem(impression, T::RT_contains, singleImageFinding, DSRCodedEntryValue("4147007", "SCT", "Mass"));
        add(nowhere, T::RT_hasProperties, T::VT_Text, DSRCodedEntryValue("99999", "99VENDOR", "Vendor note"));
        tree.getCurrentContentItem().setStringValue("private remark");

        DcmFileFormat file;
        QVERIFY(doc.write(*file.getDataset()).good());
        const std::string vendor = path("vendor.dcm");
        QVERIFY(file.saveFile(vendor.c_str(), EXS_LittleEndianExplicit).good());

        const CadSrContent content = CadSrReader().read(vendor);
        QCOMPARE(content.marks.size(), std::size_t(3));
        QCOMPARE(content.findingsWithoutLocation, 1);
        QCOMPARE(content.manufacturer, std::string("Other CAD vendor"));

        const CadSrMark& centerOnly = content.marks[0];
        QCOMPARE(centerOnly.finding.sopInstanceUid, m_rcc.sopInstanceUid);
        QVERIFY(!centerOnly.hasOutline);
        QVERIFY(centerOnly.finding.contour.empty());
        QCOMPARE(centerOnly.finding.box.x, 12.5);
        QCOMPARE(centerOnly.finding.box.y, 20.25);
        QCOMPARE(centerOnly.finding.box.width, 0.0);
        QVERIFY(centerOnly.certainty && std::abs(*centerOnly.certainty - 0.75) < 1e-9);
        QCOMPARE(centerOnly.finding.score, 0.75);
        QCOMPARE(centerOnly.finding.label, std::string("calcification cluster"));
        QCOMPARE(centerOnly.intent, RenderingIntent::PresentationRequired);

        const CadSrMark& circleMark = content.marks[1];
        QCOMPARE(circleMark.finding.sopInstanceUid, m_lmlo.sopInstanceUid);
        QVERIFY(circleMark.hasOutline);
        QVERIFY(!circleMark.certainty);
        QCOMPARE(circleMark.finding.score, 0.0);
        QCOMPARE(circleMark.intent, RenderingIntent::PresentationRequired);
        QCOMPARE(circleMark.finding.contour.size(), std::size_t(64));
        for (const ImagePoint& p : circleMark.finding.contour)
            QVERIFY(std::abs(std::hypot(p.x - 40.0, p.y - 20.0) - 5.0) < 1e-9);
        QVERIFY(std::abs(circleMark.finding.box.x - 35.0) < 1e-9);
        QVERIFY(std::abs(circleMark.finding.box.width - 10.0) < 1e-9);

        QCOMPARE(content.marks[2].intent, RenderingIntent::NotForPresentation);
        const std::vector<Finding> shown = CadSrReader().readFindings(vendor);
        QCOMPARE(shown.size(), std::size_t(2));
        CadSrReadOptions all;
        all.includeNotForPresentation = true;
        QCOMPARE(CadSrReader(all).readFindings(vendor).size(), std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestCadSr)
#include "test_cad_sr.moc"
