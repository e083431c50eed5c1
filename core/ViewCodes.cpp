#include "ViewCodes.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace mammo::core {
namespace {

struct ViewEntry {
    ViewPosition view;
    const char* name;
    const char* sct;      // SNOMED CT (scheme SCT)
    const char* srt;      // legacy SNOMED RT (scheme SRT)
    const char* meaning;
};

// CID 4014 "View for Mammography".
// CID 4014 "View for Mammography". SNOMED CT values only where we are sure of
// them; the legacy SRT values are what most archived images carry.
const ViewEntry kViews[] = {
    {ViewPosition::CC, "CC", "399162004", "R-10242", "cranio-caudal"},
    {ViewPosition::MLO, "MLO", "399368009", "R-10226", "medio-lateral oblique"},
    {ViewPosition::ML, "ML", "399260004", "R-10224", "medio-lateral"},
    {ViewPosition::LM, "LM", "399352003", "R-10228", "latero-medial"},
    {ViewPosition::LMO, "LMO", "", "R-10230", "latero-medial oblique"},
    {ViewPosition::FB, "FB", "", "R-102D0", "caudo-cranial (from below)"},
    {ViewPosition::XCCL, "XCCL", "", "R-1024A", "cranio-caudal exaggerated laterally"},
    {ViewPosition::XCCM, "XCCM", "", "R-1024B", "cranio-caudal exaggerated medially"},
    {ViewPosition::SIO, "SIO", "", "R-40AAA", "superolateral to inferomedial oblique"},
    {ViewPosition::TAN, "TAN", "", "R-102C2", "tangential"},
};

std::string upper(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return text;
}

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

} // namespace

std::string viewPositionName(ViewPosition view)
{
    for (const ViewEntry& entry : kViews)
        if (entry.view == view)
            return entry.name;
    switch (view) {
    case ViewPosition::AT: return "AT";
    case ViewPosition::CV: return "CV";
    case ViewPosition::RL: return "RL";
    case ViewPosition::RM: return "RM";
    case ViewPosition::ID: return "ID";
    case ViewPosition::SPOT: return "SPOT";
    default: return {};
    }
}

ViewPosition viewPositionFromString(const std::string& text)
{
    std::string value = upper(trimmed(text));
    // Vendors sometimes prefix laterality: "R MLO", "L-CC", "RCC".
    for (const char* prefix : {"R ", "L ", "R-", "L-", "R_", "L_"})
        if (value.rfind(prefix, 0) == 0)
            value = value.substr(2);
    if ((value.size() == 3 || value.size() == 4) && (value[0] == 'R' || value[0] == 'L')) {
        const std::string rest = value.substr(1);
        if (rest == "CC" || rest == "MLO" || rest == "ML" || rest == "LM")
            value = rest;
    }
    for (const ViewEntry& entry : kViews)
        if (value == entry.name)
            return entry.view;
    if (value == "AT") return ViewPosition::AT;
    if (value == "CV") return ViewPosition::CV;
    if (value == "RL") return ViewPosition::RL;
    if (value == "RM") return ViewPosition::RM;
    if (value == "ID") return ViewPosition::ID;
    if (value == "SPOT") return ViewPosition::SPOT;
    return ViewPosition::Unknown;
}

ViewPosition viewPositionFromCode(const std::string& codeValue, const std::string& codingScheme,
                                  const std::string& codeMeaning)
{
    const std::string value = trimmed(codeValue);
    for (const ViewEntry& entry : kViews)
        if (!value.empty() && (value == entry.sct || value == entry.srt))
            return entry.view;
    (void)codingScheme;   // the code values of SCT and SRT do not collide
    const std::string meaning = upper(trimmed(codeMeaning));
    for (const ViewEntry& entry : kViews)
        if (meaning == upper(entry.meaning))
            return entry.view;
    if (meaning.find("MEDIO-LATERAL OBLIQUE") != std::string::npos || meaning.find("MEDIOLATERAL OBLIQUE") != std::string::npos)
        return ViewPosition::MLO;
    if (meaning.find("CRANIO-CAUDAL") != std::string::npos || meaning.find("CRANIOCAUDAL") != std::string::npos)
        return ViewPosition::CC;
    return ViewPosition::Unknown;
}

CodedConcept viewCode(ViewPosition view)
{
    for (const ViewEntry& entry : kViews)
        if (entry.view == view)
            return *entry.sct ? CodedConcept{entry.sct, "SCT", entry.meaning}
                              : CodedConcept{entry.srt, "SRT", entry.meaning};
    return {};
}

Laterality lateralityFromString(const std::string& text)
{
    const std::string value = upper(trimmed(text));
    if (value == "R") return Laterality::Right;
    if (value == "L") return Laterality::Left;
    if (value == "B") return Laterality::Both;
    return Laterality::Unknown;
}

std::string lateralityLetter(Laterality laterality)
{
    switch (laterality) {
    case Laterality::Right: return "R";
    case Laterality::Left: return "L";
    case Laterality::Both: return "B";
    default: return {};
    }
}

} // namespace mammo::core
