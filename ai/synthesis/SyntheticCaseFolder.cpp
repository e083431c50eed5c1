#include "SyntheticCaseFolder.h"

#include "core/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mammo::ai::synthesis {
namespace fs = std::filesystem;
namespace {

constexpr int kFirstNumber = 1001;   // above every real mini-MIAS reference (mdb001-mdb322)

// The whole file, or nullopt when there is none.
std::optional<std::string> readIfPresent(const fs::path& path)
{
    std::error_code error;
    if (!fs::exists(path, error))
        return std::nullopt;
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    if (!file || !(text << file.rdbuf()))
        throw core::Error("Cannot read \"" + path.string() + "\".");
    return text.str();
}

// Writes "<path>.part" and renames it into place later (commitPart), so a reader never sees half a file.
void writePart(const fs::path& path, const std::string& bytes)
{
    const fs::path part = path.string() + ".part";
    std::ofstream file(part, std::ios::binary | std::ios::trunc);
    if (!file || !file.write(bytes.data(), std::streamsize(bytes.size())) || !file.flush()) {
        std::error_code ignored;
        fs::remove(part, ignored);
        throw core::Error("Cannot write \"" + path.string() + "\".");
    }
}

void commitPart(const fs::path& path)
{
    std::error_code error;
    fs::rename(path.string() + ".part", path, error);
    if (error) {
        fs::remove(path.string() + ".part", error);
        throw core::Error("Cannot write \"" + path.string() + "\": " + error.message() + ".");
    }
}

// The number in "mdbNNNN..." at the start of text, or -1.
int referenceNumber(const std::string& text)
{
    if (text.size() < 4 || text.compare(0, 3, "mdb") != 0)
        return -1;
    std::size_t end = 3;
    while (end < text.size() && end < 9 && std::isdigit(static_cast<unsigned char>(text[end])))
        ++end;
    return end == 3 ? -1 : std::stoi(text.substr(3, end - 3));
}

int pairAfter(int number)
{
    return number >= kFirstNumber ? (number - kFirstNumber) / 2 + 1 : 0;
}

// Whole numbers are written without a fraction, as Qt's JSON writer does (cases.json of synth).
nlohmann::json jsonNumber(double value)
{
    if (std::isfinite(value) && std::floor(value) == value && std::abs(value) < 9.0e15)
        return static_cast<long long>(value);
    return value;
}

std::string severityColumn(LesionSeverity severity)
{
    switch (severity) {
    case LesionSeverity::Benign: return " B";
    case LesionSeverity::Malignant: return " M";
    case LesionSeverity::Unknown: break;
    }
    return "";
}

nlohmann::json lesionJson(const SyntheticFolderLesion& lesion)
{
    nlohmann::json entry{{"lesion", lesion.id},
                         {"centre", {jsonNumber(lesion.centre.x), jsonNumber(lesion.centre.y)}},
                         {"radius", jsonNumber(lesion.radiusPx)}};
    if (lesion.scale)
        entry["scale"] = jsonNumber(*lesion.scale);
    if (lesion.rotationDeg)
        entry["rotation_deg"] = jsonNumber(*lesion.rotationDeg);
    return entry;
}

void checkCase(const SyntheticFolderCase& c)
{
    const int size = core::kMiasImageSize;
    if (c.image.type() != CV_8UC1 || c.image.rows != size || c.image.cols != size)
        throw core::Error("A synthetic training case is an 8-bit grey image of " + std::to_string(size) + " x "
                          + std::to_string(size) + " pixels (mini-MIAS geometry).");
    if (c.laterality != core::Laterality::Right && c.laterality != core::Laterality::Left)
        throw core::Error("A synthetic training case needs its side (left or right breast) for its mini-MIAS number.");
    if (c.lesions.empty())
        throw core::Error("A synthetic training case needs at least one lesion.");
    for (const SyntheticFolderLesion& lesion : c.lesions) {
        const bool classOk = !lesion.lesionClass.empty()
                             && std::all_of(lesion.lesionClass.begin(), lesion.lesionClass.end(),
                                            [](unsigned char ch) { return std::isupper(ch) != 0; });
        if (!classOk)
            throw core::Error("A lesion of a synthetic training case needs a mini-MIAS class code (CIRC, SPIC, MISC...).");
        const long x = std::lround(lesion.centre.x), y = std::lround(lesion.centre.y);
        if (x < 0 || y < 0 || x >= size || y >= size || !(lesion.radiusPx > 0.0))
            throw core::Error("A lesion of a synthetic training case lies outside the mini-MIAS frame or has no radius.");
    }
}

} // namespace

SyntheticCaseFolder::SyntheticCaseFolder(std::string directory, SyntheticFolderHeader header)
    : m_directory(std::move(directory)), m_header(std::move(header))
{
    std::error_code error;
    fs::create_directories(m_directory, error);
    if (error || !fs::is_directory(m_directory, error))
        throw core::Error("Cannot create the synthetic case folder \"" + m_directory + "\""
                          + (error ? ": " + error.message() : std::string()) + ".");
    const auto info = readIfPresent(fs::path(m_directory) / "Info.txt");
    const auto cases = readIfPresent(fs::path(m_directory) / "cases.json");
    m_hadInfo = info.has_value();
    m_hadCases = cases.has_value();
    m_infoText = info.value_or("");
    m_casesText = cases.value_or("");

    int highest = 0;
    std::istringstream lines(m_infoText);
    for (std::string line; std::getline(lines, line);)
        highest = std::max(highest, referenceNumber(line));
    for (const fs::directory_entry& entry : fs::directory_iterator(m_directory, error))
        if (entry.path().extension() == ".png")
            highest = std::max(highest, referenceNumber(entry.path().filename().string()));
    m_nextPair = pairAfter(highest);
}

