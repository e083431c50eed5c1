#pragma once
// Seed inputs for the fuzzer and the mutation harness: the demo study, files
// written by tests/support (and re-encoded by our writer in every compressed
// syntax), the hostile cases and the fuzzer's reproducers.
#include <cstdint>
#include <string>
#include <vector>

namespace mammo::fuzz {

struct Seed {
    std::string name;
    std::vector<std::uint8_t> bytes;
};

std::vector<std::uint8_t> readBytes(const std::string& path);
// Regular files in a folder, sorted by name (none when it does not exist).
std::vector<Seed> seedsInFolder(const std::string& folder, const std::string& extension = {});
// Small images from tests/support and DicomImageWriter; `scratch` is a folder for their files.
std::vector<Seed> generatedSeeds(const std::string& scratch);
// generatedSeeds + hostile cases + demo study + regressions, small ones first.
std::vector<Seed> allSeeds(const std::string& sourceDir, const std::string& scratch);

} // namespace mammo::fuzz
