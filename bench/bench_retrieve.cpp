// C-GET retrieval time of our PacsClient next to DCMTK's getscu, against a
// throw-away Orthanc holding the demo study (6 MG images, JPEG lossless, in
// three patient studies). Each repetition fetches the three studies (one
// C-GET each) into an empty folder, with ours and with getscu, alternating
// which goes first. Prints median and min of both and the ratio.
// A second scenario does the same for one synthetic FFDM-sized study
// (--ffdm N images of 3328x4096x16 bit, uncompressed; 0 skips it).
//   bench_retrieve [--repetitions N] [--ffdm N] [--getscu PATH] [--orthanc PATH]
// getscu is run as: getscu -aet GETSCU -aec ORTHANC -S -k QueryRetrieveLevel=STUDY
//   -k StudyInstanceUID=UID -od DIR 127.0.0.1 PORT  (its process start-up is in
// its time; it is printed separately), and once more at its best: with +xs
// (it then takes JPEG lossless as stored, like ours, instead of having Orthanc
// decompress) and TCP_NODELAY=1 (dcmnet's switch for what our PacsClient does
// on its sockets). Orthanc itself runs as deployed (Nagle on).
#include "core/DicomImageWriter.h"
#include "core/Error.h"
#include "core/net/PacsClient.h"
#include "net/OrthancServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

using mammo::core::net::PacsClient;

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    if (values.empty())
        return 0.0;
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

double minimum(const std::vector<double>& values)
{
    return values.empty() ? 0.0 : *std::min_element(values.begin(), values.end());
}

int countFiles(const QString& dir)
{
    int count = 0;
    for (const QFileInfo& info : QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (info.isDir())
            count += countFiles(info.filePath());
        else
            ++count;
    }
    return count;
}

// Runs a command; returns its wall time in ms, or a negative value on failure.
double runTimed(const QString& program, const QStringList& args, bool noDelay = false)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove("TCP_NODELAY");
    if (noDelay)
        environment.insert("TCP_NODELAY", "1");
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer timer;
    timer.start();
    process.start(program, args);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(program), process.readAll().constData());
        return -1.0;
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

const std::string kFfdmStudyUid = "1.2.826.0.1.3680043.10.1234.900";

// Synthetic, FFDM-sized MG images (uncompressed, so that getscu and ours
// receive the same bytes): a throughput case next to the latency-bound demo.
std::vector<std::string> writeFfdmStudy(const QString& dir, int count)
{
    mammo::core::MammographyWriteOptions options;
    options.institutionName = "Synthetic benchmark image, not patient data";
    options.imageComments = "SYNTHETIC - bench_retrieve";
    const mammo::core::DicomImageWriter writer(options);
    const int rows = 4096, columns = 3328;
    std::vector<std::uint16_t> pixels(std::size_t(rows) * columns);
    std::vector<std::string> paths;
    for (int index = 0; index < count; ++index) {
        for (std::size_t i = 0; i < pixels.size(); ++i)
            pixels[i] = std::uint16_t((i * 2654435761u + std::size_t(index) * 977u) >> 20 & 0x3fff);
        mammo::core::ImageAttributes attributes;
        attributes.patientName = "SYNTHETIC^BENCH";
        attributes.patientId = "SYNTH-BENCH";
        attributes.studyInstanceUid = kFfdmStudyUid;
        attributes.studyDescription = "Synthetic benchmark study (not patient data)";
        attributes.seriesInstanceUid = kFfdmStudyUid + ".1";
        attributes.seriesNumber = 1;
        attributes.sopInstanceUid = kFfdmStudyUid + ".1." + std::to_string(index + 1);
        attributes.instanceNumber = index + 1;
        attributes.imageType = {"DERIVED", "SECONDARY"};
        attributes.rows = rows;
        attributes.columns = columns;
        attributes.pixelFormat = {16, 14, 13, false};
        attributes.laterality = index % 2 ? mammo::core::Laterality::Left : mammo::core::Laterality::Right;
        attributes.view = index % 4 < 2 ? mammo::core::ViewPosition::CC : mammo::core::ViewPosition::MLO;
        attributes.intent = mammo::core::PresentationIntent::ForPresentation;
        attributes.imagerPixelSpacing = mammo::core::Spacing{0.07, 0.07};
        const std::string path = QDir(dir).filePath(QString("ffdm-%1.dcm").arg(index + 1)).toStdString();
        writer.write(attributes, pixels, path);
        paths.push_back(path);
    }
    return paths;
}

