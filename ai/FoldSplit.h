#pragma once
// Patient-level k-fold split of mini-MIAS: the two breasts of a woman are
// always in the same fold, and the mass images are spread evenly.
#include "core/MiasCatalog.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mammo::ai {

struct FoldSplit {
    std::string dataset = "mini-MIAS";
    std::uint32_t seed = 0;
    std::vector<std::vector<std::string>> folds;   // image references per fold (fold 1 first)

    int foldCount() const { return int(folds.size()); }
    // 1-based fold of an image; 0 when it is in none.
    int foldOf(const std::string& reference) const;
    // Images outside fold k (1-based) / inside it.
    std::vector<std::string> trainingImages(int fold) const;
    const std::vector<std::string>& testImages(int fold) const;
};

// Greedy and deterministic: patients with mass images first, each to the fold
// with the fewest mass images so far, then the rest to the smallest fold;
// ties broken by a seeded shuffle.
FoldSplit makeMiasSplit(const core::MiasCatalog& catalog, int folds, std::uint32_t seed);

void writeFoldSplit(const FoldSplit& split, const core::MiasCatalog& catalog, const std::string& path);
// Throws core::Error when the file is missing or malformed.
FoldSplit readFoldSplit(const std::string& path);

} // namespace mammo::ai
