#pragma once
// LibTorch allocates and frees the same large activation buffers at every
// forward (and backward) pass. glibc serves big blocks with fresh mmap pages
// and trims the heap's top after each free, and on this VM faulting those
// pages in again costs more than the arithmetic: COIN's cpu network took
// 56 ms per ROI to classify and 317 ms per ROI to train with the default
// allocator, 20-28 ms and 21 ms with the heap kept (results/bench-coin.txt).
// Process-wide: the command-line trainers, the benches and the app's AI worker
// call it (the worker hands memory back with malloc_trim after each analysis;
// bench_open_study measured no growth of the app's resident memory).
namespace mammo::ai {

// Serve every allocation from the heap and do not give its top back to the
// system at each free: nothing is faulted in twice.
void keepFreedMemoryForReuse();

} // namespace mammo::ai
