#include "MiasCatalog.h"

#include "Error.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace mammo::core {
namespace {

struct ClassEntry {
    MiasClass value;
    const char* code;
    const char* name;
};

const ClassEntry kClasses[] = {
    {MiasClass::Calcification, "CALC", "calcification"},
    {MiasClass::CircumscribedMass, "CIRC", "circumscribed mass"},
    {MiasClass::SpiculatedMass, "SPIC", "spiculated mass"},
    {MiasClass::IllDefinedMass, "MISC", "ill-defined mass"},
    {MiasClass::ArchitecturalDistortion, "ARCH", "architectural distortion"},
    {MiasClass::Asymmetry, "ASYM", "asymmetry"},
    {MiasClass::Normal, "NORM", "normal"},
};

std::string lineError(int lineNumber, const std::string& what)
{
    return "mini-MIAS Info.txt, line " + std::to_string(lineNumber) + ": " + what;
}

bool isDataRow(const std::string& line)
{
    // Data rows start with the reference "mdbNNN"; everything else is notes.
    return line.size() >= 6 && line.compare(0, 3, "mdb") == 0
           && std::all_of(line.begin() + 3, line.begin() + 6, [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::optional<int> parseInteger(const std::string& token)
{
    if (token.empty() || !std::all_of(token.begin(), token.end(), [](unsigned char c) { return std::isdigit(c) != 0; }))
        return std::nullopt;
    if (token.size() > 6)
        return std::nullopt;
    return std::stoi(token);
}

MiasTissue parseTissue(const std::string& token, int lineNumber)
{
    if (token == "F") return MiasTissue::Fatty;
    if (token == "G") return MiasTissue::FattyGlandular;
    if (token == "D") return MiasTissue::DenseGlandular;
    throw Error(lineError(lineNumber, "unknown background tissue \"" + token + "\" (expected F, G or D)"));
}

MiasClass parseClass(const std::string& token, int lineNumber)
{
    for (const ClassEntry& entry : kClasses)
        if (token == entry.code)
            return entry.value;
    throw Error(lineError(lineNumber, "unknown abnormality class \"" + token + "\""));
}

struct ParsedRow {
    std::string reference;
    int number = 0;
    MiasTissue tissue = MiasTissue::Fatty;
    std::optional<MiasAbnormality> abnormality;   // absent for NORM rows
};

ParsedRow parseRow(const std::string& line, int lineNumber)
{
    std::istringstream stream(line);
    std::vector<std::string> tokens;
    for (std::string token; stream >> token;)
        tokens.push_back(token);
    if (tokens.size() < 3)
        throw Error(lineError(lineNumber, "expected at least reference, tissue and class"));

    ParsedRow row;
    row.reference = tokens[0];
    const std::optional<int> number = parseInteger(row.reference.substr(3));
    if (!number || *number <= 0)
        throw Error(lineError(lineNumber, "bad reference \"" + row.reference + "\""));
    row.number = *number;
    row.tissue = parseTissue(tokens[1], lineNumber);
    const MiasClass abnormalityClass = parseClass(tokens[2], lineNumber);

    if (abnormalityClass == MiasClass::Normal) {
        if (tokens.size() > 3)
            throw Error(lineError(lineNumber, "a NORM row has no severity or coordinates"));
        return row;
    }

    MiasAbnormality abnormality;
    abnormality.abnormalityClass = abnormalityClass;
    std::size_t next = 3;
    if (next < tokens.size() && (tokens[next] == "B" || tokens[next] == "M")) {
        abnormality.severity = tokens[next] == "B" ? MiasSeverity::Benign : MiasSeverity::Malignant;
        ++next;
    }
    const std::size_t remaining = tokens.size() - next;
    // Rows with widely distributed calcifications carry "*NOTE 3*" instead of coordinates.
    const bool hasNoteInstead = remaining > 0 && tokens[next].rfind("*NOTE", 0) == 0;
    if (remaining == 3) {
        const std::optional<int> x = parseInteger(tokens[next]);
        const std::optional<int> yFromBottom = parseInteger(tokens[next + 1]);
        const std::optional<int> radius = parseInteger(tokens[next + 2]);
        if (!x || !yFromBottom || !radius)
            throw Error(lineError(lineNumber, "coordinates and radius must be whole numbers"));
        if (*x >= kMiasImageSize || *yFromBottom >= kMiasImageSize || *radius <= 0)
            throw Error(lineError(lineNumber, "centre outside the 1024 x 1024 image or radius not positive"));
        // Info.txt note 3: the origin is the bottom-left corner.
        abnormality.circle = MiasCircle{*x, kMiasImageSize - 1 - *yFromBottom, *radius};
    } else if (remaining != 0 && !hasNoteInstead) {
        throw Error(lineError(lineNumber, "expected x, y and radius after the severity"));
    }
    row.abnormality = abnormality;
    return row;
}

MiasSeverity worse(MiasSeverity a, MiasSeverity b)
{
    return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

} // namespace

bool MiasImage::hasMass() const
{
    return std::any_of(abnormalities.begin(), abnormalities.end(),
                       [](const MiasAbnormality& a) { return isMiasMassClass(a.abnormalityClass); });
}

MiasCatalog MiasCatalog::fromInfoFile(const std::string& infoTxtPath)
{
    std::ifstream file(infoTxtPath);
    if (!file)
        throw Error("Cannot read the mini-MIAS ground truth \"" + infoTxtPath + "\".");
    std::ostringstream text;
    text << file.rdbuf();
    return fromText(text.str());
}

MiasCatalog MiasCatalog::fromDirectory(const std::string& datasetDirectory)
{
    return fromInfoFile(datasetDirectory + "/Info.txt");
}

MiasCatalog MiasCatalog::fromText(const std::string& infoText)
{
    MiasCatalog catalog;
    std::istringstream stream(infoText);
    int lineNumber = 0;
    for (std::string line; std::getline(stream, line);) {
        ++lineNumber;
        if (!isDataRow(line))
            continue;
        const ParsedRow row = parseRow(line, lineNumber);
        auto existing = std::find_if(catalog.m_images.begin(), catalog.m_images.end(),
                                     [&](const MiasImage& image) { return image.reference == row.reference; });
        if (existing == catalog.m_images.end()) {
            MiasImage image;
            image.reference = row.reference;
            image.number = row.number;
            image.tissue = row.tissue;
            image.imageClass = row.abnormality ? row.abnormality->abnormalityClass : MiasClass::Normal;
            image.laterality = miasLaterality(row.number);
            image.patientNumber = miasPatientNumber(row.number);
            catalog.m_images.push_back(image);
            existing = catalog.m_images.end() - 1;
        } else if (existing->isNormal() || !row.abnormality) {
            throw Error(lineError(lineNumber, row.reference + " is listed twice and one row is NORM"));
        }
        if (row.abnormality) {
            existing->abnormalities.push_back(*row.abnormality);
            existing->severity = worse(existing->severity, row.abnormality->severity);
        }
    }
    if (catalog.m_images.empty())
        throw Error("The mini-MIAS ground truth lists no images (no rows starting with \"mdb\").");
    std::stable_sort(catalog.m_images.begin(), catalog.m_images.end(),
                     [](const MiasImage& a, const MiasImage& b) { return a.number < b.number; });
    return catalog;
}

const MiasImage* MiasCatalog::find(const std::string& reference) const
{
    const auto found = std::find_if(m_images.begin(), m_images.end(),
                                    [&](const MiasImage& image) { return image.reference == reference; });
    return found == m_images.end() ? nullptr : &*found;
}

const MiasImage& MiasCatalog::at(const std::string& reference) const
{
    if (const MiasImage* image = find(reference))
        return *image;
    throw Error("mini-MIAS has no image \"" + reference + "\" (references look like mdb001 ... mdb322).");
}

std::vector<const MiasImage*> MiasCatalog::patientImages(int patientNumber) const
{
    std::vector<const MiasImage*> result;
    for (const MiasImage& image : m_images)
        if (image.patientNumber == patientNumber)
            result.push_back(&image);
    return result;
}

std::string miasClassCode(MiasClass value)
{
    for (const ClassEntry& entry : kClasses)
        if (entry.value == value)
            return entry.code;
    return {};
}

std::string miasClassName(MiasClass value)
{
    for (const ClassEntry& entry : kClasses)
        if (entry.value == value)
            return entry.name;
    return {};
}

std::string miasSeverityCode(MiasSeverity value)
{
    switch (value) {
    case MiasSeverity::Benign: return "B";
    case MiasSeverity::Malignant: return "M";
    default: return {};
    }
}

std::string miasSeverityName(MiasSeverity value)
{
    switch (value) {
    case MiasSeverity::Benign: return "benign";
    case MiasSeverity::Malignant: return "malignant";
    default: return "none";
    }
}

std::string miasTissueCode(MiasTissue value)
{
    switch (value) {
    case MiasTissue::Fatty: return "F";
    case MiasTissue::FattyGlandular: return "G";
    case MiasTissue::DenseGlandular: return "D";
    }
    return {};
}

bool isMiasMassClass(MiasClass value)
{
    return value == MiasClass::CircumscribedMass || value == MiasClass::SpiculatedMass
           || value == MiasClass::IllDefinedMass;
}

Laterality miasLaterality(int imageNumber)
{
    if (imageNumber <= 0)
        return Laterality::Unknown;
    return imageNumber % 2 == 0 ? Laterality::Left : Laterality::Right;
}

int miasPatientNumber(int imageNumber)
{
    return imageNumber <= 0 ? 0 : (imageNumber + 1) / 2;
}

std::string miasReference(int imageNumber)
{
    std::string digits = std::to_string(imageNumber);
    if (digits.size() < 3)
        digits.insert(0, 3 - digits.size(), '0');
    return "mdb" + digits;
}

std::string miasDatasetDirectory(const std::string& defaultDirectory)
{
    const char* fromEnvironment = std::getenv("MAMMO_MIAS_DIR");
    if (fromEnvironment && *fromEnvironment)
        return fromEnvironment;
    return defaultDirectory;
}

} // namespace mammo::core
