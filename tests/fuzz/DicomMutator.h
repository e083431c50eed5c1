#pragma once
// Deterministic, structure-aware mutations of a DICOM file: length fields,
// values of the attributes that size the pixel buffer, VRs, inserted and
// broken sequences, truncations and byte flips. The same seed always gives
// the same mutants in the same order.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mammo::fuzz {

// One element header found in an explicit VR little endian file.
struct ElementSite {
    std::size_t offset = 0;         // of the tag
    std::size_t lengthOffset = 0;   // of the length field
    std::size_t lengthSize = 0;     // 2 or 4
    std::size_t valueOffset = 0;
    std::uint32_t length = 0;
    std::uint16_t group = 0;
    std::uint16_t element = 0;
    std::string vr;                 // empty for items and delimiters
};

// Element headers in file order, items included; stops where the bytes stop
// looking like explicit VR little endian.
std::vector<ElementSite> elementSites(const std::vector<std::uint8_t>& file);

// Calls visit(description, mutant) for up to `budget` mutants; visit returns
// false to stop early. Returns how many were visited.
std::size_t forEachMutation(const std::vector<std::uint8_t>& seed, std::uint32_t seedNumber, std::size_t budget,
                            const std::function<bool(const std::string&, const std::vector<std::uint8_t>&)>& visit);

} // namespace mammo::fuzz
