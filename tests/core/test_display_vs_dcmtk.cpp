// The display chain against DCMTK's own rendering (dcm2pnm) of the same files.
#include <core/DicomReader.h>
#include <core/DisplayChain.h>

#include <support/TestDicom.h>

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

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
    if (tokens.size() < 4 || tokens[0] != "P5")
        return {};
    width = tokens[1].toInt();
    height = tokens[2].toInt();
    return std::vector<std::uint8_t>(bytes.begin() + pos, bytes.begin() + pos + width * height);
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

    void matchesDcm2pnm_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("dcm2pnmOptions");
        QTest::addColumn<int>("preset");   // index into voiPresets(); -1 = identity over min/max
        QTest::newRow("LINEAR window") << "linear" << QStringList{"+Wi", "1"} << 0;
        QTest::newRow("second window") << "second" << QStringList{"+Wi", "2"} << 1;
        QTest::newRow("SIGMOID window") << "sigmoid" << QStringList{"+Wi", "1"} << 0;
        QTest::newRow("VOI LUT sequence") << "voilut" << QStringList{"+Wl", "1"} << 0;
        QTest::newRow("MONOCHROME1") << "mono1" << QStringList{"+Wi", "1"} << 0;
        QTest::newRow("rescale slope/intercept") << "rescale" << QStringList{"+Wi", "1"} << 0;
        QTest::newRow("signed pixels") << "signed" << QStringList{"+Wi", "1"} << 0;
        QTest::newRow("INVERSE shape on MONOCHROME2") << "inverse" << QStringList{"+Wi", "1"} << 0;
    }
    void matchesDcm2pnm()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, dcm2pnmOptions);
        QFETCH(int, preset);

        test::TestImageSpec spec;
        spec.rows = 64;
        spec.columns = 128;
        spec.bitsStored = 12;
        spec.windows = {{2000, 1500}, {1024, 4000}};
        if (name == "sigmoid")
            spec.voiLutFunction = "SIGMOID";
        if (name == "voilut") {
            spec.windows.clear();
            // A gamma-like curve over stored values 500..3571, 12-bit output.
            for (int i = 0; i < 3072; ++i)
                spec.voiLut.push_back(std::uint16_t(4095.0 * std::pow(i / 3071.0, 0.6)));
            spec.voiLutFirstMapped = 500;
            spec.voiLutBits = 12;
        }
        if (name == "mono1")
            spec.photometric = "MONOCHROME1";
        if (name == "rescale") {
            spec.rescaleSlope = 0.5;
            spec.rescaleIntercept = -100;
            spec.windows = {{800, 1200}};
        }
        if (name == "signed") {
            spec.isSigned = true;
            spec.pixels.resize(std::size_t(spec.rows * spec.columns));
            for (std::size_t i = 0; i < spec.pixels.size(); ++i)
                spec.pixels[i] = std::uint16_t((int(i % 128) * 32 - 2048) & 0x0FFF);   // -2048..2016
            spec.windows = {{0, 3000}};
        }
        if (name == "inverse")
            spec.presentationLutShape = "INVERSE";

        QTemporaryDir dir;
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
        QVERIFY2(worst <= 1, qPrintable(QStringLiteral("max difference %1 at pixel %2 (ours %3, DCMTK %4)")
                                             .arg(worst).arg(worstAt).arg(ours[worstAt]).arg(reference[worstAt])));
    }
};

QTEST_GUILESS_MAIN(TestDisplayVsDcmtk)
#include "test_display_vs_dcmtk.moc"
