#pragma once
// A collection of lesion patches for synthesis: built from mini-MIAS masses
// (optionally only a training fold's images), saved to and loaded from a folder
// (PATCH.png 16-bit, PATCH-mask.png 8-bit, library.json with the metadata).
#include "LesionExtraction.h"
#include "LesionPatch.h"
#include "core/MiasCatalog.h"

#include <cstddef>
#include <string>
#include <vector>

namespace mammo::ai::synthesis {

class LesionLibrary {
public:
    // The CIRC, SPIC and MISC rows that give coordinates, of the images in
    // onlyImages (all images when empty), ids "mdb005-1", "mdb005-2" in row
    // order. Throws core::Error when an image file cannot be read.
    static LesionLibrary fromMias(const core::MiasCatalog& catalog, const std::string& datasetDirectory,
                                  const std::vector<std::string>& onlyImages = {},
                                  const LesionExtractionOptions& options = {});
    // Throws core::Error when library.json or a file it names is missing or malformed.
    static LesionLibrary load(const std::string& folder);
    // Creates the folder if needed; overwrites library.json and the patches it names.
    void save(const std::string& folder) const;

    // Throws core::Error on an invalid patch or a duplicate id.
    void add(LesionPatch lesion);

    const std::vector<LesionPatch>& lesions() const { return m_lesions; }
    std::size_t size() const { return m_lesions.size(); }
    bool empty() const { return m_lesions.empty(); }
    const LesionPatch& at(std::size_t index) const { return m_lesions.at(index); }
    const LesionPatch* find(const std::string& id) const;   // nullptr when absent

private:
    std::vector<LesionPatch> m_lesions;
};

// The file name of library.json inside a library folder.
inline constexpr const char* kLesionLibraryFile = "library.json";

} // namespace mammo::ai::synthesis
