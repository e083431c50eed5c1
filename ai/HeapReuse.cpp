#include "HeapReuse.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace mammo::ai {
namespace {

constexpr int kKeptTrimThreshold = 1 << 30;       // int-sized: 1 GiB above the peak before any trim
constexpr int kDefaultTrimThreshold = 128 * 1024;  // glibc's M_TRIM_THRESHOLD default
std::atomic<bool> keeping{false};

} // namespace

void keepFreedMemoryForReuse()
{
#ifdef __GLIBC__
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, kKeptTrimThreshold);
    keeping = true;
#endif
}

void releaseThisThreadsArenaTop()
{
#ifdef __GLIBC__
    static std::mutex thresholdChange;   // the threshold is process-wide
    const std::lock_guard<std::mutex> lock(thresholdChange);
    mallopt(M_TRIM_THRESHOLD, 0);
    // Freeing a block of 64 KiB or more makes glibc consolidate and trim the
    // arena it came from, which is this thread's. Below the default mmap
    // threshold (128 KiB), so it does come from the arena; written to, so the
    // pair is not optimised away.
    constexpr std::size_t kProbeBytes = 96 * 1024;
    if (void* probe = std::malloc(kProbeBytes)) {
        std::memset(probe, 0, 64);
        std::free(probe);
    }
    mallopt(M_TRIM_THRESHOLD, keeping ? kKeptTrimThreshold : kDefaultTrimThreshold);
#endif
}

void releaseFreedMemory()
{
    releaseThisThreadsArenaTop();
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // namespace mammo::ai