// Times `repetitions` rounds of: ours, getscu, getscu +xs with TCP_NODELAY,
// each retrieving all `studies` into an empty folder; prints the figures.
void runScenario(const std::string& label, const std::vector<std::string>& studies, int expectedFiles,
                 int repetitions, const mammo::test::OrthancServer& orthanc, const QString& getscu)
{
    const auto ours = [&](const QString& dir) {
        QElapsedTimer timer;
        timer.start();
        for (const auto& uid : studies)
            PacsClient(orthanc.node("MAMMOSCOPE")).retrieveStudyByGet(uid, dir.toStdString());
        return double(timer.nsecsElapsed()) / 1e6;
    };
    const auto theirs = [&](const QString& dir, const QStringList& extra, bool noDelay) {
        double total = 0.0;
        for (const auto& uid : studies) {
            QStringList getArgs{"-aet", "GETSCU", "-aec", "ORTHANC", "-S", "-k", "QueryRetrieveLevel=STUDY",
                                "-k", "StudyInstanceUID=" + QString::fromStdString(uid), "-od", dir};
            getArgs << extra << "127.0.0.1" << QString::number(orthanc.dicomPort());
            const double ms = runTimed(getscu, getArgs, noDelay);
            if (ms < 0)
                throw std::runtime_error("getscu failed");
            total += ms;
        }
        return total;
    };

    std::printf("\n%s\n", label.c_str());
    // One untimed round each: caches, Orthanc's first-access costs.
    {
        QTemporaryDir a, b;
        ours(a.path());
        theirs(b.path(), {}, false);
    }
    std::vector<double> oursMs, getscuMs, getscuXsMs;
    for (int rep = 0; rep < repetitions; ++rep) {
        QTemporaryDir dirOurs, dirGetscu, dirXs;
        double a = 0, b = 0, c = 0;
        if (rep % 2 == 0) {
            a = ours(dirOurs.path());
            b = theirs(dirGetscu.path(), {}, false);
            c = theirs(dirXs.path(), {"+xs"}, true);
        } else {
            c = theirs(dirXs.path(), {"+xs"}, true);
            b = theirs(dirGetscu.path(), {}, false);
            a = ours(dirOurs.path());
        }
        const int nOurs = countFiles(dirOurs.path());
        const int nGetscu = countFiles(dirGetscu.path());
        const int nXs = countFiles(dirXs.path());
        if (nOurs != expectedFiles || nGetscu != expectedFiles || nXs != expectedFiles)
            throw std::runtime_error("a retrieve did not bring all files (ours " + std::to_string(nOurs) + ", getscu "
                                     + std::to_string(nGetscu) + ", getscu +xs " + std::to_string(nXs) + ")");
        oursMs.push_back(a);
        getscuMs.push_back(b);
        getscuXsMs.push_back(c);
        std::printf("  rep %2d: ours %8.1f ms   getscu %8.1f ms   getscu +xs nodelay %8.1f ms\n", rep + 1, a, b, c);
    }
    std::printf("  ours (PacsClient)   median %8.1f ms   min %8.1f ms\n", median(oursMs), minimum(oursMs));
    std::printf("  getscu              median %8.1f ms   min %8.1f ms\n", median(getscuMs), minimum(getscuMs));
    std::printf("  getscu +xs nodelay  median %8.1f ms   min %8.1f ms\n", median(getscuXsMs), minimum(getscuXsMs));
    std::printf("  ratio ours / getscu:             median %.2f   min %.2f   (target <= 1.2)\n",
                median(oursMs) / median(getscuMs), minimum(oursMs) / minimum(getscuMs));
    std::printf("  ratio ours / getscu +xs nodelay: median %.2f   min %.2f\n", median(oursMs) / median(getscuXsMs),
                minimum(oursMs) / minimum(getscuXsMs));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int repetitions = 10;
    int ffdmImages = 4;
    QString getscu = QStringLiteral("getscu");
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == "--repetitions" && i + 1 < args.size())
            repetitions = std::max(1, args[++i].toInt());
        else if (args[i] == "--ffdm" && i + 1 < args.size())
            ffdmImages = std::max(0, args[++i].toInt());
        else if (args[i] == "--getscu" && i + 1 < args.size())
            getscu = args[++i];
        else if (args[i] == "--orthanc" && i + 1 < args.size())
            qputenv("MAMMO_ORTHANC", args[++i].toLocal8Bit());
        else {
            std::fprintf(stderr, "usage: bench_retrieve [--repetitions N] [--ffdm IMAGES] [--getscu PATH] [--orthanc PATH]\n");
            return 2;
        }
    }

    try {
        mammo::test::OrthancOptions options;
        // Known callers (nothing is moved to them; the ports are placeholders).
        options.modalities = {{"mammoscope", "MAMMOSCOPE", "127.0.0.1", mammo::test::freeTcpPort()},
                              {"getscu", "GETSCU", "127.0.0.1", mammo::test::freeTcpPort()}};
        mammo::test::OrthancServer orthanc(options);
        orthanc.start("MAMMOSCOPE");
        PacsClient client(orthanc.node("MAMMOSCOPE"));

        std::vector<std::string> files;
        const QDir demo(QStringLiteral(MAMMO_SOURCE_DIR "/resources/demo"));
        for (const QString& name : demo.entryList({"*.dcm"}, QDir::Files, QDir::Name))
            files.push_back(demo.filePath(name).toStdString());
        const auto stored = client.store(files);
        if (stored.stored.size() != files.size())
            throw std::runtime_error("upload of the demo study failed");
        mammo::core::net::StudyQuery query;
        query.patientName = "MIAS^*";
        std::vector<std::string> studies;
        for (const auto& study : client.findStudies(query))
            studies.push_back(study.studyInstanceUid);
        std::printf("Orthanc %s on port %d; %d repetitions; getscu start-up alone (getscu --version): %.1f ms\n",
                    qPrintable(mammo::test::orthancExecutable()), orthanc.dicomPort(), repetitions,
                    runTimed(getscu, {"--version"}));

        runScenario("demo study: 3 studies, 6 MG images 1024x1024 8-bit, JPEG lossless, 1.7 MB", studies,
                    int(files.size()), repetitions, orthanc, getscu);

        if (ffdmImages > 0) {
            QTemporaryDir ffdmDir;
            const std::vector<std::string> ffdm = writeFfdmStudy(ffdmDir.path(), ffdmImages);
            const auto ffdmStored = client.store(ffdm);
            if (ffdmStored.stored.size() != ffdm.size())
                throw std::runtime_error("upload of the synthetic FFDM study failed");
            runScenario("synthetic FFDM study: 1 study, " + std::to_string(ffdmImages)
                            + " MG images 3328x4096 16-bit, uncompressed, " + std::to_string(27 * ffdmImages) + " MB",
                        {kFfdmStudyUid}, ffdmImages, repetitions, orthanc, getscu);
        }
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench_retrieve: %s\n", error.what());
        return 1;
    }
}
