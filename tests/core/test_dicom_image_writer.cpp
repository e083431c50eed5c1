// DicomImageWriter: every output syntax, checked by dciodvfy and dcmdump and
// read back with DCMTK; lossless syntaxes must give back the exact pixels.
#include "core/DicomImageWriter.h"
#include "core/Error.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

using mammo::core::DicomImageWriter;
using mammo::core::DicomOutputSyntax;
using mammo::core::ImageAttributes;
using mammo::core::Laterality;
using mammo::core::MammographyWriteOptions;
using mammo::core::ViewPosition;

Q_DECLARE_METATYPE(DicomOutputSyntax)

namespace {

// Each registration guards against being done twice.
void registerDecoders()
{
    DJDecoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
}

ImageAttributes mammogramAttributes(int bitsAllocated, int bitsStored)
{
    ImageAttributes attributes;
    attributes.patientName = "TEST^WRITER";
    attributes.patientId = "WRITER-1";
    attributes.studyDate = "20240102";
    attributes.studyTime = "101500";
    attributes.studyDescription = "Writer test";
    attributes.seriesNumber = 3;
    attributes.seriesDescription = "L MLO";
    attributes.instanceNumber = 1;
    attributes.rows = 96;
    attributes.columns = 80;
    attributes.pixelFormat = {bitsAllocated, bitsStored, bitsStored - 1, false};
    attributes.laterality = Laterality::Left;
    attributes.view = ViewPosition::MLO;
    attributes.imagerPixelSpacing = mammo::core::Spacing{0.1, 0.1};
    attributes.pixelSpacing = mammo::core::Spacing{0.1, 0.1};
    attributes.magnificationFactor = 1.0;
    const int maximum = (1 << bitsStored) - 1;
    attributes.windows = {{maximum / 2.0, double(maximum), mammo::core::VoiFunction::Linear, "NORMAL"}};
    return attributes;
}

// A pattern with edges and a ramp, so that every encoder has real work to do.
std::vector<std::uint16_t> testPixels(int rows, int columns, int bitsStored)
{
    std::vector<std::uint16_t> pixels(std::size_t(rows) * std::size_t(columns));
    const unsigned maximum = (1u << bitsStored) - 1;
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < columns; ++x) {
            const unsigned ramp = unsigned(x * maximum / (columns - 1));
            const unsigned texture = unsigned((x * 37 + y * 101) % 23) * (maximum / 64);
            pixels[std::size_t(y) * std::size_t(columns) + std::size_t(x)] = std::uint16_t(std::min(maximum, ramp / 2 + texture));
        }
    return pixels;
}

struct ProcessResult {
    int exitCode = -1;
    QString output;
};

ProcessResult runTool(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(60000))
        return {};
    return {process.exitCode(), QString::fromLocal8Bit(process.readAll())};
}

QStringList errorLines(const QString& dciodvfyOutput)
{
    QStringList errors;
    for (const QString& line : dciodvfyOutput.split('\n'))
        if (line.startsWith("Error"))
            errors << line;
    return errors;
}

// Decoded pixels of a file, as uint16 whatever Bits Allocated is.
std::vector<std::uint16_t> readBackPixels(const std::string& path, OFString* transferSyntax)
{
    registerDecoders();
    DcmFileFormat file;
    if (file.loadFile(path.c_str()).bad())
        return {};
    file.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, *transferSyntax);
    DcmDataset* dataset = file.getDataset();
    if (dataset->chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad())
        return {};
    Uint16 bitsAllocated = 0;
    dataset->findAndGetUint16(DCM_BitsAllocated, bitsAllocated);
    unsigned long count = 0;
    std::vector<std::uint16_t> pixels;
    if (bitsAllocated == 8) {
        const Uint8* data = nullptr;
        if (dataset->findAndGetUint8Array(DCM_PixelData, data, &count).good())
            pixels.assign(data, data + count);
    } else {
        const Uint16* data = nullptr;
        if (dataset->findAndGetUint16Array(DCM_PixelData, data, &count).good())
            pixels.assign(data, data + count);
    }
    return pixels;
}

std::string stringOf(DcmItem* item, const DcmTagKey& tag)
{
    OFString value;
    item->findAndGetOFStringArray(tag, value);
    return value.c_str();
}

} // namespace

