#pragma once
// Hand-made hostile DICOM files: each one attacks a size, a length or the
// parser's recursion. Built in code so what each holds is readable here.
#include <cstdint>
#include <string>
#include <vector>

namespace mammo::fuzz {

struct HostileCase {
    std::string name;                  // also the file name when written out
    std::vector<std::uint8_t> bytes;
    std::string expectedError;         // a fragment of the core::Error; empty: an image must load
};

std::vector<HostileCase> hostileCases();

} // namespace mammo::fuzz
