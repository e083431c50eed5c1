// libFuzzer target: any bytes, read as a DICOM file from memory and shown
// through the display chain. core::Error is the expected answer to bad input;
// anything else (another exception, a crash, a sanitizer report) is a finding.
#include "FuzzExercise.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    mammo::fuzz::exerciseDicomBytes(data, size);
    return 0;
}
