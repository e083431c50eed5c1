#include "DicomMutator.h"

#include <algorithm>
#include <cstring>
#include <random>

namespace mammo::fuzz {
namespace {

std::uint16_t get16(const std::vector<std::uint8_t>& b, std::size_t at)
{
    return std::uint16_t(b[at] | (b[at + 1] << 8));
}

std::uint32_t get32(const std::vector<std::uint8_t>& b, std::size_t at)
{
    return std::uint32_t(get16(b, at)) | (std::uint32_t(get16(b, at + 2)) << 16);
}

void set16(std::vector<std::uint8_t>& b, std::size_t at, std::uint16_t v)
{
    b[at] = std::uint8_t(v & 0xFF);
    b[at + 1] = std::uint8_t(v >> 8);
}

void set32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v)
{
    set16(b, at, std::uint16_t(v & 0xFFFF));
    set16(b, at + 2, std::uint16_t(v >> 16));
}

bool longForm(const std::string& vr)
{
    for (const char* v : {"OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UT", "UN", "UC", "UR", "SV", "UV"})
        if (vr == v)
            return true;
    return false;
}

std::string hex(std::uint16_t v)
{
    char text[8];
    std::snprintf(text, sizeof text, "%04X", v);
    return text;
}

std::string tagName(const ElementSite& s)
{
    return "(" + hex(s.group) + "," + hex(s.element) + ")";
}

// Replaces a site's value with new bytes and fixes its length field.
std::vector<std::uint8_t> withValue(const std::vector<std::uint8_t>& file, const ElementSite& s,
                                    const std::vector<std::uint8_t>& value)
{
    std::vector<std::uint8_t> out(file.begin(), file.begin() + std::ptrdiff_t(s.valueOffset));
    out.insert(out.end(), value.begin(), value.end());
    const std::size_t end = std::min(file.size(), s.valueOffset + s.length);
    out.insert(out.end(), file.begin() + std::ptrdiff_t(end), file.end());
    if (s.lengthSize == 2)
        set16(out, s.lengthOffset, std::uint16_t(value.size()));
    else
        set32(out, s.lengthOffset, std::uint32_t(value.size()));
    return out;
}

std::vector<std::uint8_t> bytesOf(const std::string& text)
{
    std::vector<std::uint8_t> v(text.begin(), text.end());
    if (v.size() % 2)
        v.push_back(' ');
    return v;
}

} // namespace

std::vector<ElementSite> elementSites(const std::vector<std::uint8_t>& file)
{
    std::vector<ElementSite> sites;
    std::size_t pos = file.size() >= 132 && std::memcmp(file.data() + 128, "DICM", 4) == 0 ? 132 : 0;
    bool inPixelSequence = false;
    while (pos + 8 <= file.size() && sites.size() < 100000) {
        ElementSite s;
        s.offset = pos;
        s.group = get16(file, pos);
        s.element = get16(file, pos + 2);
        if (s.group == 0xFFFE) {
            s.lengthOffset = pos + 4;
            s.lengthSize = 4;
            s.length = get32(file, pos + 4);
            s.valueOffset = pos + 8;
            sites.push_back(s);
            if (s.element == 0xE0DD)
                inPixelSequence = false;
            // Fragments are skipped; items of sequences hold elements and are entered.
            pos += 8 + (inPixelSequence && s.element == 0xE000 && s.length != 0xFFFFFFFFu ? s.length : 0);
            continue;
        }
        const char a = char(file[pos + 4]);
        const char b = char(file[pos + 5]);
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z')
            break;
        s.vr = std::string{a, b};
        if (longForm(s.vr)) {
            if (pos + 12 > file.size())
                break;
            s.lengthOffset = pos + 8;
            s.lengthSize = 4;
            s.length = get32(file, pos + 8);
            s.valueOffset = pos + 12;
        } else {
            s.lengthOffset = pos + 6;
            s.lengthSize = 2;
            s.length = get16(file, pos + 6);
            s.valueOffset = pos + 8;
        }
        sites.push_back(s);
        if (s.length == 0xFFFFFFFFu) {
            inPixelSequence = s.group == 0x7FE0 && s.element == 0x0010;
            pos = s.valueOffset;
        } else if (s.vr == "SQ") {
            pos = s.valueOffset;
        } else {
            pos = s.valueOffset + s.length;
        }
    }
    return sites;
}

