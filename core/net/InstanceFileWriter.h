#pragma once
#include <string>

class DcmFileFormat;

namespace mammo::core::net {

// Where an instance landed and whether it was new.
struct WrittenInstance {
    std::string path;
    std::string studyInstanceUid;
    std::string sopInstanceUid;
    std::string sopClassUid;
    bool duplicate = false;   // an instance with this UID was already there: kept, not rewritten
};

// Writes received instances as <root>/<StudyInstanceUID>/<SOPInstanceUID>.dcm.
// A temporary file in the target directory is renamed into place only when
// complete, so readers never see half a file; an existing instance is never
// overwritten. Used by the C-GET client and the storage SCP.
class InstanceFileWriter {
public:
    explicit InstanceFileWriter(std::string rootDirectory);

    // Writes the dataset in its received transfer syntax. Throws core::Error
    // when a UID is missing or not a valid UID (it becomes a file name) or
    // the file cannot be written; no temporary file is left behind.
    WrittenInstance write(DcmFileFormat& file) const;

    const std::string& rootDirectory() const { return root_; }

private:
    std::string root_;
};

// True for a syntactically valid UID (digits and dots, 1..64 characters):
// safe to use as a file or directory name.
bool isValidUid(const std::string& uid);

} // namespace mammo::core::net
