// The display chain against DCMTK's own rendering (dcm2pnm) of the same files.
// Each file holds every 12-bit stored value once (64 x 64), so every LUT entry
// that matters is compared, window edges included.
#include <core/DicomReader.h>
#include <core/DisplayChain.h>

#include <support/TestDicom.h>

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace mammo;

namespace {

// Reads a binary 8-bit PGM (P5) as written by dcm2pnm.
std::vector<std::uint8_t> readPgm(const QString& path, int& width, int& height)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    QList<QByteArray> tokens;
    int pos = 0;
    while (tokens.size() < 4 && pos < bytes.size()) {
        while (pos < bytes.size() && QChar(bytes[pos]).isSpace())
            ++pos;
        if (pos < bytes.size() && bytes[pos] == '#') {
            while (pos < bytes.size() && bytes[pos] != '\n')
                ++pos;
            continue;
        }
        const int start = pos;
        while (pos < bytes.size() && !QChar(bytes[pos]).isSpace())
            ++pos;
        tokens << bytes.mid(start, pos - start);
    }
    ++pos;   // the single whitespace after maxval
    if (tokens.size() < 4 || tokens[0] != "P5" || tokens[3] != "255")
        return {};
    width = tokens[1].toInt();
    height = tokens[2].toInt();
    if (bytes.size() < pos + width * height)
        return {};
    return std::vector<std::uint8_t>(bytes.begin() + pos, bytes.begin() + pos + width * height);
}

// A gamma-like VOI LUT over stored values 500..3571 with 12-bit output.
void putGammaVoiLut(test::TestImageSpec& spec)
{
    spec.windows.clear();
    spec.voiLut.clear();
    for (int i = 0; i < 3072; ++i)
        spec.voiLut.push_back(std::uint16_t(4095.0 * std::pow(i / 3071.0, 0.6)));
    spec.voiLutFirstMapped = 500;
    spec.voiLutBits = 12;
}

// The file for one row: 64 x 64, 12 bits stored, raw pixel i = i.
test::TestImageSpec specFor(const QString& name)
{
    test::TestImageSpec spec;
    spec.rows = 64;
    spec.columns = 64;
    spec.bitsStored = 12;
    spec.pixels.resize(4096);
    for (std::size_t i = 0; i < spec.pixels.size(); ++i)
        spec.pixels[i] = std::uint16_t(i);   // signed rows read the same bits as -2048..2047
    spec.windows = {{2000, 1500}, {1024, 4000}};

    if (name.startsWith(QLatin1String("mono1")))
        spec.photometric = "MONOCHROME1";
    if (name == QLatin1String("narrow"))
        spec.windows = {{2048, 2}};
    if (name == QLatin1String("sigmoid") || name == QLatin1String("mono1-sigmoid"))
        spec.voiLutFunction = "SIGMOID";
    if (name == QLatin1String("voilut") || name == QLatin1String("mono1-voilut"))
        putGammaVoiLut(spec);
    if (name == QLatin1String("voilut-below-range")) {
        // Output only reaches 1023 of a 12-bit range: DCMTK scales by the
        // descriptor's bit depth, not by the data maximum.
        spec.windows.clear();
        for (int i = 0; i < 2048; ++i)
            spec.voiLut.push_back(std::uint16_t(i / 2));
        spec.voiLutFirstMapped = 1024;
        spec.voiLutBits = 12;
    }
    if (name == QLatin1String("voilut-8bit")) {
        spec.windows.clear();
        for (int i = 0; i < 256; ++i)
            spec.voiLut.push_back(std::uint16_t(255 - i));
        spec.voiLutFirstMapped = 1900;
        spec.voiLutBits = 8;
    }
    if (name == QLatin1String("mono1-inverse") || name == QLatin1String("mono2-inverse"))
        spec.presentationLutShape = "INVERSE";
    if (name == QLatin1String("mono1-identity") || name == QLatin1String("mono2-identity"))
        spec.presentationLutShape = "IDENTITY";
    if (name == QLatin1String("rescale")) {
        spec.rescaleSlope = 0.5;
        spec.rescaleIntercept = -100;
        spec.windows = {{800, 1200}};
    }
    if (name == QLatin1String("signed")) {
        spec.isSigned = true;
        spec.windows = {{0, 3000}};
    }
    if (name == QLatin1String("signed-voilut")) {
        // LUT over -1024..1023; its descriptor is US, so the reader must sign-extend.
        spec.isSigned = true;
        spec.windows.clear();
        for (int i = 0; i < 2048; ++i)
            spec.voiLut.push_back(std::uint16_t(i * 2));
        spec.voiLutFirstMapped = -1024;
        spec.voiLutBits = 12;
    }
    return spec;
}

} // namespace

