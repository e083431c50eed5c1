#include "core/net/StorageScp.h"

#include "core/Error.h"
#include "core/TransferSyntax.h"
#include "core/net/InstanceFileWriter.h"
#include "core/net/NoDelayTransport.h"
#include "core/net/PacsNode.h"
#include "core/net/StorageSopClasses.h"

#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcobject.h>
#include <dcmtk/dcmnet/dstorscp.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace mammo::core::net {
namespace {

std::string trimmed(const OFString& text)
{
    std::string value = text.c_str();
    const auto first = value.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    return value.substr(first, value.find_last_not_of(' ') - first + 1);
}

// Wakes the accept loop: a connection that closes at once ends the wait
// for an association request immediately instead of at the next timeout.
void pokePort(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::close(fd);
}

// dcmnet opens the listening socket without close-on-exec: a process started
// while we listen (QProcess, a viewer...) would inherit it and keep the port
// bound after stop(). Find it by its port and fix that.
void setListeningSocketCloseOnExec(int port)
{
    for (int fd = 0; fd < 1024; ++fd) {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        int listening = 0;
        socklen_t optionLength = sizeof listening;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            continue;
        int boundPort = -1;
        if (address.ss_family == AF_INET)
            boundPort = ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
        else if (address.ss_family == AF_INET6)
            boundPort = ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
        if (boundPort == port
            && ::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &optionLength) == 0 && listening)
            ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
    }
}

} // namespace

class StorageScp::Impl : public DcmStorageSCP {
public:
    Impl(StorageScpConfig config, ReceivedInstanceCallback onReceived)
        : config_(std::move(config)), onReceived_(std::move(onReceived)), writer_(config_.storageDirectory)
    {
    }

    ~Impl() override { stopAndJoin(); }

    void startServing()
    {
        if (thread_.joinable())
            return;
        stop_ = false;
        setAETitle(config_.aeTitle.c_str());
        setPort(static_cast<Uint16>(config_.port));
        setACSETimeout(static_cast<Uint32>(config_.acseTimeoutSeconds));
        setDIMSEBlockingMode(DIMSE_NONBLOCKING);
        setDIMSETimeout(static_cast<Uint32>(config_.dimseTimeoutSeconds));
        // Poll for stop requests once a second even if the wake-up connection fails.
        setConnectionBlockingMode(DUL_NOBLOCK);
        setConnectionTimeout(1);
        setMaxReceivePDULength(ASC_MAXIMUMPDUSIZE);
        setHostLookupEnabled(OFFalse);
        getConfig().setTransportLayer(&transport_);
        if (!contextsAdded_) {
            // Compressed first: a sender that offers both sends its file as is.
            OFList<OFString> syntaxes;
            for (const auto& uid : compressedTransferSyntaxes())
                syntaxes.push_back(uid.c_str());
            for (const auto& uid : uncompressedTransferSyntaxes())
                syntaxes.push_back(uid.c_str());
            // DcmStorageSCP already offers Verification (C-ECHO).
            OFCondition cond = EC_Normal;
            for (const auto& sopClass : storageSopClassUids())
                if (cond.good())
                    cond = addPresentationContext(sopClass.c_str(), syntaxes);
            if (cond.bad())
                throw Error(std::string("The storage service could not be configured: ") + cond.text());
            contextsAdded_ = true;
        }
        // openListenPort() switches dcmdata's automatic input correction off
        // for the whole process; the rest of the application relies on it.
        const OFBool inputCorrection = dcmEnableAutomaticInputDataCorrection.get();
        const OFCondition cond = openListenPort();
        dcmEnableAutomaticInputDataCorrection.set(inputCorrection);
        if (cond.bad())
            throw Error("Cannot receive DICOM on port " + std::to_string(config_.port) + " (AE " + config_.aeTitle
                        + "): " + cond.text() + ". Is another program using this port?");
        setListeningSocketCloseOnExec(config_.port);
        thread_ = std::thread([this] { acceptAssociations(); });
    }

