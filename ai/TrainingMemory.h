#pragma once
// Training allocates and frees the same large activation buffers every
// iteration. glibc serves blocks over 32 MiB with fresh mmap pages, and on
// this VM faulting those pages in costs more than the arithmetic: COIN's
// training step ran 4 to 11 x slower per ROI at batch 16 than with the heap
// reused (measured with MALLOC_MMAP_MAX_=0, results/bench-coin.txt).
// Process-wide, so the command-line trainers and benches call it, not the
// library; the app does not (it wants freed memory back).
namespace mammo::ai {

// Serve every allocation from the heap and never give its top back to the
// system: the peak stays resident, and nothing is faulted in twice.
void keepFreedMemoryForReuse();

} // namespace mammo::ai
