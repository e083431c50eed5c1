#include "core/net/ScuAssociation.h"

#include "core/Error.h"
#include "core/TransferSyntax.h"
#include "core/net/NoDelayTransport.h"

#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/diutil.h>

#include <cctype>
#include <optional>

namespace mammo::core::net {
namespace {

// dcmnet's own association structures, each released on every path.
struct NetworkDeleter {
    void operator()(T_ASC_Network* network) const { ASC_dropNetwork(&network); }
};
struct ParametersDeleter {
    void operator()(T_ASC_Parameters* params) const { ASC_destroyAssociationParameters(&params); }
};

std::string lowerFirst(std::string text)
{
    // "Connection refused" -> "connection refused", but "TLS error" stays.
    if (text.size() > 1 && std::islower(static_cast<unsigned char>(text[1])))
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

// DcmSCU keeps the A-ASSOCIATE-RJ parameters private: ask again with a bare
// verification association and read them (only ever done after a rejection).
std::optional<T_ASC_RejectParameters> probeRejection(const PacsNode& node, DcmTransportLayer* transport)
{
    T_ASC_Network* rawNetwork = nullptr;
    if (ASC_initializeNetwork(NET_REQUESTOR, 0, node.acseTimeoutSeconds, &rawNetwork).bad())
        return std::nullopt;
    std::unique_ptr<T_ASC_Network, NetworkDeleter> network(rawNetwork);
    T_ASC_Parameters* rawParams = nullptr;
    if (ASC_createAssociationParameters(&rawParams, ASC_DEFAULTMAXPDU).bad())
        return std::nullopt;
    std::unique_ptr<T_ASC_Parameters, ParametersDeleter> params(rawParams);
    ASC_setAPTitles(params.get(), node.callingAeTitle.c_str(), node.calledAeTitle.c_str(), nullptr);
    const std::string peer = node.host + ":" + std::to_string(node.port);
    ASC_setPresentationAddresses(params.get(), OFStandard::getHostName().c_str(), peer.c_str());
    const char* syntaxes[] = {UID_LittleEndianImplicitTransferSyntax};
    ASC_addPresentationContext(params.get(), 1, UID_VerificationSOPClass, syntaxes, 1);
    if (transport) {
        ASC_setTransportLayer(network.get(), transport, 0);
        ASC_setTransportLayerType(params.get(), OFTrue);
    }
    T_ASC_Association* association = nullptr;
    const OFCondition cond = ASC_requestAssociation(network.get(), params.get(), &association);
    std::optional<T_ASC_RejectParameters> result;
    if (cond == DUL_ASSOCIATIONREJECTED) {
        T_ASC_RejectParameters reject{};
        ASC_getRejectParameters(params.get(), &reject);
        result = reject;
    } else if (cond.good()) {
        ASC_releaseAssociation(association);
    }
    if (association) {
        association->params = nullptr;   // the unique_ptr owns them
        ASC_destroyAssociation(&association);
    }
    return result;
}

} // namespace

ScuAssociation::ScuAssociation(const PacsNode& node) : node_(node)
{
    validatePacsNode(node_);
    initialiseDicomToolkit();
    setAETitle(node_.callingAeTitle.c_str());
    setPeerAETitle(node_.calledAeTitle.c_str());
    setPeerHostName(node_.host.c_str());
    setPeerPort(static_cast<Uint16>(node_.port));
    setConnectionTimeout(node_.connectTimeoutSeconds);
    setACSETimeout(static_cast<Uint32>(node_.acseTimeoutSeconds));
    // Non-blocking DIMSE so that the DIMSE timeout applies: a stalled PACS
    // becomes an error instead of a hung worker thread.
    setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    setDIMSETimeout(static_cast<Uint32>(node_.dimseTimeoutSeconds));
    setMaxReceivePDULength(ASC_MAXIMUMPDUSIZE);
    setVerbosePCMode(OFFalse);
}

ScuAssociation::~ScuAssociation()
{
    // Still connected here means an operation failed half-way: abort, do not
    // wait for a release. Free the network while the transport layer still exists.
    if (isConnected())
        abortAssociation();
    freeNetwork();
}

void ScuAssociation::propose(const std::string& abstractSyntax, const std::vector<std::string>& transferSyntaxes,
                             T_ASC_SC_ROLE role)
{
    OFList<OFString> syntaxes;
    for (const auto& uid : transferSyntaxes)
        syntaxes.push_back(uid.c_str());
    const OFCondition cond = addPresentationContext(abstractSyntax.c_str(), syntaxes, role);
    if (cond.bad())
        throw Error(std::string("Internal error proposing a DICOM service: ") + cond.text());
}

void ScuAssociation::open(const std::string& purpose)
{
    const std::string prefix = "Cannot " + purpose + ": ";
    OFCondition cond = initNetwork();
    if (cond.bad())
        throw Error(prefix + "the network could not be prepared for " + describeNode(node_) + " (" + cond.text() + ").");

    if (node_.tls.enabled) {
        auto tls = std::make_unique<NoDelayTlsLayer>(NET_REQUESTOR, nullptr, OFTrue);
        const auto check = [&](const OFCondition& c, const std::string& step) {
            if (c.bad())
                throw Error(prefix + "TLS set-up for " + describeNode(node_) + " failed (" + step + ": " + c.text() + ").");
        };
        check(tls->setTLSProfile(TSP_Profile_BCP195), "security profile");
        check(tls->activateCipherSuites(), "cipher suites");
        check(tls->addTrustedCertificateFile(node_.tls.caCertificateFile.c_str(), DCF_Filetype_PEM),
              "CA certificate " + node_.tls.caCertificateFile);
        if (!node_.tls.certificateFile.empty()) {
            check(tls->setPrivateKeyFile(node_.tls.privateKeyFile.c_str(), DCF_Filetype_PEM),
                  "private key " + node_.tls.privateKeyFile);
            check(tls->setCertificateFile(node_.tls.certificateFile.c_str(), DCF_Filetype_PEM),
                  "certificate " + node_.tls.certificateFile);
            if (!tls->checkPrivateKeyMatchesCertificate())
                throw Error(prefix + "our TLS private key does not match our certificate for " + describeNode(node_) + ".");
        }
        tls->setCertificateVerification(DCV_requireCertificate);
        transport_ = std::move(tls);
    } else {
        transport_ = std::make_unique<NoDelayTcpLayer>();
    }
    cond = useSecureConnection(transport_.get());
    if (cond.bad())
        throw Error(prefix + "the network could not be prepared for " + describeNode(node_) + " (" + cond.text() + ").");

    cond = negotiateAssociation();
    if (cond.good())
        return;
    if (cond == DUL_ASSOCIATIONREJECTED)
        throw Error(prefix + describeNode(node_) + " rejected the association: " + rejectionReason() + ".");
    if (cond == NET_EC_NoAcceptablePresentationContexts)
        throw Error(prefix + describeNode(node_) + " accepted the connection but none of the DICOM services we need for this.");
    std::string reason = cond.text();
    const std::string tcpPrefix = "TCP Initialization Error: ";
    if (reason.rfind(tcpPrefix, 0) == 0)
        reason = reason.substr(tcpPrefix.size());
    if (reason.find("(Timeout)") != std::string::npos)
        reason = "no answer within " + std::to_string(node_.connectTimeoutSeconds) + " s";
    else if (cond == DUL_READTIMEOUT)
        reason = "no association answer within " + std::to_string(node_.acseTimeoutSeconds) + " s";
    else if (cond == DUL_PEERABORTEDASSOCIATION && !node_.tls.enabled)
        reason = "the PACS closed the connection at once (does it require TLS?)";
    else if (reason.find("certificate verify failed") != std::string::npos)
        reason = "its TLS certificate could not be verified with the CA certificate " + node_.tls.caCertificateFile;
    throw Error(prefix + "no connection to " + describeNode(node_) + ": " + lowerFirst(reason) + ".");
}

std::string ScuAssociation::rejectionReason() const
{
    const auto reject = probeRejection(node_, transport_.get());
    if (!reject)
        return "the PACS gave no reason";
    const bool transient = reject->result == ASC_RESULT_REJECTEDTRANSIENT;
    switch (reject->reason) {
    case ASC_REASON_SU_CALLEDAETITLENOTRECOGNIZED:
        return "it does not recognise the called AE title '" + node_.calledAeTitle
            + "' (check the PACS's AE title in the settings)";
    case ASC_REASON_SU_CALLINGAETITLENOTRECOGNIZED:
        return "it refused our calling AE title '" + node_.callingAeTitle
            + "' (the PACS administrator must register this AE title and host)";
    case ASC_REASON_SU_APPCONTEXTNAMENOTSUPPORTED:
        return "it does not support the DICOM application context";
    case ASC_REASON_SP_PRES_TEMPORARYCONGESTION:
    case ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED:
        return "it is busy (too many connections); try again later";
    case ASC_REASON_SP_ACSE_PROTOCOLVERSIONNOTSUPPORTED:
        return "it does not support our protocol version";
    default:
        return transient ? "no reason given (temporary; try again later)" : "no reason given";
    }
}

T_ASC_PresentationContextID ScuAssociation::acceptedContext(const std::string& abstractSyntax,
                                                            const std::string& what)
{
    const T_ASC_PresentationContextID id = findAnyPresentationContextID(abstractSyntax.c_str(), "");
    if (id == 0)
        throw Error(describeNode(node_) + " does not offer " + what + ".");
    return id;
}

void ScuAssociation::close()
{
    if (!isConnected())
        return;
    if (releaseAssociation().bad() && isConnected())
        abortAssociation();
}

void ScuAssociation::failDimse(const std::string& what, const OFCondition& condition) const
{
    std::string reason;
    if (condition == DIMSE_NODATAAVAILABLE || condition == DUL_READTIMEOUT)
        reason = "the PACS did not answer within " + std::to_string(node_.dimseTimeoutSeconds) + " s";
    else if (condition == DUL_PEERABORTEDASSOCIATION)
        reason = "the PACS aborted the connection";
    else if (condition == DUL_NETWORKCLOSED)
        reason = "the connection was closed";
    else
        reason = lowerFirst(condition.text());
    throw Error(what + " with " + describeNode(node_) + " failed: " + reason + ".");
}

} // namespace mammo::core::net
