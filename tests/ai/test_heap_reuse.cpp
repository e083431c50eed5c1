// The heap policy of ai/HeapReuse.h, measured on this process's resident
// memory: with memory kept for reuse, freed blocks stay resident on a thread's
// arena; releaseThisThreadsArenaTop hands them back (malloc_trim alone does not
// shrink a thread arena's top).
#include "ai/HeapReuse.h"

#include <QtTest>

#include <cstdlib>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr long kBlockBytes = 16L << 20;
constexpr int kBlocks = 3;
constexpr long kMiB = 1L << 20;

// Read without allocating: an allocation on the measured thread would land
// between the freed blocks and the arena's top and change what is measured.
long residentAnonymousBytes()
{
    char text[8192];
    const int file = ::open("/proc/self/status", O_RDONLY);
    if (file < 0)
        return -1;
    const ssize_t length = ::read(file, text, sizeof text - 1);
    ::close(file);
    if (length <= 0)
        return -1;
    text[length] = '\0';
    const char* line = std::strstr(text, "RssAnon:");
    return line ? std::strtol(line + 8, nullptr, 10) * 1024 : -1;
}

struct Footprint {
    long beforeFree = 0, afterFree = 0, afterRelease = 0;
};

// Allocates and touches blocks, frees them, then calls `release`; all on one
// thread. The freed blocks coalesce into the arena's top, unless a small block
// allocated after them stays (`pinned`): then they are free chunks below it.
template <typename Release>
Footprint allocateFreeAndRelease(Release release, bool pinned = false)
{
    Footprint f;
    void* volatile blocks[kBlocks];
    for (auto& block : blocks) {
        block = std::malloc(kBlockBytes);
        std::memset(block, 1, kBlockBytes);
    }
    void* volatile pin = pinned ? std::malloc(4096) : nullptr;
    f.beforeFree = residentAnonymousBytes();
    for (int i = kBlocks - 1; i >= 0; --i)
        std::free(blocks[i]);
    f.afterFree = residentAnonymousBytes();
    release();
    f.afterRelease = residentAnonymousBytes();
    std::free(pin);
    return f;
}

template <typename Work>
Footprint onAThread(Work work)
{
    Footprint f;
    std::thread thread([&] { f = work(); });
    thread.join();
    return f;
}

long keptMiB(const Footprint& f)
{
    return (f.afterFree - (f.beforeFree - kBlocks * kBlockBytes)) / kMiB;
}

long releasedMiB(const Footprint& f)
{
    return (f.afterFree - f.afterRelease) / kMiB;
}

} // namespace

class TestHeapReuse : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
#ifndef __GLIBC__
        QSKIP("the policy acts on glibc's malloc only");
#endif
        if (residentAnonymousBytes() < 0)
            QSKIP("no /proc/self/status RssAnon here");
        mammo::ai::keepFreedMemoryForReuse();
    }

    void threadArenaTopIsKeptThenReleased()
    {
        const Footprint f = onAThread([] { return allocateFreeAndRelease(mammo::ai::releaseThisThreadsArenaTop); });
        QVERIFY2(keptMiB(f) > 40, qPrintable(QString("only %1 MiB kept after free").arg(keptMiB(f))));
        QVERIFY2(releasedMiB(f) > 40, qPrintable(QString("only %1 MiB released").arg(releasedMiB(f))));
    }

    // Below a live block the freed memory is not the top: malloc_trim's part.
    void freeChunksBelowALiveBlockAreReleased()
    {
        const Footprint f =
            onAThread([] { return allocateFreeAndRelease(mammo::ai::releaseFreedMemory, /*pinned=*/true); });
        QVERIFY2(keptMiB(f) > 40, qPrintable(QString("only %1 MiB kept after free").arg(keptMiB(f))));
        QVERIFY2(releasedMiB(f) > 40, qPrintable(QString("only %1 MiB released").arg(releasedMiB(f))));
    }

    void releaseFreedMemoryAlsoActsOnTheMainArena()
    {
        const Footprint f = allocateFreeAndRelease(mammo::ai::releaseFreedMemory);
        QVERIFY2(releasedMiB(f) > 40, qPrintable(QString("only %1 MiB released").arg(releasedMiB(f))));
    }

    // Reuse stays on after a release: the next free keeps its memory again.
    void theThresholdIsPutBack()
    {
        onAThread([] { return allocateFreeAndRelease(mammo::ai::releaseThisThreadsArenaTop); });
        const Footprint f = onAThread([] { return allocateFreeAndRelease([] {}); });
        QVERIFY2(keptMiB(f) > 40, qPrintable(QString("only %1 MiB kept after free").arg(keptMiB(f))));
    }
};

QTEST_APPLESS_MAIN(TestHeapReuse)
#include "test_heap_reuse.moc"
