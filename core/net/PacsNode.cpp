#include "core/net/PacsNode.h"

#include "core/Error.h"

#include <filesystem>

namespace mammo::core::net {

void validateAeTitle(const std::string& aeTitle, const std::string& what)
{
    if (aeTitle.find_first_not_of(' ') == std::string::npos)
        throw Error("The " + what + " is empty.");
    if (aeTitle.size() > 16)
        throw Error("The " + what + " '" + aeTitle + "' is longer than 16 characters.");
    for (const char c : aeTitle) {
        if (c == '\\')
            throw Error("The " + what + " '" + aeTitle + "' contains a backslash, which DICOM does not allow.");
        // AE titles use the default character repertoire: printable ASCII only.
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
            throw Error("The " + what + " contains a character that is not printable ASCII.");
    }
}

void validatePacsNode(const PacsNode& node)
{
    const std::string label = node.name.empty() ? std::string("the PACS") : "PACS '" + node.name + "'";
    validateAeTitle(node.calledAeTitle, "called AE title of " + label);
    validateAeTitle(node.callingAeTitle, "calling AE title (ours) for " + label);
    if (node.host.empty())
        throw Error("The host name of " + label + " is empty.");
    // dcmnet keeps "host:port" in a 64-byte buffer.
    if (node.host.size() > 57)
        throw Error("The host name of " + label + " is longer than 57 characters.");
    if (node.port < 1 || node.port > 65535)
        throw Error("The port of " + label + " must be between 1 and 65535 (got " + std::to_string(node.port) + ").");
    if (node.connectTimeoutSeconds <= 0 || node.acseTimeoutSeconds <= 0 || node.dimseTimeoutSeconds <= 0)
        throw Error("The timeouts of " + label + " must be positive numbers of seconds.");
    if (node.tls.enabled) {
        if (node.tls.caCertificateFile.empty())
            throw Error("TLS is on for " + label + " but no CA certificate file is set.");
        if (node.tls.certificateFile.empty() != node.tls.privateKeyFile.empty())
            throw Error("TLS for " + label + " needs both our certificate and its private key, or neither.");
        for (const std::string* file : {&node.tls.caCertificateFile, &node.tls.certificateFile, &node.tls.privateKeyFile}) {
            if (!file->empty() && !std::filesystem::is_regular_file(*file))
                throw Error("TLS file for " + label + " not found: " + *file);
        }
    }
}

std::string describeNode(const PacsNode& node)
{
    const std::string text = "AE " + node.calledAeTitle + " at " + node.host + ":" + std::to_string(node.port)
        + ", our AE " + node.callingAeTitle;
    return node.name.empty() ? "PACS (" + text + ")" : "PACS '" + node.name + "' (" + text + ")";
}

} // namespace mammo::core::net
