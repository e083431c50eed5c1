#pragma once
// LibTorch allocates and frees the same large activation buffers at every
// forward (and backward) pass. glibc serves big blocks with fresh mmap pages
// and trims the heap's top after each free, and on this VM faulting those
// pages in again costs more than the arithmetic: COIN's cpu network took
// 56 ms per ROI to classify and 317 ms per ROI to train with the default
// allocator, 20-28 ms and 21 ms with the heap kept (results/bench-coin.txt).
// Process-wide: the command-line trainers, the benches and the app's AI worker
// call it. A long-lived process hands the memory back when a piece of work is
// done (releaseFreedMemory on the thread that did it).
namespace mammo::ai {

// Serve every allocation from the heap and do not give its top back to the
// system at each free: nothing is faulted in twice.
void keepFreedMemoryForReuse();

// Gives the top of the calling thread's malloc arena back to the system. glibc
// shrinks a thread arena's top only inside free(), and only above the trim
// threshold (which keepFreedMemoryForReuse raises to 1 GiB, and glibc's dynamic
// policy to twice the largest block freed); malloc_trim leaves it alone. So the
// threshold is lowered for one free on this thread, then set back: to 1 GiB
// when memory is kept for reuse, otherwise to glibc's fixed default (128 KiB).
void releaseThisThreadsArenaTop();

// releaseThisThreadsArenaTop, then the free pages of every arena (malloc_trim).
void releaseFreedMemory();

} // namespace mammo::ai
