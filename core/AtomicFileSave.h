#pragma once
// Internal to core: DCMTK types in the signature.
#include <dcmtk/ofstd/ofcond.h>

#include <functional>
#include <string>

namespace mammo::core {

// Runs save(partialPath) on "<path>.part" beside the target and renames it to
// path, so a failed write never leaves half a file. On failure the partial
// file is removed and Error says "Cannot write the <what> "<path>": <reason>".
void saveAtomically(const std::string& path, const std::string& what,
                    const std::function<OFCondition(const char* partialPath)>& save);

} // namespace mammo::core
