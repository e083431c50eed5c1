// Deterministic mutation harness (label `fuzz`): structure-aware mutants of
// every seed go through the readers and the display chain; only core::Error
// may come out. A crash prints the mutant's description before dying.
#include "DicomMutator.h"
#include "FuzzExercise.h"
#include "FuzzSeeds.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstring>
#include <exception>
#include <unistd.h>

using namespace mammo;

namespace {

char g_current[512] = "";

void reportCrash(int signal)
{
    const char prefix[] = "\ntest_fuzz_mutations: crashed on mutant: ";
    (void)!::write(2, prefix, sizeof prefix - 1);
    (void)!::write(2, g_current, std::strlen(g_current));
    (void)!::write(2, "\n", 1);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

// Overridable so a longer run needs no rebuild.
std::size_t fromEnvironment(const char* name, std::size_t fallback)
{
    const QByteArray value = qgetenv(name);
    bool ok = false;
    const qulonglong parsed = value.toULongLong(&ok);
    return ok && parsed > 0 ? std::size_t(parsed) : fallback;
}

} // namespace

class TestFuzzMutations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mutantsGiveAnImageOrAClearError()
    {
        const std::size_t maxExecutions = fromEnvironment("MAMMO_FUZZ_MUTATIONS", 100000);
        const qint64 maxMilliseconds = qint64(fromEnvironment("MAMMO_FUZZ_SECONDS", 90)) * 1000;
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        const auto seeds = fuzz::allSeeds(MAMMO_SOURCE_DIR, scratch.path().toStdString());
        QVERIFY2(seeds.size() >= 20, "too few seeds");
        std::signal(SIGSEGV, reportCrash);
        std::signal(SIGABRT, reportCrash);
        std::signal(SIGBUS, reportCrash);
        std::signal(SIGFPE, reportCrash);

        QElapsedTimer timer;
        timer.start();
        std::size_t executions = 0, images = 0, errors = 0;
        std::string failure;
        // Small seeds first: each gets an equal share of what is left.
        for (std::size_t i = 0; i < seeds.size() && failure.empty(); ++i) {
            const std::size_t left = maxExecutions - executions;
            const std::size_t budget = left / (seeds.size() - i);
            executions += fuzz::forEachMutation(
                seeds[i].bytes, std::uint32_t(i), budget, [&](const std::string& what, const std::vector<std::uint8_t>& m) {
                    std::snprintf(g_current, sizeof g_current, "%s: %s", seeds[i].name.c_str(), what.c_str());
                    try {
                        const fuzz::ExerciseOutcome outcome = fuzz::exerciseDicomBytes(m.data(), m.size());
                        ++(outcome.imageLoaded ? images : errors);
                        if (!outcome.imageLoaded && outcome.imageError.empty())
                            failure = std::string(g_current) + ": rejected without a message";
                    } catch (const std::exception& e) {
                        failure = std::string(g_current) + ": " + typeid(e).name() + ": " + e.what();
                    } catch (...) {
                        failure = std::string(g_current) + ": unknown exception";
                    }
                    return failure.empty() && timer.elapsed() < maxMilliseconds;
                });
        }
        qInfo("%zu mutants of %zu seeds in %.1f s: %zu loaded as images, %zu refused with core::Error", executions,
              seeds.size(), double(timer.elapsed()) / 1000.0, images, errors);
        QVERIFY2(failure.empty(), failure.c_str());
        // The harness must have run for real and seen both outcomes.
        QVERIFY(executions >= std::min<std::size_t>(maxExecutions, 2000));
        QVERIFY(images > 0);
        QVERIFY(errors > 0);
    }
};

QTEST_GUILESS_MAIN(TestFuzzMutations)
#include "test_fuzz_mutations.moc"