SyntheticCaseFolder::~SyntheticCaseFolder()
{
    for (const Staged& staged : m_staged) {
        std::error_code ignored;
        fs::remove(fs::path(m_directory) / (staged.reference + ".png"), ignored);
    }
}

std::string SyntheticCaseFolder::add(const SyntheticFolderCase& syntheticCase)
{
    checkCase(syntheticCase);
    const int side = syntheticCase.laterality == core::Laterality::Left ? 1 : 0;
    std::string reference;
    fs::path png;
    std::error_code error;
    do {   // a PNG that appeared since the folder was read (another writer) is never overwritten
        reference = "mdb" + std::to_string(kFirstNumber + 2 * m_nextPair++ + side);
        png = fs::path(m_directory) / (reference + ".png");
    } while (fs::exists(png, error));

    std::vector<uchar> bytes;
    if (!cv::imencode(".png", syntheticCase.image, bytes))
        throw core::Error("Cannot encode " + reference + ".png.");
    writePart(png, std::string(bytes.begin(), bytes.end()));
    commitPart(png);

    Staged staged;
    staged.reference = reference;
    const int rows = syntheticCase.image.rows;
    for (const SyntheticFolderLesion& lesion : syntheticCase.lesions) {
        // Info.txt counts y from the bottom row (mini-MIAS note 3).
        const long x = std::lround(lesion.centre.x);
        const long yFromBottom = rows - 1 - std::lround(lesion.centre.y);
        const long radius = std::max(1L, std::lround(lesion.radiusPx));
        staged.infoRows += reference + " " + core::miasTissueCode(syntheticCase.tissue) + " " + lesion.lesionClass
                           + severityColumn(lesion.severity) + " " + std::to_string(x) + " "
                           + std::to_string(yFromBottom) + " " + std::to_string(radius) + "\n";
    }
    nlohmann::json entry{{"reference", reference},
                         {"synthetic", true},
                         {"method", syntheticCase.method},
                         {"normal_image", syntheticCase.normalImage}};
    if (!syntheticCase.sopInstanceUid.empty())
        entry["sop_instance_uid"] = syntheticCase.sopInstanceUid;
    if (syntheticCase.lesions.size() == 1) {
        entry.update(lesionJson(syntheticCase.lesions.front()));
    } else {
        entry["lesions"] = nlohmann::json::array();
        for (const SyntheticFolderLesion& lesion : syntheticCase.lesions)
            entry["lesions"].push_back(lesionJson(lesion));
    }
    staged.caseJson = entry.dump();
    m_staged.push_back(std::move(staged));
    return m_staged.back().reference;
}

void SyntheticCaseFolder::commit()
{
    if (m_staged.empty())
        return;
    const fs::path infoPath = fs::path(m_directory) / "Info.txt";
    const fs::path casesPath = fs::path(m_directory) / "cases.json";
    const auto infoNow = readIfPresent(infoPath);
    const auto casesNow = readIfPresent(casesPath);
    if (infoNow.has_value() != m_hadInfo || casesNow.has_value() != m_hadCases || infoNow.value_or("") != m_infoText
        || casesNow.value_or("") != m_casesText)
        throw core::Error("The synthetic case folder \"" + m_directory
                          + "\" was changed by another writer meanwhile; the new cases were not added.");

    std::string info = m_hadInfo ? m_infoText : m_header.description + "\n";
    if (!info.empty() && info.back() != '\n')
        info += '\n';
    for (const Staged& staged : m_staged)
        info += staged.infoRows;
    core::MiasCatalog::fromText(info);   // the trainer must be able to read what is written

    nlohmann::json manifest;
    if (m_hadCases) {
        manifest = nlohmann::json::parse(m_casesText, nullptr, false);
        if (!manifest.is_object() || !manifest.contains("cases") || !manifest["cases"].is_array())
            throw core::Error("\"" + casesPath.string() + "\" is not a synthetic case list; the new cases were not added.");
    } else {
        manifest = {{"synthetic", true}, {"note", "SYNTHETIC images for training only, not patient acquisitions"}};
        if (!m_header.method.empty())
            manifest["method"] = m_header.method;
        if (m_header.fold)
            manifest["fold"] = *m_header.fold;
        if (m_header.seed)
            manifest["seed"] = *m_header.seed;
        manifest["cases"] = nlohmann::json::array();
    }
    for (const Staged& staged : m_staged) {
        nlohmann::json entry = nlohmann::json::parse(staged.caseJson);
        if (!manifest.contains("method"))
            manifest["method"] = entry["method"];
        else if (manifest["method"] != entry["method"])
            manifest["method"] = "mixed";
        manifest["cases"].push_back(std::move(entry));
    }
    const std::string cases = manifest.dump(4) + "\n";

    // Info.txt last: the catalogue lists a case only once its image and entry are there.
    writePart(casesPath, cases);
    try {
        writePart(infoPath, info);
        commitPart(casesPath);
        commitPart(infoPath);
    } catch (...) {
        std::error_code ignored;
        fs::remove(casesPath.string() + ".part", ignored);
        fs::remove(infoPath.string() + ".part", ignored);
        throw;
    }
    m_infoText = info;
    m_casesText = cases;
    m_hadInfo = m_hadCases = true;
    m_staged.clear();
}

} // namespace mammo::ai::synthesis