class TestDisplayVsDcmtk : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("dcm2pnm")).isEmpty())
            QFAIL("dcm2pnm (Debian package dcmtk) is required for this test");
    }

    // LINEAR_EXACT has no row: DCMTK 3.6.7 does not know it (it warns and
    // renders LINEAR); test_display_chain checks it on hand-computed values.
    void matchesDcm2pnm_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("dcm2pnmOptions");
        QTest::addColumn<int>("preset");   // index into voiPresets()
        const QStringList firstWindow{QStringLiteral("+Wi"), QStringLiteral("1")};
        const QStringList firstVoiLut{QStringLiteral("+Wl"), QStringLiteral("1")};
        QTest::newRow("LINEAR window") << "linear" << firstWindow << 0;
        QTest::newRow("second window") << "second" << QStringList{"+Wi", "2"} << 1;
        QTest::newRow("narrow LINEAR window (w = 2)") << "narrow" << firstWindow << 0;
        QTest::newRow("SIGMOID window") << "sigmoid" << firstWindow << 0;
        QTest::newRow("VOI LUT sequence") << "voilut" << firstVoiLut << 0;
        QTest::newRow("VOI LUT below its descriptor range") << "voilut-below-range" << firstVoiLut << 0;
        QTest::newRow("8-bit VOI LUT") << "voilut-8bit" << firstVoiLut << 0;
        QTest::newRow("MONOCHROME1") << "mono1" << firstWindow << 0;
        QTest::newRow("MONOCHROME1 + INVERSE shape") << "mono1-inverse" << firstWindow << 0;
        QTest::newRow("MONOCHROME1 + IDENTITY shape") << "mono1-identity" << firstWindow << 0;
        QTest::newRow("MONOCHROME1 + SIGMOID") << "mono1-sigmoid" << firstWindow << 0;
        QTest::newRow("MONOCHROME1 + VOI LUT") << "mono1-voilut" << firstVoiLut << 0;
        QTest::newRow("MONOCHROME2 + INVERSE shape") << "mono2-inverse" << firstWindow << 0;
        QTest::newRow("MONOCHROME2 + IDENTITY shape") << "mono2-identity" << firstWindow << 0;
        QTest::newRow("rescale slope/intercept") << "rescale" << firstWindow << 0;
        QTest::newRow("signed pixels") << "signed" << firstWindow << 0;
        QTest::newRow("VOI LUT on signed pixels") << "signed-voilut" << firstVoiLut << 0;
    }
    void matchesDcm2pnm()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, dcm2pnmOptions);
        QFETCH(int, preset);

        const test::TestImageSpec spec = specFor(name);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dicom = dir.filePath(name + QStringLiteral(".dcm"));
        const QString pgm = dir.filePath(name + QStringLiteral(".pgm"));
        test::writeTestImage(dicom.toStdString(), spec);

        QProcess dcmtk;
        dcmtk.start(QStringLiteral("dcm2pnm"), dcm2pnmOptions + QStringList{QStringLiteral("+op"), dicom, pgm});
        QVERIFY(dcmtk.waitForFinished(30000));
        QVERIFY2(dcmtk.exitCode() == 0, dcmtk.readAllStandardError().constData());
        int width = 0, height = 0;
        const std::vector<std::uint8_t> reference = readPgm(pgm, width, height);
        QCOMPARE(width, spec.columns);
        QCOMPARE(height, spec.rows);
        // A blank rendering on both sides would "match": insist on some contrast.
        QVERIFY(*std::max_element(reference.begin(), reference.end()) >
                *std::min_element(reference.begin(), reference.end()));

        const core::ImagePtr image = core::readDicomImage(dicom.toStdString());
        const auto presets = core::voiPresets(image->attributes());
        QVERIFY(preset < int(presets.size()));
        const auto lut = core::composeDisplayLut(image->attributes(), presets[std::size_t(preset)]);
        std::vector<std::uint8_t> ours(image->pixelsPerFrame());
        core::applyDisplayLut(image->frame(0), ours.size(), lut, ours.data());

        int worst = 0;
        std::size_t worstAt = 0;
        for (std::size_t i = 0; i < ours.size(); ++i) {
            const int diff = std::abs(int(ours[i]) - int(reference[i]));
            if (diff > worst) {
                worst = diff;
                worstAt = i;
            }
        }
        // DCMTK truncates to 8 bits where we round: one grey level apart at most.
        QVERIFY2(worst <= 1, qPrintable(QStringLiteral("max difference %1 at raw value %2 (ours %3, DCMTK %4)")
                                             .arg(worst).arg(worstAt).arg(ours[worstAt]).arg(reference[worstAt])));
    }
};

QTEST_GUILESS_MAIN(TestDisplayVsDcmtk)
#include "test_display_vs_dcmtk.moc"
