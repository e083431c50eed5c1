#pragma once
#include <functional>
#include <string>
#include <vector>

namespace mammo::core::net {

// Sub-operation counts of a retrieve or store, as they progress. Called on
// the thread that runs the operation; keep it short (post to the GUI).
using TransferProgress = std::function<void(int completed, int remaining, int failed)>;

// What a C-GET or C-MOVE brought.
struct RetrieveResult {
    std::vector<std::string> filesWritten; // C-GET: new files under the destination dir
    int duplicates = 0;                    // C-GET: instances already there (kept, not rewritten)
    int completed = 0;                     // sub-operations the PACS reported completed
    int failed = 0;                        // ... failed
    int warnings = 0;                      // ... completed with warnings
    bool cancelled = false;                // stopped by the cancel flag
};

// What a C-STORE of several files did.
struct StoreResult {
    std::vector<std::string> stored;       // accepted by the PACS (success or warning status)
    std::vector<std::string> failedFiles;  // refused by the PACS or unreadable
    std::vector<std::string> failureReasons; // one per failed file, readable
    bool cancelled = false;
};

} // namespace mammo::core::net