std::size_t forEachMutation(const std::vector<std::uint8_t>& seed, std::uint32_t seedNumber, std::size_t budget,
                            const std::function<bool(const std::string&, const std::vector<std::uint8_t>&)>& visit)
{
    const std::vector<ElementSite> sites = elementSites(seed);
    // Six kinds of mutation share the budget, so every kind runs on every seed.
    const std::size_t share = std::max<std::size_t>(1, budget / 6);
    std::size_t visited = 0;
    bool stopped = false;
    std::size_t inKind = 0;
    const auto emit = [&](const std::string& what, const std::vector<std::uint8_t>& mutant) {
        if (stopped || inKind >= share || visited >= budget)
            return false;
        ++inKind;
        ++visited;
        if (!visit(what, mutant))
            stopped = true;
        return !stopped;
    };
    const auto nextKind = [&] { inKind = 0; return !stopped; };

    // 1. Length fields.
    for (const ElementSite& s : sites) {
        const std::uint32_t remaining = std::uint32_t(seed.size() - s.valueOffset);
        for (std::uint32_t v : {0u, 1u, s.length + 1, s.length + 2, s.length - 1, s.length * 2, 0xFFFFu, remaining + 2,
                                0x7FFFFFFFu, 0xFFFFFFF0u, 0xFFFFFFFFu}) {
            std::vector<std::uint8_t> m = seed;
            if (s.lengthSize == 2)
                set16(m, s.lengthOffset, std::uint16_t(v));
            else
                set32(m, s.lengthOffset, v);
            if (!emit("length of " + tagName(s) + " = " + std::to_string(v), m))
                break;
        }
        if (inKind >= share || stopped)
            break;
    }
    if (!nextKind())
        return visited;

    // 2. Values of the attributes that size the pixel buffer or feed the display chain.
    const std::vector<std::uint16_t> shortValues{0, 1, 7, 8, 12, 15, 16, 17, 32, 64, 0x7FFF, 0x8000, 0xFFFF};
    const std::vector<std::string> numberTexts{"0", "-1", "1", "2147483648", "99999999999", "1e308", "-1e308", "NaN",
                                               "inf", "", ".", "1\\2\\3", "65536"};
    for (const ElementSite& s : sites) {
        if (s.vr == "US" && s.group == 0x0028 && s.length >= 2) {
            for (std::size_t at = 0; at + 2 <= s.length && at < 6; at += 2)
                for (std::uint16_t v : shortValues) {
                    std::vector<std::uint8_t> m = seed;
                    set16(m, s.valueOffset + at, v);
                    emit("value " + std::to_string(at / 2) + " of " + tagName(s) + " = " + std::to_string(v), m);
                }
        } else if ((s.vr == "IS" || s.vr == "DS") && s.group == 0x0028) {
            for (const std::string& text : numberTexts)
                emit(tagName(s) + " = \"" + text + "\"", withValue(seed, s, bytesOf(text)));
        } else if (s.group == 0x0028 && s.element == 0x0004) {
            for (const char* text : {"MONOCHROME1", "RGB", "PALETTE COLOR", "YBR_FULL_422", ""})
                emit("Photometric = " + std::string(text), withValue(seed, s, bytesOf(text)));
        } else if (s.group == 0x0002 && s.element == 0x0010) {
            for (const char* uid : {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2",
                                    "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.50",
                                    "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70",
                                    "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.90"}) {
                std::vector<std::uint8_t> value(uid, uid + std::strlen(uid));
                if (value.size() % 2)
                    value.push_back(0);
                emit("Transfer Syntax = " + std::string(uid), withValue(seed, s, value));
            }
        }
        if (inKind >= share || stopped)
            break;
    }
    if (!nextKind())
        return visited;

    // 3. Value representations.
    for (const ElementSite& s : sites) {
        if (s.vr.empty())
            continue;
        for (const char* vr : {"SQ", "UN", "OB", "US", "SS", "UL", "IS", "XX"}) {
            std::vector<std::uint8_t> m = seed;
            m[s.offset + 4] = std::uint8_t(vr[0]);
            m[s.offset + 5] = std::uint8_t(vr[1]);
            emit("VR of " + tagName(s) + " = " + vr, m);
        }
        if (inKind >= share || stopped)
            break;
    }
    if (!nextKind())
        return visited;

    // 4. Sequences: inserted, nested, unterminated; delimiters where none belong.
    const std::vector<std::uint8_t> openSequence{0x40, 0x00, 0x30, 0xA7, 'S', 'Q', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF,
                                                 0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF};
    const std::vector<std::uint8_t> itemEnd{0xFE, 0xFF, 0x0D, 0xE0, 0, 0, 0, 0};
    const std::vector<std::uint8_t> sequenceEnd{0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0};
    for (const ElementSite& s : sites) {
        const auto at = seed.begin() + std::ptrdiff_t(s.offset);
        for (int depth : {1, 3, 50}) {
            std::vector<std::uint8_t> m(seed.begin(), at);
            for (int i = 0; i < depth; ++i)
                m.insert(m.end(), openSequence.begin(), openSequence.end());
            m.insert(m.end(), at, seed.end());
            emit(std::to_string(depth) + " open sequence(s) before " + tagName(s), m);
        }
        for (const auto* marker : {&itemEnd, &sequenceEnd}) {
            std::vector<std::uint8_t> m(seed.begin(), at);
            m.insert(m.end(), marker->begin(), marker->end());
            m.insert(m.end(), at, seed.end());
            emit(std::string(marker == &itemEnd ? "item" : "sequence") + " delimiter before " + tagName(s), m);
        }
        if (inKind >= share || stopped)
            break;
    }
    if (!nextKind())
        return visited;

    // 5. Truncations: at every element header, inside it, and at fractions of the file.
    std::vector<std::size_t> cuts;
    for (const ElementSite& s : sites)
        for (std::size_t c : {s.offset, s.offset + 3, s.valueOffset, s.valueOffset + 1})
            cuts.push_back(c);
    for (int k = 1; k < 16; ++k)
        cuts.push_back(seed.size() * std::size_t(k) / 16);
    cuts.push_back(seed.size() - 1);
    for (std::size_t c : cuts) {
        if (c >= seed.size())
            continue;
        emit("truncated to " + std::to_string(c) + " bytes",
             std::vector<std::uint8_t>(seed.begin(), seed.begin() + std::ptrdiff_t(c)));
        if (inKind >= share || stopped)
            break;
    }
    if (!nextKind())
        return visited;

    // 6. Byte flips from a fixed-seed generator (std::mt19937's output is fixed by the standard).
    std::mt19937 random(0x6D616D6Du ^ seedNumber);
    while (!stopped && inKind < share && visited < budget && !seed.empty()) {
        std::vector<std::uint8_t> m = seed;
        const int flips = 1 + int(random() % 4);
        std::string what = "flipped";
        for (int i = 0; i < flips; ++i) {
            // Half the flips land in the first 1 KiB, where the attributes are.
            const std::size_t span = (random() % 2) ? std::min<std::size_t>(seed.size(), 1024) : seed.size();
            const std::size_t at = random() % span;
            const std::uint32_t kind = random() % 3;
            m[at] = kind == 0 ? std::uint8_t(m[at] ^ (1u << (random() % 8))) : (kind == 1 ? 0x00 : 0xFF);
            what += " " + std::to_string(at);
        }
        emit(what, m);
    }
    return visited;
}

} // namespace mammo::fuzz
