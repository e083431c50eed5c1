#pragma once
// A throw-away Orthanc for integration tests and benchmarks: its own
// configuration, storage and index in a temporary folder, free loopback
// ports, started with QProcess and killed at the end. Synthetic data only.
#include "core/net/PacsNode.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <string>
#include <vector>

namespace mammo::test {

struct OrthancModality {
    std::string name;      // key in DicomModalities
    std::string aeTitle;
    std::string host = "127.0.0.1";
    int port = 0;
};

struct OrthancOptions {
    std::string aeTitle = "ORTHANC";
    std::vector<OrthancModality> modalities;   // known AEs (C-MOVE destinations, allowed callers)
    // true: DicomAlwaysAllow{Echo,Store,Find,Get,Move} false and
    // DicomCheckCalledAet true, so unknown calling / wrong called AE titles
    // are rejected at association time.
    bool refuseUnknownAeTitles = true;
    // DICOM TLS (PEM files); empty certificate: off.
    std::string tlsCertificate;
    std::string tlsPrivateKey;
    std::string tlsTrustedCertificates;
    bool tlsRemoteCertificateRequired = true;
    core::net::TlsSettings clientTls;          // what node() gives our client
};

// A TCP port that was free on 127.0.0.1 a moment ago.
int freeTcpPort();

// The Orthanc executable: $MAMMO_ORTHANC or /usr/sbin/Orthanc.
QString orthancExecutable();

class OrthancServer {
public:
    explicit OrthancServer(OrthancOptions options);
    ~OrthancServer();   // kills Orthanc
    OrthancServer(const OrthancServer&) = delete;
    OrthancServer& operator=(const OrthancServer&) = delete;

    // Writes the configuration, starts Orthanc and waits until it answers a
    // C-ECHO from `echoCallingAe` (must be a known AE when unknown ones are
    // refused). Throws std::runtime_error with Orthanc's log on failure.
    void start(const std::string& echoCallingAe, int timeoutMs = 20000);
    void stop();

    int dicomPort() const { return dicomPort_; }
    int httpPort() const { return httpPort_; }
    const std::string& aeTitle() const { return options_.aeTitle; }
    QString directory() const { return dir_.path(); }
    QString log() const;

    // A PacsNode for this server as seen by callingAe, with short timeouts.
    core::net::PacsNode node(const std::string& callingAe) const;

private:
    OrthancOptions options_;
    QTemporaryDir dir_;
    int dicomPort_ = 0;
    int httpPort_ = 0;
    std::unique_ptr<QProcess> process_;
};

} // namespace mammo::test
