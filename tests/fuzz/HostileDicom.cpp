#include "HostileDicom.h"

#include "RawDicom.h"

namespace mammo::fuzz {
namespace {

std::vector<std::uint8_t> pixels(std::size_t bytes)
{
    std::vector<std::uint8_t> p(bytes);
    for (std::size_t i = 0; i < bytes; ++i)
        p[i] = std::uint8_t(i * 7);
    return p;
}

std::vector<std::uint8_t> nested(int depth, bool deflate)
{
    RawDicom d = RawDicom::mammogram(2, 2, 16, deflate ? "1.2.840.10008.1.2.1.99" : "1.2.840.10008.1.2.1");
    for (int i = 0; i < depth; ++i)
        d.beginSequence(0x0040, 0xA730).beginItem();
    return d.file(deflate);
}

} // namespace

std::vector<HostileCase> hostileCases()
{
    std::vector<HostileCase> cases;
    {
        RawDicom d = RawDicom::mammogram(4, 4, 16);
        d.raw(0x7FE0, 0x0010, "OW", pixels(32));
        cases.push_back({"valid-4x4", d.file(), ""});
    }
    {
        // Deflated data sets are inflated by our stream (with a cap), then parsed as usual.
        RawDicom d = RawDicom::mammogram(4, 4, 16, "1.2.840.10008.1.2.1.99");
        d.raw(0x7FE0, 0x0010, "OW", pixels(32));
        cases.push_back({"valid-4x4-deflated", d.file(true), ""});
    }
    {
        RawDicom d = RawDicom::mammogram(65535, 65535, 16);
        d.raw(0x7FE0, 0x0010, "OW", pixels(16));
        cases.push_back({"huge-rows-columns-short-pixel-data", d.file(), "above the limit"});
    }
    {
        RawDicom d = RawDicom::mammogram(4000, 4000, 16);
        d.raw(0x7FE0, 0x0010, "OW", pixels(16));
        cases.push_back({"rows-columns-need-more-than-pixel-data", d.file(), "but Pixel Data holds 16"});
    }
    {
        RawDicom d = RawDicom::mammogram(1, 1, 16);
        d.text(0x0028, 0x0008, "IS", "2147483648");
        d.raw(0x7FE0, 0x0010, "OW", pixels(2));
        cases.push_back({"number-of-frames-2-pow-31", d.file(), "Number of Frames"});
    }
    {
        RawDicom d = RawDicom::mammogram(1, 1, 16);
        d.text(0x0028, 0x0008, "IS", "2147483647");
        d.raw(0x7FE0, 0x0010, "OW", pixels(2));
        cases.push_back({"number-of-frames-2-pow-31-minus-1", d.file(), "above the limit"});
    }
    {
        RawDicom d = RawDicom::mammogram(2, 2, 16);
        d.text(0x0028, 0x0008, "IS", "-3");
        d.raw(0x7FE0, 0x0010, "OW", pixels(8));
        cases.push_back({"number-of-frames-negative", d.file(), "Number of Frames"});
    }
    {
        RawDicom d = RawDicom::mammogram(2, 2, 0);
        d.raw(0x7FE0, 0x0010, "OW", pixels(8));
        cases.push_back({"bits-allocated-0", d.file(), "Bits Allocated 0"});
    }
    {
        RawDicom d = RawDicom::mammogram(2, 2, 64);
        d.raw(0x7FE0, 0x0010, "OW", pixels(32));
        cases.push_back({"bits-allocated-64", d.file(), "Bits Allocated 64"});
    }
    {
        RawDicom d = RawDicom::mammogram(2, 2, 16, "1.2.840.10008.1.2.1", 12, 16);
        d.raw(0x7FE0, 0x0010, "OW", pixels(8));
        cases.push_back({"high-bit-outside-bits-stored", d.file(), "High Bit"});
    }
    {
        // Descriptor entries 0 means 65536 entries; the data hold two.
        RawDicom d = RawDicom::mammogram(2, 2, 16);
        d.beginSequence(0x0028, 0x3010).beginItem();
        d.usArray(0x0028, 0x3002, {0, 0, 16});
        d.usArray(0x0028, 0x3006, {1, 2});
        d.endItem().endSequence();
        d.raw(0x7FE0, 0x0010, "OW", pixels(8));
        cases.push_back({"voi-lut-zero-entries", d.file(), "65536 entries"});
    }
    {
        RawDicom d = RawDicom::mammogram(2, 2, 16);
        d.beginSequence(0x0028, 0x3000).beginItem();
        d.usArray(0x0028, 0x3002, {4, 0, 0});
        d.usArray(0x0028, 0x3006, {1, 2, 3, 4});
        d.endItem().endSequence();
        d.raw(0x7FE0, 0x0010, "OW", pixels(8));
        cases.push_back({"modality-lut-zero-bits", d.file(), "bits per entry"});
    }
    {
        RawDicom d = RawDicom::mammogram(2, 2, 16);
        d.text(0x0028, 0x1050, "DS", "NaN").text(0x0028, 0x1051, "DS", "0");
        d.raw(0x7FE0, 0x0010, "OW", pixels(8));
        cases.push_back({"window-nan-center-zero-width", d.file(), ""});   // windows ignored, image shown
    }
    {
        RawDicom d = RawDicom::mammogram(2, 2, 16);
        d.text(0x0028, 0x1052, "DS", "0").text(0x0028, 0x1053, "DS", "1e308");
        d.raw(0x7FE0, 0x0010, "OW", pixels(8));
        cases.push_back({"rescale-slope-overflows", d.file(), "Rescale"});
    }
    {
        // Ends inside an item of an undefined-length sequence.
        RawDicom d = RawDicom::mammogram(2, 2, 16);
        d.beginSequence(0x0054, 0x0220).beginItem().text(0x0008, 0x0100, "SH", "399162004");
        std::vector<std::uint8_t> bytes = d.file();
        bytes.resize(bytes.size() - 5);
        cases.push_back({"truncated-in-sequence", bytes, "Cannot read"});
    }
    cases.push_back({"nested-sequences-100000", nested(100000, false), "nested too deeply"});
    cases.push_back({"nested-sequences-100000-deflated", nested(100000, true), "nested too deeply"});
    {
        // 32 nesting levels are fine (real structured reports nest about 10).
        RawDicom d = RawDicom::mammogram(2, 2, 16);
        for (int i = 0; i < 32; ++i)
            d.beginSequence(0x0040, 0xA730).beginItem();
        for (int i = 0; i < 32; ++i)
            d.endItem().endSequence();
        d.raw(0x7FE0, 0x0010, "OW", pixels(8));
        cases.push_back({"nested-sequences-32", d.file(), ""});
    }
    {
        // A length field of almost 4 GiB in a file of a few hundred bytes.
        RawDicom d = RawDicom::mammogram(2, 2, 16);
        d.raw(0x7FE0, 0x0010, "OW", pixels(8), 0xFFFFFFF0u);
        cases.push_back({"pixel-data-length-4-gib", d.file(), "truncated"});
    }
    {
        RawDicom d = RawDicom::mammogram(2, 2, 16);
        d.raw(0x0010, 0x4000, "LT", {'x', 'x'}, 0xFFFEu);
        d.raw(0x7FE0, 0x0010, "OW", pixels(8));
        cases.push_back({"short-element-length-past-end", d.file(), "Cannot read"});
    }
    {
        // RLE: one fragment for ten frames.
        RawDicom d = RawDicom::mammogram(2, 2, 8, "1.2.840.10008.1.2.5");
        d.text(0x0028, 0x0008, "IS", "10");
        d.encapsulatedPixelData({std::vector<std::uint8_t>(64, 0)});
        cases.push_back({"rle-fewer-fragments-than-frames", d.file(), "fragment"});
    }
    {
        // JPEG baseline claiming 60000 x 60000: the size check comes before the decoder.
        RawDicom d = RawDicom::mammogram(60000, 60000, 8, "1.2.840.10008.1.2.4.50");
        d.encapsulatedPixelData({{0xFF, 0xD8, 0xFF, 0xD9}});
        cases.push_back({"jpeg-huge-declared-size", d.file(), "above the limit"});
    }
    {
        RawDicom d = RawDicom::mammogram(8, 8, 8, "1.2.840.10008.1.2.4.50");
        d.encapsulatedPixelData({{0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x10, 0xFF, 0xD9}});
        cases.push_back({"jpeg-corrupt-stream", d.file(), "cannot decode"});
    }
    {
        // DCMTK 3.6.7 loops forever on a TEM marker before the frame header (its bug #1190).
        RawDicom d = RawDicom::mammogram(8, 8, 8, "1.2.840.10008.1.2.4.50");
        d.encapsulatedPixelData({{0xFF, 0xD8, 0xFF, 0x01, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xD9}});
        cases.push_back({"jpeg-tem-marker-before-frame-header", d.file(), "TEM marker"});
    }
    {
        RawDicom d = RawDicom::mammogram(2, 2, 16, "1.2.840.10008.1.2.1", -1, -1, 3);
        d.raw(0x7FE0, 0x0010, "OW", pixels(24));
        cases.push_back({"samples-per-pixel-3", d.file(), "Samples per Pixel"});
    }
    return cases;
}

} // namespace mammo::fuzz
