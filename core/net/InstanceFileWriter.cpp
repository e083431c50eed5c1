#include "core/net/InstanceFileWriter.h"

#include "core/Error.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;

namespace mammo::core::net {
namespace {

std::string getString(DcmDataset& dataset, const DcmTagKey& tag)
{
    OFString value;
    dataset.findAndGetOFString(tag, value);
    return value.c_str();
}

// Removes the temporary file on every exit path unless it was released.
class TempFileGuard {
public:
    explicit TempFileGuard(std::string path) : path_(std::move(path)) {}
    ~TempFileGuard() { if (!path_.empty()) ::unlink(path_.c_str()); }
    TempFileGuard(const TempFileGuard&) = delete;
    TempFileGuard& operator=(const TempFileGuard&) = delete;
    const std::string& path() const { return path_; }
private:
    std::string path_;
};

// Creates (exclusively) an empty temporary file in `directory`.
std::string createTempFile(const fs::path& directory, const std::string& sopInstanceUid)
{
    std::string pattern = (directory / ("." + sopInstanceUid + ".part-XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw Error("Cannot create a file in " + directory.string() + ": " + std::strerror(errno));
    ::close(fd);
    return pattern;
}

// Moves `from` to `to` unless `to` exists. Returns false when it existed.
bool moveIntoPlaceNoClobber(const std::string& from, const std::string& to)
{
    // link() fails with EEXIST atomically: no window in which a concurrent
    // writer of the same instance could be overwritten.
    if (::link(from.c_str(), to.c_str()) == 0)
        return true;
    const int error = errno;
    if (error == EEXIST)
        return false;
    if (error != EPERM && error != ENOTSUP && error != EOPNOTSUPP && error != ENOSYS)
        throw Error("Cannot write " + to + ": " + std::strerror(error));
    // File systems without hard links: check, then rename (a tiny race remains).
    std::error_code ec;
    if (fs::exists(to, ec))
        return false;
    fs::rename(from, to, ec);
    if (ec)
        throw Error("Cannot write " + to + ": " + ec.message());
    return true;
}

} // namespace

bool isValidUid(const std::string& uid)
{
    if (uid.empty() || uid.size() > 64 || uid.front() == '.' || uid.back() == '.')
        return false;
    for (std::size_t i = 0; i < uid.size(); ++i) {
        const char c = uid[i];
        if (c == '.') {
            if (uid[i + 1] == '.')
                return false;
        } else if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

InstanceFileWriter::InstanceFileWriter(std::string rootDirectory) : root_(std::move(rootDirectory)) {}

WrittenInstance InstanceFileWriter::write(DcmFileFormat& file) const
{
    DcmDataset& dataset = *file.getDataset();
    WrittenInstance out;
    out.studyInstanceUid = getString(dataset, DCM_StudyInstanceUID);
    out.sopInstanceUid = getString(dataset, DCM_SOPInstanceUID);
    out.sopClassUid = getString(dataset, DCM_SOPClassUID);
    if (!isValidUid(out.studyInstanceUid) || !isValidUid(out.sopInstanceUid) || !isValidUid(out.sopClassUid))
        throw Error("A received instance has a missing or invalid Study, SOP Instance or SOP Class UID; it was not stored.");

    const fs::path directory = fs::path(root_) / out.studyInstanceUid;
    out.path = (directory / (out.sopInstanceUid + ".dcm")).string();
    std::error_code ec;
    if (fs::exists(out.path, ec)) {
        out.duplicate = true;
        return out;
    }
    fs::create_directories(directory, ec);
    if (ec)
        throw Error("Cannot create the folder " + directory.string() + ": " + ec.message());

    TempFileGuard temp(createTempFile(directory, out.sopInstanceUid));
    E_TransferSyntax xfer = dataset.getOriginalXfer();
    if (xfer == EXS_Unknown)
        xfer = EXS_LittleEndianExplicit;
    const OFCondition status = file.saveFile(temp.path().c_str(), xfer);
    if (status.bad())
        throw Error("Cannot write " + out.path + ": " + status.text());
    out.duplicate = !moveIntoPlaceNoClobber(temp.path(), out.path);
    return out;
}

} // namespace mammo::core::net
