#pragma once
#include "ImageAttributes.h"

#include <string>

namespace mammo::core {

// "CC", "MLO", ... as written in View Position (0018,5101).
std::string viewPositionName(ViewPosition view);

// Parses View Position strings, including common vendor spellings ("R-MLO").
ViewPosition viewPositionFromString(const std::string& text);

// Parses a View Code Sequence item (CID 4014): SNOMED CT or legacy SRT codes,
// falling back to the code meaning.
ViewPosition viewPositionFromCode(const std::string& codeValue, const std::string& codingScheme,
                                  const std::string& codeMeaning);

// SNOMED CT code and meaning for writing a View Code Sequence.
struct CodedConcept {
    std::string value;
    std::string scheme;
    std::string meaning;
};
CodedConcept viewCode(ViewPosition view);

Laterality lateralityFromString(const std::string& text);
std::string lateralityLetter(Laterality laterality);   // "R", "L", "B" or ""

} // namespace mammo::core
