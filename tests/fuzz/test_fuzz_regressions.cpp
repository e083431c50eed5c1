// Replays the fuzzer's reproducers (tests/fuzz/regressions/) and the hand-made
// hostile files: each gives an image or a clear core::Error, never a crash, a
// large allocation or a message with the patient's name or ID; DCMTK's log
// stays silent about them.
#include "FuzzExercise.h"
#include "FuzzSeeds.h"
#include "HostileDicom.h"
#include "RawDicom.h"

#include <core/DicomReader.h>
#include <core/Error.h>

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <new>
#include <unistd.h>

// The largest single allocation since the last reset, for every new in the
// process (DCMTK's included: the executable's operator new replaces the library's).
static std::atomic<std::size_t> g_largestAllocation{0};

static void* track(std::size_t size)
{
    std::size_t seen = g_largestAllocation.load();
    while (size > seen && !g_largestAllocation.compare_exchange_weak(seen, size)) {
    }
    return std::malloc(size ? size : 1);
}

void* operator new(std::size_t size)
{
    if (void* p = track(size))
        return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return track(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return track(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

using namespace mammo;

namespace {

// No hostile file is larger than 2.1 MB; nothing it holds justifies more than this.
constexpr std::size_t kLargestAllowedAllocation = std::size_t(16) << 20;

// Captures what is written to the process's stderr (DCMTK's log goes there).
class StderrCapture {
public:
    StderrCapture()
    {
        std::fflush(stderr);
        m_file = std::tmpfile();
        m_saved = ::dup(2);
        ::dup2(::fileno(m_file), 2);
    }
    std::string finish()
    {
        std::fflush(stderr);
        ::dup2(m_saved, 2);
        ::close(m_saved);
        std::rewind(m_file);
        std::string text;
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, m_file)) > 0;)
            text.append(buffer, n);
        std::fclose(m_file);
        return text;
    }

private:
    std::FILE* m_file = nullptr;
    int m_saved = -1;
};

bool mentionsPatient(const std::string& text)
{
    return text.find("Sentinel") != std::string::npos || text.find("Privata") != std::string::npos ||
           text.find(fuzz::kSecretPatientId) != std::string::npos;
}

} // namespace

class TestFuzzRegressions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hostileFilesGiveTheExpectedAnswer_data()
    {
        QTest::addColumn<int>("index");
        const auto cases = fuzz::hostileCases();
        for (std::size_t i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].name.c_str()) << int(i);
    }
    void hostileFilesGiveTheExpectedAnswer()
    {
        QFETCH(int, index);
        const fuzz::HostileCase c = fuzz::hostileCases()[std::size_t(index)];
        StderrCapture capture;
        g_largestAllocation = 0;
        const fuzz::ExerciseOutcome outcome =
            fuzz::exerciseDicomBytes(c.bytes.data(), c.bytes.size(), core::DicomReadLimits{}.maxDecodedBytes);
        const std::size_t largest = g_largestAllocation;
        const std::string log = capture.finish();
        if (c.expectedError.empty()) {
            QVERIFY2(outcome.imageLoaded, outcome.imageError.c_str());
        } else {
            QVERIFY2(!outcome.imageLoaded, "an image was loaded");
            QVERIFY2(outcome.imageError.find(c.expectedError) != std::string::npos, outcome.imageError.c_str());
        }
        QVERIFY2(largest <= kLargestAllowedAllocation, qPrintable(QString("allocated %1 bytes at once").arg(largest)));
        QVERIFY2(!mentionsPatient(outcome.imageError + outcome.headerError), "a message names the patient");
        // DCMTK would log these files' errors at its default level (WARN); ours keeps it at FATAL.
        QVERIFY2(log.empty(), log.c_str());
        qInfo("%s: %s", c.name.c_str(), outcome.imageLoaded ? "image" : outcome.imageError.c_str());
    }

    void sameAnswersFromFiles()
    {
        // The file readers take the same guarded path as the memory readers.
        QTemporaryDir dir;
        for (const fuzz::HostileCase& c : fuzz::hostileCases()) {
            const std::string path = dir.filePath(QString::fromStdString(c.name + ".dcm")).toStdString();
            std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(c.bytes.data()),
                                                        std::streamsize(c.bytes.size()));
            g_largestAllocation = 0;
            std::string error;
            try {
                core::readDicomImage(path);
            } catch (const core::Error& e) {
                error = e.what();
            }
            QVERIFY2(g_largestAllocation <= kLargestAllowedAllocation, c.name.c_str());
            if (c.expectedError.empty())
                QVERIFY2(error.empty(), (c.name + ": " + error).c_str());
            else
                QVERIFY2(error.find(c.expectedError) != std::string::npos, (c.name + ": " + error).c_str());
            QVERIFY2(error.empty() || error.find(path) != std::string::npos, (c.name + ": " + error).c_str());
            try {
                core::readDicomHeader(path);
            } catch (const core::Error& e) {
                QVERIFY2(!mentionsPatient(e.what()), e.what());
            }
        }
    }

    void checksDoNotRefuseGoodImages()
    {
        // The demo study (JPEG lossless) and every generated seed image still load.
        QTemporaryDir scratch;
        auto seeds = fuzz::seedsInFolder(std::string(MAMMO_SOURCE_DIR) + "/resources/demo", ".dcm");
        for (fuzz::Seed& s : fuzz::generatedSeeds(scratch.path().toStdString()))
            if (s.name.find("jpeg2000") == std::string::npos && s.name.find("-sr") == std::string::npos)
                seeds.push_back(std::move(s));
        QVERIFY(seeds.size() >= 10);
        for (const fuzz::Seed& seed : seeds) {
            const fuzz::ExerciseOutcome outcome =
                fuzz::exerciseDicomBytes(seed.bytes.data(), seed.bytes.size(), core::DicomReadLimits{}.maxDecodedBytes);
            QVERIFY2(outcome.imageLoaded, (seed.name + ": " + outcome.imageError).c_str());
        }
    }

    void fuzzerReproducersGiveAnImageOrAnError()
    {
        const auto seeds = fuzz::seedsInFolder(std::string(MAMMO_SOURCE_DIR) + "/tests/fuzz/regressions");
        for (const fuzz::Seed& seed : seeds) {
            g_largestAllocation = 0;
            const fuzz::ExerciseOutcome outcome =
                fuzz::exerciseDicomBytes(seed.bytes.data(), seed.bytes.size(), core::DicomReadLimits{}.maxDecodedBytes);
            QVERIFY2(outcome.imageLoaded || !outcome.imageError.empty(), seed.name.c_str());
            // Reproducers are below 1 MiB: the limit leaves room for one 16 MiB image at most.
            QVERIFY2(g_largestAllocation <= kLargestAllowedAllocation, seed.name.c_str());
            qInfo("%s: %s", seed.name.c_str(), outcome.imageLoaded ? "image" : outcome.imageError.c_str());
        }
        qInfo("%zu reproducers replayed", seeds.size());
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "test_fuzz_regressions.moc"
