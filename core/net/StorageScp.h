#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mammo::core::net {

struct StorageScpConfig {
    std::string aeTitle = "MAMMOSCOPE";                // called AE title we answer to
    int port = 11112;
    std::string storageDirectory;                      // files go to <dir>/<StudyUID>/<SOPInstanceUID>.dcm
    std::vector<std::string> allowedCallingAeTitles;   // only these may connect (must not be empty)
    int acseTimeoutSeconds = 10;
    int dimseTimeoutSeconds = 30;                      // an idle association is aborted after this
};

// One instance the SCP received.
struct ReceivedInstance {
    std::string path;
    std::string studyInstanceUid;
    std::string sopInstanceUid;
    std::string sopClassUid;
    std::string callingAeTitle;
    bool duplicate = false;   // already on disk: kept as it was, answered with success
};

// Called on the SCP's thread for each instance; keep it short, do not throw.
using ReceivedInstanceCallback = std::function<void(const ReceivedInstance&)>;

// Our storage SCP (C-STORE and C-ECHO), on DCMTK's DcmStorageSCP, serving
// one association at a time on its own thread: the C-MOVE destination of
// PacsClient::retrieveStudyByMove. Associations from calling AE titles not in
// the list, or calling another AE title than ours, are rejected. Each
// instance is written atomically and an existing instance is never
// overwritten (see InstanceFileWriter). The destructor stops and joins.
class StorageScp {
public:
    struct Counters {
        int received = 0;               // new files written
        int duplicates = 0;             // already present, kept
        int failed = 0;                 // could not be stored (answered with a failure status)
        int rejectedAssociations = 0;   // refused calling or called AE title
    };

    // Throws core::Error for invalid settings (AE titles, port, empty directory or allow list).
    StorageScp(StorageScpConfig config, ReceivedInstanceCallback onReceived = {});
    ~StorageScp();
    StorageScp(const StorageScp&) = delete;
    StorageScp& operator=(const StorageScp&) = delete;

    // Opens the port (throws core::Error if it cannot, e.g. in use) and
    // starts serving. Does nothing when already running.
    void start();

    // Stops accepting, lets a running association finish (bounded by the
    // DIMSE timeout), joins the thread. Idempotent.
    void stop();

    bool isRunning() const;
    Counters counters() const;
    const StorageScpConfig& config() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace mammo::core::net
