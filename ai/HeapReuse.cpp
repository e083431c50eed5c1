#include "HeapReuse.h"

#include <cstdlib>
#include <mutex>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace mammo::ai {
namespace {

constexpr int kKeptTrimThreshold = 1 << 30;       // int-sized: 1 GiB above the peak before any trim
constexpr int kDefaultTrimThreshold = 128 * 1024;  // glibc's M_TRIM_THRESHOLD default
// The policy is process-wide: one thread at a time changes it.
std::mutex policyChange;
bool keeping = false;   // guarded by policyChange

} // namespace

void keepFreedMemoryForReuse()
{
#ifdef __GLIBC__
    const std::lock_guard<std::mutex> lock(policyChange);
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, kKeptTrimThreshold);
    keeping = true;
#endif
}

void releaseThisThreadsArenaTop()
{
#ifdef __GLIBC__
    const std::lock_guard<std::mutex> lock(policyChange);
    // For this one free any thread's free() may trim its arena (a few page
    // faults later for a thread that was reusing its memory).
    mallopt(M_TRIM_THRESHOLD, 0);
    // Freeing a block of 64 KiB or more makes glibc consolidate and trim the
    // arena it came from, which is this thread's. The empty asm makes the
    // pointer escape, so the pair is not optimised away.
    void* probe = std::malloc(96 * 1024);
#if defined(__GNUC__)
    asm volatile("" : : "r"(probe) : "memory");
#endif
    std::free(probe);
    // Reuse goes on where it was asked for. Elsewhere glibc's dynamic threshold
    // would let a top grow to twice the largest block freed before (54 MiB after
    // a 3328 x 4096 decode) without trimming it; its fixed default from now on
    // (any mallopt ends the dynamic adjustment) gives such tops back at each free.
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
