#include "HangingProtocol.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace mammo::core {
namespace {

struct PairRow {
    std::optional<std::size_t> right;
    std::optional<std::size_t> left;
};

// CC first, MLO second, then the remaining views in a fixed order.
int viewRank(ViewPosition view)
{
    switch (view) {
    case ViewPosition::CC: return 0;
    case ViewPosition::MLO: return 1;
    case ViewPosition::ML: return 2;
    case ViewPosition::LM: return 3;
    case ViewPosition::XCCL: return 4;
    case ViewPosition::XCCM: return 5;
    case ViewPosition::Unknown: return 100;
    default: return 10 + int(view);
    }
}

int rowRank(const std::vector<ImageAttributes>& images, const PairRow& row)
{
    const std::optional<std::size_t> any = row.right ? row.right : row.left;
    return any ? viewRank(images[*any].view) : 1000;
}

std::vector<PairRow> pairRows(const std::vector<ImageAttributes>& images)
{
    std::map<int, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> byView;   // rank -> (R, L)
    std::vector<std::size_t> unpaired;
    for (std::size_t i = 0; i < images.size(); ++i) {
        const ImageAttributes& a = images[i];
        auto& slot = byView[viewRank(a.view)];
        if (a.laterality == Laterality::Right)
            slot.first.push_back(i);
        else if (a.laterality == Laterality::Left)
            slot.second.push_back(i);
        else
            unpaired.push_back(i);
    }
    std::vector<PairRow> rows;
    for (auto& [rank, sides] : byView) {
        auto& [rights, lefts] = sides;
        for (std::size_t k = 0; k < std::max(rights.size(), lefts.size()); ++k) {
            PairRow row;
            if (k < rights.size()) row.right = rights[k];
            if (k < lefts.size()) row.left = lefts[k];
            rows.push_back(row);
        }
    }
    for (std::size_t i : unpaired)
        rows.push_back({i, std::nullopt});
    return rows;
}

char findLetter(const std::string& value, const char* letters)
{
    for (char c : value)
        if (std::strchr(letters, c))
            return c;
    return 0;
}

} // namespace

std::vector<HangingPage> hang(const std::vector<ImageAttributes>& images, HangingLayout layout)
{
    const std::vector<PairRow> rows = pairRows(images);
    std::vector<HangingPage> pages;
    switch (layout) {
    case HangingLayout::Quad:
        for (std::size_t r = 0; r < rows.size(); r += 2) {
            HangingPage page{2, 2, {}};
            for (int k = 0; k < 2; ++k) {
                const PairRow row = r + k < rows.size() ? rows[r + k] : PairRow{};
                page.cells.push_back({k, 0, row.right});
                page.cells.push_back({k, 1, row.left});
            }
            pages.push_back(page);
        }
        break;
    case HangingLayout::SideBySide:
        for (const PairRow& row : rows)
            pages.push_back({1, 2, {{0, 0, row.right}, {0, 1, row.left}}});
        break;
    case HangingLayout::Single:
        for (const PairRow& row : rows)
            for (const auto& image : {row.right, row.left})
                if (image)
                    pages.push_back({1, 1, {{0, 0, image}}});
        break;
    }
    if (pages.empty()) {
        const int r = layout == HangingLayout::Quad ? 2 : 1;
        const int c = layout == HangingLayout::Single ? 1 : 2;
        HangingPage empty{r, c, {}};
        for (int i = 0; i < r * c; ++i)
            empty.cells.push_back({i / c, i % c, std::nullopt});
        pages.push_back(empty);
    }
    return pages;
}

