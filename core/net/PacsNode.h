#pragma once
#include <string>

namespace mammo::core::net {

// DICOM TLS for one node (DCMTK dcmtls). Files are PEM.
struct TlsSettings {
    bool enabled = false;
    std::string caCertificateFile;   // trusted CA that signed the peer's certificate
    std::string certificateFile;     // our certificate (empty: no client certificate)
    std::string privateKeyFile;      // our private key (with certificateFile)
};

// A remote DICOM application (PACS) and how we talk to it. Plain data: the
// app's settings dialog fills it, validatePacsNode() checks it.
struct PacsNode {
    std::string name;                         // display name, e.g. "Hospital PACS"
    std::string calledAeTitle;                // the PACS's AE title
    std::string host;                         // host name or IP address
    int port = 104;
    std::string callingAeTitle = "MAMMOSCOPE"; // our AE title
    TlsSettings tls;
    int connectTimeoutSeconds = 10;           // TCP connect
    int acseTimeoutSeconds = 10;              // association negotiation and release
    int dimseTimeoutSeconds = 60;             // each DIMSE message (query answer, image)
};

// Throws core::Error naming the first bad field: AE titles 1..16 characters
// without backslash or control characters, host not empty, port 1..65535,
// positive timeouts, TLS files present when TLS is on.
void validatePacsNode(const PacsNode& node);

// Throws core::Error when aeTitle is not a valid AE title; `what` names it in
// the message ("called AE title").
void validateAeTitle(const std::string& aeTitle, const std::string& what);

// "PACS 'Main' (AE ORTHANC at 127.0.0.1:4242, our AE MAMMOSCOPE)": for error messages.
// Names the node, never patient data.
std::string describeNode(const PacsNode& node);

} // namespace mammo::core::net
