#pragma once
// Writes DICOM bytes by hand (explicit VR little endian data sets), so tests can
// make what no toolkit writes: wrong length fields, impossible values, deep
// nesting, truncation.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mammo::fuzz {

class RawDicom {
public:
    // A Part 10 file: preamble, "DICM" and a meta header naming the transfer syntax.
    explicit RawDicom(const std::string& transferSyntaxUid = "1.2.840.10008.1.2.1");

    RawDicom& text(std::uint16_t group, std::uint16_t element, const char* vr, std::string value);
    RawDicom& us(std::uint16_t group, std::uint16_t element, std::uint16_t value);
    RawDicom& usArray(std::uint16_t group, std::uint16_t element, const std::vector<std::uint16_t>& values);
    // Any value with any VR; `lengthField` overrides the length written.
    RawDicom& raw(std::uint16_t group, std::uint16_t element, const char* vr, const std::vector<std::uint8_t>& value,
                  std::optional<std::uint32_t> lengthField = std::nullopt);
    // Undefined-length sequences and items (their delimiters written by the end calls).
    RawDicom& beginSequence(std::uint16_t group, std::uint16_t element);
    RawDicom& beginItem();
    RawDicom& endItem();
    RawDicom& endSequence();
    // Encapsulated Pixel Data: an empty offset table, then the fragments.
    RawDicom& encapsulatedPixelData(const std::vector<std::vector<std::uint8_t>>& fragments);

    // The data set bytes so far (without preamble and meta header).
    const std::vector<std::uint8_t>& dataSet() const { return m_data; }
    // The whole file; with `deflate`, the data set is deflated (raw, as Part 5 A.5 says).
    std::vector<std::uint8_t> file(bool deflate = false) const;

    // The usual attributes of a small MG image with the given fields (pixel data not included);
    // Bits Stored / High Bit follow Bits Allocated unless given (-1).
    static RawDicom mammogram(std::uint16_t rows, std::uint16_t columns, std::uint16_t bitsAllocated,
                              const std::string& transferSyntaxUid = "1.2.840.10008.1.2.1", int bitsStored = -1,
                              int highBit = -1, std::uint16_t samplesPerPixel = 1);

private:
    void header(std::uint16_t group, std::uint16_t element, const char* vr, std::uint32_t length);
    std::string m_transferSyntax;
    std::vector<std::uint8_t> m_data;
};

// A patient name no message or log may contain (the hostile files carry it).
inline constexpr const char* kSecretPatientName = "Sentinel^Privata";
inline constexpr const char* kSecretPatientId = "PID-93847561";

} // namespace mammo::fuzz