class TestDicomImageWriter : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        QVERIFY2(!QStandardPaths::findExecutable("dciodvfy").isEmpty(), "dciodvfy (Debian package dicom3tools) is needed");
        QVERIFY2(!QStandardPaths::findExecutable("dcmdump").isEmpty(), "dcmdump (Debian package dcmtk) is needed");
    }

    void writesValidFiles_data()
    {
        QTest::addColumn<DicomOutputSyntax>("syntax");
        QTest::addColumn<int>("bitsAllocated");
        QTest::addColumn<int>("bitsStored");
        QTest::addColumn<bool>("forProcessing");
        for (const auto syntax : {DicomOutputSyntax::ExplicitLittleEndian, DicomOutputSyntax::RleLossless,
                                  DicomOutputSyntax::JpegLosslessSv1, DicomOutputSyntax::JpegLsLossless}) {
            const QByteArray name = QByteArray::fromStdString(mammo::core::outputSyntaxName(syntax));
            QTest::newRow(name + " 8-bit") << syntax << 8 << 8 << false;
            QTest::newRow(name + " 16/12-bit") << syntax << 16 << 12 << false;
            QTest::newRow(name + " 16/14-bit processing") << syntax << 16 << 14 << true;
        }
        QTest::newRow("jpeg-baseline 8-bit") << DicomOutputSyntax::JpegBaseline << 8 << 8 << false;
    }

    void writesValidFiles()
    {
        QFETCH(DicomOutputSyntax, syntax);
        QFETCH(int, bitsAllocated);
        QFETCH(int, bitsStored);
        QFETCH(bool, forProcessing);

        ImageAttributes attributes = mammogramAttributes(bitsAllocated, bitsStored);
        if (forProcessing)
            attributes.intent = mammo::core::PresentationIntent::ForProcessing;
        if (bitsStored == 12) {
            // Pixel Spacing corrected for magnification needs its calibration type and description.
            attributes.magnificationFactor = 1.1;
            attributes.pixelSpacing = mammo::core::Spacing{0.1 / 1.1, 0.1 / 1.1};
        }
        const std::vector<std::uint16_t> pixels = testPixels(attributes.rows, attributes.columns, bitsStored);
        MammographyWriteOptions options;
        options.syntax = syntax;
        options.manufacturer = "Mammoscope tests";
        options.detectorType = "DIRECT";
        options.studyId = "1";
        const DicomImageWriter writer(options);
        const std::string path = m_directory.filePath(QString("%1.dcm").arg(QTest::currentDataTag()).replace(' ', '_').replace('/', '-')).toStdString();
        const ImageAttributes written = writer.write(attributes, pixels, path);

        QCOMPARE(written.transferSyntaxUid, mammo::core::outputSyntaxUid(syntax));
        QVERIFY(!written.sopInstanceUid.empty());
        QVERIFY(written.studyInstanceUid != written.seriesInstanceUid);
        QCOMPARE(written.sopClassUid, std::string(forProcessing ? UID_DigitalMammographyXRayImageStorageForProcessing
                                                                : UID_DigitalMammographyXRayImageStorageForPresentation));
        QCOMPARE(written.patientOrientation, (std::vector<std::string>{"A", "F"}));

        const ProcessResult verification = runTool("dciodvfy", {QString::fromStdString(path)});
        const QStringList errors = errorLines(verification.output);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        QVERIFY2(verification.output.contains(forProcessing ? "MammographyImageForProcessing" : "MammographyImageForPresentation"), qPrintable(verification.output));

        const ProcessResult dump = runTool("dcmdump", {"-Un", "+P", "0002,0010", "+P", "0020,0062", "+P", "2050,0020",
                                                       "+P", "0028,2110", QString::fromStdString(path)});
        QCOMPARE(dump.exitCode, 0);
        QVERIFY2(dump.output.contains(QString::fromStdString(written.transferSyntaxUid)), qPrintable(dump.output));
        QVERIFY(dump.output.contains("[L]"));
        QVERIFY(dump.output.contains("[IDENTITY]"));
        QVERIFY(dump.output.contains(mammo::core::isLossless(syntax) ? "[00]" : "[01]"));

        OFString fileSyntax;
        const std::vector<std::uint16_t> decoded = readBackPixels(path, &fileSyntax);
        QCOMPARE(std::string(fileSyntax.c_str()), written.transferSyntaxUid);
        QCOMPARE(decoded.size(), pixels.size());
        if (mammo::core::isLossless(syntax)) {
            QVERIFY(decoded == pixels);
        } else {
            double absoluteError = 0.0;
            for (std::size_t i = 0; i < pixels.size(); ++i)
                absoluteError += std::abs(int(decoded[i]) - int(pixels[i]));
            const double meanError = absoluteError / double(pixels.size());
            QVERIFY2(meanError < 4.0, qPrintable(QString("mean absolute error %1").arg(meanError)));
        }
    }

    void writesMammographyAttributes()
    {
        ImageAttributes attributes = mammogramAttributes(16, 12);
        attributes.laterality = Laterality::Right;
        attributes.view = ViewPosition::CC;
        attributes.windows = {{2000, 3000, mammo::core::VoiFunction::Sigmoid, "SIGMOID"}};
        MammographyWriteOptions options;
        options.uidRoot = "1.2.826.0.1.3680043.10.999";
        const std::string path = m_directory.filePath("attributes.dcm").toStdString();
        const ImageAttributes written = DicomImageWriter(options).write(
            attributes, testPixels(attributes.rows, attributes.columns, 12), path);
        QVERIFY(written.sopInstanceUid.rfind("1.2.826.0.1.3680043.10.999.", 0) == 0);

        DcmFileFormat file;
        QVERIFY(file.loadFile(path.c_str()).good());
        DcmDataset* dataset = file.getDataset();
        QCOMPARE(stringOf(dataset, DCM_Modality), std::string("MG"));
        QCOMPARE(stringOf(dataset, DCM_ImageLaterality), std::string("R"));
        QCOMPARE(stringOf(dataset, DCM_ViewPosition), std::string("CC"));
        QCOMPARE(stringOf(dataset, DCM_PatientOrientation), std::string("P\\L"));
        QCOMPARE(stringOf(dataset, DCM_PositionerType), std::string("MAMMOGRAPHIC"));
        QCOMPARE(stringOf(dataset, DCM_BreastImplantPresent), std::string("NO"));
        QCOMPARE(stringOf(dataset, DCM_BurnedInAnnotation), std::string("NO"));
        QCOMPARE(stringOf(dataset, DCM_PresentationLUTShape), std::string("IDENTITY"));
        QCOMPARE(stringOf(dataset, DCM_VOILUTFunction), std::string("SIGMOID"));
        QCOMPARE(stringOf(dataset, DCM_ImagerPixelSpacing), std::string("0.1\\0.1"));
        QCOMPARE(stringOf(dataset, DCM_PixelSpacing), std::string("0.1\\0.1"));
        QCOMPARE(stringOf(dataset, DCM_EstimatedRadiographicMagnificationFactor), std::string("1"));
        QCOMPARE(stringOf(dataset, DCM_HighBit), std::string("11"));
        DcmItem* view = nullptr;
        QVERIFY(dataset->findAndGetSequenceItem(DCM_ViewCodeSequence, view, 0).good());
        QCOMPARE(stringOf(view, DCM_CodeValue), std::string("399162004"));
        QCOMPARE(stringOf(view, DCM_CodingSchemeDesignator), std::string("SCT"));
        DcmItem* region = nullptr;
        QVERIFY(dataset->findAndGetSequenceItem(DCM_AnatomicRegionSequence, region, 0).good());
        QCOMPARE(stringOf(region, DCM_CodeValue), std::string("76752008"));
    }

    void writesVoiLutSequenceAndDefaultWindow()
    {
        ImageAttributes attributes = mammogramAttributes(16, 12);
        attributes.windows.clear();
        mammo::core::LutTable lut;
        lut.firstMapped = 0;
        lut.bitsPerEntry = 16;
        lut.explanation = "GAMMA";
        for (int input = 0; input < 4096; ++input)
            lut.data.push_back(std::uint16_t(std::lround(65535.0 * std::pow(input / 4095.0, 0.6))));
        attributes.voiLuts = {lut};
        const std::vector<std::uint16_t> pixels = testPixels(attributes.rows, attributes.columns, 12);
        const std::string lutPath = m_directory.filePath("voi-lut.dcm").toStdString();
        const ImageAttributes withLut = DicomImageWriter().write(attributes, pixels, lutPath);
        QVERIFY(withLut.windows.empty());
        const ProcessResult verification = runTool("dciodvfy", {QString::fromStdString(lutPath)});
        QVERIFY2(errorLines(verification.output).isEmpty(), qPrintable(verification.output));
        DcmFileFormat file;
        QVERIFY(file.loadFile(lutPath.c_str()).good());
        DcmItem* item = nullptr;
        QVERIFY(file.getDataset()->findAndGetSequenceItem(DCM_VOILUTSequence, item, 0).good());
        QCOMPARE(stringOf(item, DCM_LUTDescriptor), std::string("4096\\0\\16"));
        QCOMPARE(stringOf(item, DCM_LUTExplanation), std::string("GAMMA"));

        // Neither window nor LUT: the full range of the stored values becomes the window.
        attributes.voiLuts.clear();
        const ImageAttributes withWindow =
            DicomImageWriter().write(attributes, pixels, m_directory.filePath("full-range.dcm").toStdString());
        QCOMPARE(int(withWindow.windows.size()), 1);
        const auto [low, high] = std::minmax_element(pixels.begin(), pixels.end());
        QCOMPARE(withWindow.windows[0].width, double(*high) - double(*low) + 1.0);
    }

    void standardOrientations_data()
    {
        QTest::addColumn<int>("laterality");
        QTest::addColumn<int>("view");
        QTest::addColumn<QString>("orientation");
        QTest::newRow("R MLO") << int(Laterality::Right) << int(ViewPosition::MLO) << "P\\F";
        QTest::newRow("L MLO") << int(Laterality::Left) << int(ViewPosition::MLO) << "A\\F";
        QTest::newRow("R CC") << int(Laterality::Right) << int(ViewPosition::CC) << "P\\L";
        QTest::newRow("L CC") << int(Laterality::Left) << int(ViewPosition::CC) << "A\\R";
        QTest::newRow("unknown laterality") << int(Laterality::Unknown) << int(ViewPosition::CC) << "";
    }

    void standardOrientations()
    {
        QFETCH(int, laterality);
        QFETCH(int, view);
        QFETCH(QString, orientation);
        const auto values = mammo::core::standardMammographyOrientation(Laterality(laterality), ViewPosition(view));
        QStringList joined;
        for (const std::string& value : values)
            joined << QString::fromStdString(value);
        QCOMPARE(joined.join('\\'), orientation);
    }

    void rejectsInvalidImages_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::newRow("no laterality") << "laterality";
        QTest::newRow("no view") << "view";
        QTest::newRow("16-bit JPEG baseline") << "jpeg16";
        QTest::newRow("too few pixels") << "pixels";
        QTest::newRow("value above bits stored") << "range";
        QTest::newRow("rescale") << "rescale";
        QTest::newRow("no spacing") << "spacing";
        QTest::newRow("institution longer than LO") << "long";
    }

    void rejectsInvalidImages()
    {
        QFETCH(QString, problem);
        ImageAttributes attributes = mammogramAttributes(16, 12);
        std::vector<std::uint16_t> pixels = testPixels(attributes.rows, attributes.columns, 12);
        MammographyWriteOptions options;
        if (problem == "laterality") attributes.laterality = Laterality::Unknown;
        if (problem == "view") attributes.view = ViewPosition::Unknown;
        if (problem == "jpeg16") options.syntax = DicomOutputSyntax::JpegBaseline;
        if (problem == "pixels") pixels.pop_back();
        if (problem == "range") pixels[5] = 4096;
        if (problem == "rescale") attributes.modalityLut.slope = 2.0;
        if (problem == "long") options.institutionName = std::string(65, 'x');
        if (problem == "spacing") {
            attributes.imagerPixelSpacing.reset();
            attributes.pixelSpacing.reset();
        }
        const std::string path = m_directory.filePath("rejected.dcm").toStdString();
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, DicomImageWriter(options).write(attributes, pixels, path));
        QVERIFY(!QFile::exists(QString::fromStdString(path)));
    }

    void reportsUnwritablePath()
    {
        const ImageAttributes attributes = mammogramAttributes(8, 8);
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error,
                                 DicomImageWriter().write(attributes, testPixels(attributes.rows, attributes.columns, 8),
                                                          "/no/such/directory/image.dcm"));
    }

    void parsesSyntaxNames()
    {
        for (const auto syntax : {DicomOutputSyntax::ExplicitLittleEndian, DicomOutputSyntax::RleLossless,
                                  DicomOutputSyntax::JpegLosslessSv1, DicomOutputSyntax::JpegLsLossless,
                                  DicomOutputSyntax::JpegBaseline})
            QCOMPARE(mammo::core::outputSyntaxFromName(mammo::core::outputSyntaxName(syntax)), std::optional(syntax));
        QVERIFY(!mammo::core::outputSyntaxFromName("jpeg2000").has_value());
        QCOMPARE(mammo::core::outputSyntaxUid(DicomOutputSyntax::JpegLosslessSv1), std::string("1.2.840.10008.1.2.4.70"));
    }
};

QTEST_GUILESS_MAIN(TestDicomImageWriter)
#include "test_dicom_image_writer.moc"