    void stopAndJoin()
    {
        if (!thread_.joinable())
            return;
        stop_ = true;
        pokePort(config_.port);
        thread_.join();
    }

    bool running() const { return thread_.joinable(); }

    Counters counters() const
    {
        std::lock_guard<std::mutex> lock(mutex_);
        return counters_;
    }

    const StorageScpConfig& config() const { return config_; }

protected:
    OFBool checkCalledAETitleAccepted(const OFString& calledAE) override
    {
        if (trimmed(calledAE) == config_.aeTitle)
            return OFTrue;
        countRejection();
        return OFFalse;
    }

    OFBool checkCallingAETitleAccepted(const OFString& callingAE) override
    {
        const std::string caller = trimmed(callingAE);
        for (const auto& allowed : config_.allowedCallingAeTitles)
            if (allowed == caller)
                return OFTrue;
        countRejection();
        return OFFalse;
    }

    Uint16 checkAndProcessSTORERequest(const T_DIMSE_C_StoreRQ&, DcmFileFormat& file) override
    {
        try {
            const WrittenInstance written = writer_.write(file);
            {
                std::lock_guard<std::mutex> lock(mutex_);
                ++(written.duplicate ? counters_.duplicates : counters_.received);
            }
            if (onReceived_) {
                ReceivedInstance instance{written.path, written.studyInstanceUid, written.sopInstanceUid,
                                          written.sopClassUid, trimmed(getPeerAETitle()), written.duplicate};
                try {
                    onReceived_(instance);
                } catch (...) {
                    // The callback's problem must not break the association.
                }
            }
            return STATUS_Success;
        } catch (const Error&) {
            std::lock_guard<std::mutex> lock(mutex_);
            ++counters_.failed;
            return STATUS_STORE_Refused_OutOfResources;
        }
    }

    OFBool stopAfterConnectionTimeout() override { return stop_.load(); }
    OFBool stopAfterCurrentAssociation() override { return stop_.load(); }

private:
    void countRejection()
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++counters_.rejectedAssociations;
    }

    StorageScpConfig config_;
    ReceivedInstanceCallback onReceived_;
    InstanceFileWriter writer_;
    NoDelayTcpLayer transport_;
    std::atomic_bool stop_{false};
    std::thread thread_;
    mutable std::mutex mutex_;
    Counters counters_;
    bool contextsAdded_ = false;
};

StorageScp::StorageScp(StorageScpConfig config, ReceivedInstanceCallback onReceived)
{
    validateAeTitle(config.aeTitle, "AE title of the storage service");
    if (config.port < 1 || config.port > 65535)
        throw Error("The storage service port must be between 1 and 65535 (got " + std::to_string(config.port) + ").");
    if (config.storageDirectory.empty())
        throw Error("No folder is set for received DICOM files.");
    if (config.allowedCallingAeTitles.empty())
        throw Error("No PACS is allowed to send to the storage service: list at least one calling AE title.");
    for (const auto& aeTitle : config.allowedCallingAeTitles)
        validateAeTitle(aeTitle, "allowed calling AE title");
    if (config.acseTimeoutSeconds <= 0 || config.dimseTimeoutSeconds <= 0)
        throw Error("The storage service timeouts must be positive numbers of seconds.");
    initialiseDicomToolkit();
    impl_ = std::make_unique<Impl>(std::move(config), std::move(onReceived));
}

StorageScp::~StorageScp() = default;

void StorageScp::start() { impl_->startServing(); }
void StorageScp::stop() { impl_->stopAndJoin(); }
bool StorageScp::isRunning() const { return impl_->running(); }
StorageScp::Counters StorageScp::counters() const { return impl_->counters(); }
const StorageScpConfig& StorageScp::config() const { return impl_->config(); }

} // namespace mammo::core::net
