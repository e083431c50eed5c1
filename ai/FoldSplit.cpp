#include "FoldSplit.h"

#include "core/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>

namespace mammo::ai {

int FoldSplit::foldOf(const std::string& reference) const
{
    for (std::size_t k = 0; k < folds.size(); ++k)
        if (std::find(folds[k].begin(), folds[k].end(), reference) != folds[k].end())
            return int(k) + 1;
    return 0;
}

std::vector<std::string> FoldSplit::trainingImages(int fold) const
{
    std::vector<std::string> images;
    for (std::size_t k = 0; k < folds.size(); ++k)
        if (int(k) + 1 != fold)
            images.insert(images.end(), folds[k].begin(), folds[k].end());
    std::sort(images.begin(), images.end());
    return images;
}

const std::vector<std::string>& FoldSplit::testImages(int fold) const
{
    if (fold < 1 || fold > foldCount())
        throw core::Error("fold " + std::to_string(fold) + " does not exist (the split has " +
                          std::to_string(foldCount()) + " folds)");
    return folds[std::size_t(fold - 1)];
}

FoldSplit makeMiasSplit(const core::MiasCatalog& catalog, int folds, std::uint32_t seed)
{
    if (folds < 2)
        throw core::Error("a cross-validation needs at least 2 folds");
    std::map<int, std::vector<const core::MiasImage*>> patients;
    for (const auto& image : catalog.images())
        patients[image.patientNumber].push_back(&image);

    struct Patient {
        int number;
        int massImages;
        std::uint32_t tieBreak;
    };
    std::mt19937 random(seed);
    std::vector<Patient> order;
    for (const auto& [number, images] : patients) {
        const int masses = int(std::count_if(images.begin(), images.end(), [](auto* i) { return i->hasMass(); }));
        order.push_back({number, masses, std::uint32_t(random())});
    }
    std::sort(order.begin(), order.end(), [](const Patient& a, const Patient& b) {
        return a.massImages != b.massImages ? a.massImages > b.massImages : a.tieBreak < b.tieBreak;
    });

    FoldSplit split;
    split.seed = seed;
    split.folds.resize(std::size_t(folds));
    std::vector<int> massCount(std::size_t(folds), 0);
    for (const auto& patient : order) {
        std::size_t best = 0;
        for (std::size_t k = 1; k < std::size_t(folds); ++k) {
            const bool fewerMasses = massCount[k] < massCount[best];
            const bool sameMasses = massCount[k] == massCount[best];
            if ((patient.massImages > 0 && (fewerMasses || (sameMasses && split.folds[k].size() < split.folds[best].size()))) ||
                (patient.massImages == 0 && split.folds[k].size() < split.folds[best].size()))
                best = k;
        }
        for (const auto* image : patients[patient.number])
            split.folds[best].push_back(image->reference);
        massCount[best] += patient.massImages;
    }
    for (auto& fold : split.folds)
        std::sort(fold.begin(), fold.end());
    return split;
}

void writeFoldSplit(const FoldSplit& split, const core::MiasCatalog& catalog, const std::string& path)
{
    nlohmann::ordered_json json;
    json["dataset"] = split.dataset;
    json["rule"] = "patient level (left/right pairs together), mass images spread evenly";
    json["seed"] = split.seed;
    json["folds"] = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < split.folds.size(); ++k) {
        int masses = 0;
        for (const auto& reference : split.folds[k])
            if (const auto* image = catalog.find(reference); image && image->hasMass())
                ++masses;
        nlohmann::ordered_json fold;
        fold["fold"] = k + 1;
        fold["mass_images"] = masses;
        fold["images"] = split.folds[k];
        json["folds"].push_back(fold);
    }
    std::ofstream out(path);
    if (!out)
        throw core::Error("cannot write the split to " + path);
    out << json.dump(2) << "\n";
}

FoldSplit readFoldSplit(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw core::Error("cannot read the fold split " + path);
    try {
        const auto json = nlohmann::json::parse(in);
        FoldSplit split;
        split.dataset = json.at("dataset").get<std::string>();
        split.seed = json.at("seed").get<std::uint32_t>();
        for (const auto& fold : json.at("folds"))
            split.folds.push_back(fold.at("images").get<std::vector<std::string>>());
        return split;
    } catch (const nlohmann::json::exception& error) {
        throw core::Error("the fold split " + path + " is malformed: " + error.what());
    }
}

} // namespace mammo::ai