std::vector<HangingPage> hangComparison(const std::vector<ImageAttributes>& current,
                                        const std::vector<ImageAttributes>& prior)
{
    // (rank, k-th row of that rank) -> the current and prior rows, in rank order.
    std::map<std::pair<int, int>, std::pair<PairRow, PairRow>> byView;
    auto collect = [&byView](const std::vector<ImageAttributes>& images, std::size_t offset, bool isPrior) {
        std::map<int, int> seen;
        for (PairRow row : pairRows(images)) {
            const int rank = rowRank(images, row);
            if (row.right) *row.right += offset;
            if (row.left) *row.left += offset;
            auto& slot = byView[{rank, seen[rank]++}];
            (isPrior ? slot.second : slot.first) = row;
        }
    };
    collect(current, 0, false);
    collect(prior, current.size(), true);
    std::vector<HangingPage> pages;
    for (const auto& [key, rows] : byView) {
        const auto& [now, before] = rows;
        pages.push_back({2, 2, {{0, 0, now.right}, {0, 1, now.left}, {1, 0, before.right}, {1, 1, before.left}}});
    }
    if (pages.empty())
        pages.push_back({2, 2, {{0, 0, {}}, {0, 1, {}}, {1, 0, {}}, {1, 1, {}}}});
    return pages;
}

HangingLayout defaultLayout(const std::vector<ImageAttributes>& images)
{
    const std::vector<PairRow> rows = pairRows(images);
    if (rows.size() >= 2)
        return HangingLayout::Quad;
    if (rows.size() == 1 && rows.front().right && rows.front().left)
        return HangingLayout::SideBySide;
    return HangingLayout::Single;
}

std::optional<ChestWallSide> chestWallSideFromOrientation(const ImageAttributes& attributes)
{
    if (attributes.patientOrientation.empty())
        return std::nullopt;
    // Columns increasing toward Posterior put the chest wall at the right edge.
    switch (findLetter(attributes.patientOrientation[0], "AP")) {
    case 'P': return ChestWallSide::Right;
    case 'A': return ChestWallSide::Left;
    default: return std::nullopt;
    }
}

ChestWallSide detectChestWallSide(const Image& image)
{
    const int rows = image.rows();
    const int columns = image.columns();
    const int band = std::max(1, columns / 20);
    const std::uint16_t* pixels = image.frame(0);
    const bool inverted = image.attributes().photometric == Photometric::Monochrome1;
    double left = 0.0, right = 0.0;
    for (int r = 0; r < rows; ++r) {
        const std::uint16_t* line = pixels + std::size_t(r) * std::size_t(columns);
        for (int c = 0; c < band; ++c) {
            left += image.storedValue(line[c]);
            right += image.storedValue(line[columns - 1 - c]);
        }
    }
    const bool leftBrighter = left > right;
    return (leftBrighter != inverted) ? ChestWallSide::Left : ChestWallSide::Right;
}

DisplayFlip displayFlip(const ImageAttributes& attributes, std::optional<ChestWallSide> detected)
{
    DisplayFlip flip;
    const Laterality side = attributes.laterality;
    if (side != Laterality::Right && side != Laterality::Left)
        return flip;
    const std::optional<ChestWallSide> stored = chestWallSideFromOrientation(attributes).has_value()
                                                    ? chestWallSideFromOrientation(attributes)
                                                    : detected;
    const ChestWallSide wanted = side == Laterality::Right ? ChestWallSide::Right : ChestWallSide::Left;
    if (stored)
        flip.horizontal = *stored != wanted;

    if (attributes.patientOrientation.size() >= 2) {
        const std::string& down = attributes.patientOrientation[1];
        const bool craniocaudal = attributes.view == ViewPosition::CC || attributes.view == ViewPosition::XCCL ||
                                  attributes.view == ViewPosition::XCCM || attributes.view == ViewPosition::FB;
        if (craniocaudal) {
            // Lateral side up: downward points to the patient's other side (RCC: L, LCC: R).
            const char letter = findLetter(down, "LR");
            const char medial = side == Laterality::Right ? 'L' : 'R';
            flip.vertical = letter != 0 && letter != medial;
        } else {
            flip.vertical = findLetter(down, "HF") == 'H';
        }
    }
    return flip;
}

} // namespace mammo::core
