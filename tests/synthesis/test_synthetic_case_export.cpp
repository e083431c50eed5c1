// Saving a synthetic case as the annotation panel does: the demo's mdb181 with
// one pasted disc becomes a SYNTHETIC MG image, a SEG of the disc on that image
// (not on the source) and a training case whose circle is the disc; a resampled
// 16-bit source keeps its ground truth; bad input writes nothing.
#include "SynthesisTestData.h"
#include "ai/synthesis/SyntheticCaseExport.h"
#include "cad/CadTestSupport.h"
#include "core/DicomImageWriter.h"
#include "core/DicomReader.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"
#include "core/cad/SegmentationReader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace mammo::ai::synthesis;
namespace core = mammo::core;
using mammo::test::cad::runTool;

namespace {

const char* kDemo = MAMMO_SOURCE_DIR "/resources/demo/mdb181.dcm";

struct Scene {
    core::ImageAttributes source;
    cv::Mat composite;   // stored values, CV_16U
    cv::Mat mask;        // CV_8U
};

// A disc of radius `radius` pasted at `centre` (brighter than the tissue).
Scene pastedDisc(const core::ImagePtr& image, cv::Point centre, int radius, int value)
{
    Scene scene;
    scene.source = image->attributes();
    cv::Mat(image->rows(), image->columns(), CV_16U, const_cast<std::uint16_t*>(image->frame(0))).copyTo(scene.composite);
    scene.mask = cv::Mat::zeros(scene.composite.size(), CV_8U);
    cv::circle(scene.mask, centre, radius, 255, cv::FILLED);
    scene.composite.setTo(value, scene.mask);
    return scene;
}

SyntheticCaseRequest request(const Scene& scene, const QTemporaryDir& dir, bool training = true)
{
    SyntheticCaseRequest r;
    r.source = scene.source;
    r.composite = scene.composite;
    SyntheticCaseLesion lesion;
    lesion.mask = scene.mask;
    lesion.lesionClass = "CIRC";
    lesion.severity = LesionSeverity::Benign;
    lesion.id = "test-disc";
    r.lesions = {lesion};
    r.method = "paste";
    r.softwareVersions = "0.9-test";
    r.outputDirectory = dir.filePath("out").toStdString();
    if (training)
        r.trainingFolder = dir.filePath("training").toStdString();
    return r;
}

QStringList filesIn(const QString& directory)
{
    return QDir(directory).entryList(QDir::Files, QDir::Name);
}

} // namespace

class TestSyntheticCaseExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void savesImageSegmentationAndTrainingCase()
    {
        QTemporaryDir dir;
        const core::ImagePtr demo = core::readDicomImage(kDemo);
        const Scene scene = pastedDisc(demo, {519, 661}, 30, 230);
        const SyntheticCaseFiles files = exportSyntheticCase(request(scene, dir));
        QCOMPARE(QString::fromStdString(files.imagePath), dir.filePath("out/synthetic-0001.dcm"));
        QCOMPARE(QString::fromStdString(files.segmentationPath), dir.filePath("out/synthetic-0001-seg.dcm"));

        const core::ImagePtr image = core::readDicomImage(files.imagePath);
        QVERIFY(image->attributes().isSynthetic());
        QCOMPARE(image->attributes().sopInstanceUid, files.sopInstanceUid);
        QCOMPARE(image->attributes().studyInstanceUid, files.studyInstanceUid);
        QVERIFY(files.sopInstanceUid != scene.source.sopInstanceUid);
        QCOMPARE(image->attributes().patientName, std::string("SYNTHETIC^CASE"));
        // The lesion is in the file as it was blended (the marking lies in a background corner).
        QCOMPARE(int(image->frame(0)[661 * 1024 + 519]), 230);

        // The SEG: one automatic segment on the synthetic image with the disc's area.
        const core::cad::SegmentationContent seg = core::cad::SegmentationReader().read(files.segmentationPath);
        QCOMPARE(seg.sopInstanceUid, files.segmentationSopInstanceUid);
        QCOMPARE(seg.segments.size(), std::size_t(1));
        const core::cad::SegmentMask& segment = seg.segments.front();
        QCOMPARE(segment.referencedSopInstanceUid, files.sopInstanceUid);
        QVERIFY(segment.automatic);
        QCOMPARE(segment.label, std::string("Synthetic mass 1"));
        QVERIFY(QString::fromStdString(segment.description).startsWith("SYNTHETIC (paste)"));
        const double area = double(cv::countNonZero(scene.mask));
        QVERIFY(std::abs(double(segment.mask.count()) - area) <= 0.02 * area);
        QCOMPARE(segment.mask.at(661, 519), std::uint8_t(1));
        for (const std::string& file : {files.imagePath, files.segmentationPath}) {
            const auto dump = runTool("dcmdump", {QString::fromStdString(file)});
            QVERIFY2(dump.found, "dcmdump (DCMTK) is required");
            QCOMPARE(dump.exitCode, 0);
            QVERIFY(!dump.output.contains("MIAS^P091"));
            const auto verify = runTool("dciodvfy", {QString::fromStdString(file)});
            if (verify.found)
                QVERIFY2(verify.lines("Error").isEmpty(), qPrintable(verify.output));
        }

        // The training case: mini-MIAS geometry already, so the composite as it is, and the disc as circle.
        const auto catalog = core::MiasCatalog::fromDirectory(dir.filePath("training").toStdString());
        QCOMPARE(catalog.size(), std::size_t(1));
        const core::MiasImage& trainingCase = catalog.images().front();
        QCOMPARE(trainingCase.reference, files.trainingReference);
        QCOMPARE(trainingCase.number % 2, 1);   // a right breast
        const core::MiasCircle circle = *trainingCase.abnormalities.front().circle;
        QVERIFY(std::abs(circle.x - 519) <= 1 && std::abs(circle.y - 661) <= 1);
        QVERIFY(std::abs(circle.radius - 30) <= 1);
        cv::Mat expected;
        scene.composite.convertTo(expected, CV_8U);
        const cv::Mat png = cv::imread(dir.filePath("training/" + QString::fromStdString(files.trainingReference) + ".png")
                                           .toStdString(),
                                       cv::IMREAD_GRAYSCALE);
        QCOMPARE(cv::countNonZero(png != expected), 0);   // no burnt-in text for the detector to learn

        // A second case goes beside the first, under the next free name and the next pair.
        const SyntheticCaseFiles next = exportSyntheticCase(request(scene, dir));
        QCOMPARE(QString::fromStdString(next.imagePath), dir.filePath("out/synthetic-0002.dcm"));
        QVERIFY(next.sopInstanceUid != files.sopInstanceUid && next.studyInstanceUid != files.studyInstanceUid);
        QCOMPARE(core::MiasCatalog::fromDirectory(dir.filePath("training").toStdString()).size(), std::size_t(2));
        QVERIFY(next.trainingReference != files.trainingReference);
    }

    // A 16-bit image at 0.1 mm, chest wall on the left: halved, placed against the left edge,
    // cropped vertically around the lesion; the circle follows.
    void resamplesToMiniMiasGeometry()
    {
        QTemporaryDir dir;
        core::ImageAttributes a;
        a.patientName = "Test^Resample";
        a.patientId = "RESAMPLE-1";
        a.rows = 2200;
        a.columns = 1400;
        a.pixelFormat = {16, 12, 11, false};
        a.laterality = core::Laterality::Left;
        a.view = core::ViewPosition::CC;
        a.intent = core::PresentationIntent::ForPresentation;
        a.imagerPixelSpacing = core::Spacing{0.1, 0.1};
        a.windows = {core::VoiWindow{2048, 4096, core::VoiFunction::Linear, "FULL"}};
        std::vector<std::uint16_t> pixels(std::size_t(a.rows) * std::size_t(a.columns), 200);
        const std::string sourcePath = dir.filePath("source.dcm").toStdString();
        core::MammographyWriteOptions options;
        options.manufacturer = "Mammoscope test";
        core::DicomImageWriter(options).write(a, pixels, sourcePath);
        const core::ImagePtr source = core::readDicomImage(sourcePath);
        const Scene scene = pastedDisc(source, {500, 1900}, 60, 4000);

        const SyntheticCaseFiles files = exportSyntheticCase(request(scene, dir));
        const auto catalog = core::MiasCatalog::fromDirectory(dir.filePath("training").toStdString());
        const core::MiasImage& trainingCase = catalog.images().front();
        QCOMPARE(trainingCase.number % 2, 0);   // a left breast
        const core::MiasCircle circle = *trainingCase.abnormalities.front().circle;
        // Half size: x 250 (against the left edge); rows 1100 cropped to 1024 around y 950.
        QVERIFY2(std::abs(circle.x - 250) <= 1, qPrintable(QString::number(circle.x)));
        QVERIFY2(std::abs(circle.y - (950 - 76)) <= 1, qPrintable(QString::number(circle.y)));
        QVERIFY(std::abs(circle.radius - 30) <= 1);
        const cv::Mat png = cv::imread(dir.filePath("training/" + QString::fromStdString(files.trainingReference) + ".png")
                                           .toStdString(),
                                       cv::IMREAD_GRAYSCALE);
        QCOMPARE(png.rows, 1024);
        QVERIFY(png.at<uchar>(circle.y, circle.x) > 200);   // the lesion, bright
        QCOMPARE(int(png.at<uchar>(500, 900)), 0);          // beyond the 700 resampled columns: padding
    }

    void badInputWritesNothing()
    {
        QTemporaryDir dir;
        const core::ImagePtr demo = core::readDicomImage(kDemo);
        const Scene scene = pastedDisc(demo, {519, 661}, 30, 230);
        const QString out = dir.filePath("out");

        SyntheticCaseRequest r = request(scene, dir);
        r.composite = scene.composite(cv::Rect(0, 0, 1000, 1024)).clone();   // not the source's size
        QVERIFY_THROWS_EXCEPTION(core::Error, exportSyntheticCase(r));
        r = request(scene, dir);
        r.lesions.front().mask = cv::Mat(512, 512, CV_8U, cv::Scalar(0));
        QVERIFY_THROWS_EXCEPTION(core::Error, exportSyntheticCase(r));
        r = request(scene, dir);
        r.lesions.front().mask = cv::Mat(scene.mask.size(), CV_8U, cv::Scalar(0));   // empty (a new buffer: the scene's stays)
        QVERIFY_THROWS_EXCEPTION(core::Error, exportSyntheticCase(r));
        r = request(scene, dir);
        r.method = "Magic Blend";
        QVERIFY_THROWS_EXCEPTION(core::Error, exportSyntheticCase(r));
        QVERIFY(filesIn(out).isEmpty());

        // A training folder that cannot be made: no DICOM file is left either.
        QFile blocker(dir.filePath("file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        r = request(scene, dir);
        r.trainingFolder = dir.filePath("file/training").toStdString();
        QVERIFY_THROWS_EXCEPTION(core::Error, exportSyntheticCase(r));
        QVERIFY(filesIn(out).isEmpty());

        // An output folder that cannot be made.
        r = request(scene, dir, false);
        r.outputDirectory = dir.filePath("file/out").toStdString();
        QVERIFY_THROWS_EXCEPTION(core::Error, exportSyntheticCase(r));

        // A name in use is never overwritten.
        r = request(scene, dir, false);
        r.name = "case";
        exportSyntheticCase(r);
        const QStringList written = filesIn(out);
        QCOMPARE(written, (QStringList{"case-seg.dcm", "case.dcm"}));
        QVERIFY_THROWS_EXCEPTION(core::Error, exportSyntheticCase(r));
        QCOMPARE(filesIn(out), written);
    }
};

QTEST_APPLESS_MAIN(TestSyntheticCaseExport)
#include "test_synthetic_case_export.moc"
