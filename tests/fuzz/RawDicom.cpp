#include "RawDicom.h"

#include <zlib.h>

#include <cstring>
#include <stdexcept>

namespace mammo::fuzz {
namespace {

void put16(std::vector<std::uint8_t>& out, std::uint16_t v)
{
    out.push_back(std::uint8_t(v & 0xFF));
    out.push_back(std::uint8_t(v >> 8));
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v)
{
    put16(out, std::uint16_t(v & 0xFFFF));
    put16(out, std::uint16_t(v >> 16));
}

bool hasLongLength(const char* vr)
{
    for (const char* v : {"OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UT", "UN", "UC", "UR", "SV", "UV"})
        if (std::strncmp(vr, v, 2) == 0)
            return true;
    return false;
}

std::vector<std::uint8_t> deflateRaw(const std::vector<std::uint8_t>& input)
{
    z_stream zs{};
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::vector<std::uint8_t> out(deflateBound(&zs, uLong(input.size())) + 16);
    zs.next_in = const_cast<Bytef*>(input.data());
    zs.avail_in = uInt(input.size());
    zs.next_out = out.data();
    zs.avail_out = uInt(out.size());
    const int result = deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    if (result != Z_STREAM_END)
        throw std::runtime_error("deflate failed");
    out.resize(zs.total_out);
    return out;
}

} // namespace

RawDicom::RawDicom(const std::string& transferSyntaxUid) : m_transferSyntax(transferSyntaxUid) {}

void RawDicom::header(std::uint16_t group, std::uint16_t element, const char* vr, std::uint32_t length)
{
    put16(m_data, group);
    put16(m_data, element);
    m_data.push_back(std::uint8_t(vr[0]));
    m_data.push_back(std::uint8_t(vr[1]));
    if (hasLongLength(vr)) {
        put16(m_data, 0);
        put32(m_data, length);
    } else {
        put16(m_data, std::uint16_t(length));
    }
}

RawDicom& RawDicom::raw(std::uint16_t group, std::uint16_t element, const char* vr,
                        const std::vector<std::uint8_t>& value, std::optional<std::uint32_t> lengthField)
{
    header(group, element, vr, lengthField.value_or(std::uint32_t(value.size())));
    m_data.insert(m_data.end(), value.begin(), value.end());
    return *this;
}

RawDicom& RawDicom::text(std::uint16_t group, std::uint16_t element, const char* vr, std::string value)
{
    if (value.size() % 2)
        value += std::strncmp(vr, "UI", 2) == 0 ? '\0' : ' ';
    return raw(group, element, vr, std::vector<std::uint8_t>(value.begin(), value.end()));
}

RawDicom& RawDicom::us(std::uint16_t group, std::uint16_t element, std::uint16_t value)
{
    return usArray(group, element, {value});
}

RawDicom& RawDicom::usArray(std::uint16_t group, std::uint16_t element, const std::vector<std::uint16_t>& values)
{
    std::vector<std::uint8_t> bytes;
    for (std::uint16_t v : values)
        put16(bytes, v);
    return raw(group, element, "US", bytes);
}

RawDicom& RawDicom::beginSequence(std::uint16_t group, std::uint16_t element)
{
    header(group, element, "SQ", 0xFFFFFFFFu);
    return *this;
}

RawDicom& RawDicom::beginItem()
{
    put16(m_data, 0xFFFE);
    put16(m_data, 0xE000);
    put32(m_data, 0xFFFFFFFFu);
    return *this;
}

RawDicom& RawDicom::endItem()
{
    put16(m_data, 0xFFFE);
    put16(m_data, 0xE00D);
    put32(m_data, 0);
    return *this;
}

RawDicom& RawDicom::endSequence()
{
    put16(m_data, 0xFFFE);
    put16(m_data, 0xE0DD);
    put32(m_data, 0);
    return *this;
}

RawDicom& RawDicom::encapsulatedPixelData(const std::vector<std::vector<std::uint8_t>>& fragments)
{
    header(0x7FE0, 0x0010, "OB", 0xFFFFFFFFu);
    put16(m_data, 0xFFFE);
    put16(m_data, 0xE000);
    put32(m_data, 0);   // empty Basic Offset Table
    for (const auto& fragment : fragments) {
        put16(m_data, 0xFFFE);
        put16(m_data, 0xE000);
        put32(m_data, std::uint32_t(fragment.size()));
        m_data.insert(m_data.end(), fragment.begin(), fragment.end());
    }
    return endSequence();
}

std::vector<std::uint8_t> RawDicom::file(bool deflate) const
{
    RawDicom meta;
    meta.raw(0x0002, 0x0001, "OB", {0x00, 0x01});
    meta.text(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.1.2");
    meta.text(0x0002, 0x0003, "UI", "1.2.826.0.1.3680043.10.1234.99.1");
    meta.text(0x0002, 0x0010, "UI", m_transferSyntax);
    std::vector<std::uint8_t> out(128, 0);
    for (char c : {'D', 'I', 'C', 'M'})   // push_back: GCC 12 warns wrongly about insert here
        out.push_back(std::uint8_t(c));
    RawDicom length;
    length.raw(0x0002, 0x0000, "UL", {0, 0, 0, 0});
    std::vector<std::uint8_t> groupLength = length.m_data;
    const std::uint32_t metaSize = std::uint32_t(meta.m_data.size());
    std::memcpy(groupLength.data() + 8, &metaSize, 4);   // little-endian hosts only, as the tests run
    out.insert(out.end(), groupLength.begin(), groupLength.end());
    out.insert(out.end(), meta.m_data.begin(), meta.m_data.end());
    const std::vector<std::uint8_t> body = deflate ? deflateRaw(m_data) : m_data;
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

RawDicom RawDicom::mammogram(std::uint16_t rows, std::uint16_t columns, std::uint16_t bitsAllocated,
                             const std::string& transferSyntaxUid, int bitsStored, int highBit,
                             std::uint16_t samplesPerPixel)
{
    RawDicom d(transferSyntaxUid);
    d.text(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.1.2");
    d.text(0x0008, 0x0018, "UI", "1.2.826.0.1.3680043.10.1234.99.1");
    d.text(0x0008, 0x0060, "CS", "MG");
    d.text(0x0010, 0x0010, "PN", kSecretPatientName);
    d.text(0x0010, 0x0020, "LO", kSecretPatientId);
    d.text(0x0020, 0x000D, "UI", "1.2.826.0.1.3680043.10.1234.99");
    d.text(0x0020, 0x000E, "UI", "1.2.826.0.1.3680043.10.1234.99.2");
    d.us(0x0028, 0x0002, samplesPerPixel);
    d.text(0x0028, 0x0004, "CS", "MONOCHROME2");
    d.us(0x0028, 0x0010, rows);
    d.us(0x0028, 0x0011, columns);
    d.us(0x0028, 0x0100, bitsAllocated);
    const int stored = bitsStored >= 0 ? bitsStored : (bitsAllocated >= 1 && bitsAllocated <= 16 ? bitsAllocated : 8);
    d.us(0x0028, 0x0101, std::uint16_t(stored));
    d.us(0x0028, 0x0102, std::uint16_t(highBit >= 0 ? highBit : stored - 1));
    d.us(0x0028, 0x0103, 0);
    return d;
}

} // namespace mammo::fuzz
