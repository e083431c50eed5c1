#pragma once
// What the fuzz target, the mutation harness and the regression replay run on
// each input: the header and image readers from memory, then the display chain.
#include <cstddef>
#include <cstdint>
#include <string>

namespace mammo::fuzz {

struct ExerciseOutcome {
    bool headerRead = false;
    bool imageLoaded = false;
    std::string headerError;   // core::Error messages, empty when none
    std::string imageError;
};

// Decoded images above this are refused in the fuzzer: a 64 KiB JPEG-LS or RLE input can
// otherwise decode to tens of MiB and the display chain over it slows every execution.
inline constexpr std::size_t kFuzzMaxDecodedBytes = std::size_t(8) << 20;

// Catches core::Error only: any other exception escapes, a crash stays a crash.
ExerciseOutcome exerciseDicomBytes(const std::uint8_t* data, std::size_t size,
                                   std::size_t maxDecodedBytes = kFuzzMaxDecodedBytes);

} // namespace mammo::fuzz
