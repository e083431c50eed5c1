#include "AtomicFileSave.h"

#include "Error.h"

#include <filesystem>

namespace mammo::core {

void saveAtomically(const std::string& path, const std::string& what,
                    const std::function<OFCondition(const char* partialPath)>& save)
{
    const std::string partialPath = path + ".part";
    const OFCondition saved = save(partialPath.c_str());
    std::error_code renameError;
    if (saved.good())
        std::filesystem::rename(partialPath, path, renameError);
    if (saved.bad() || renameError) {
        std::error_code ignored;
        std::filesystem::remove(partialPath, ignored);
        throw Error("Cannot write the " + what + " \"" + path + "\": " +
                    (saved.bad() ? std::string(saved.text()) : renameError.message()));
    }
}

} // namespace mammo::core
