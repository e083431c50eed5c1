#pragma once
#include "core/net/PacsNode.h"

#include <dcmtk/dcmnet/scu.h>

#include <memory>
#include <string>
#include <vector>

class DcmTransportLayer;

namespace mammo::core::net {

// One association from us to a PACS, on DCMTK's DcmSCU: it applies the
// node's AE titles, timeouts and TLS, and turns every dcmnet failure into a
// core::Error a user can read (naming host:port and AE titles, never patient
// data). PacsClient derives per-operation sessions from it. Internal to
// core/net; not thread-safe (one per operation and thread).
class ScuAssociation : public DcmSCU {
public:
    explicit ScuAssociation(const PacsNode& node);
    ~ScuAssociation() override;
    ScuAssociation(const ScuAssociation&) = delete;
    ScuAssociation& operator=(const ScuAssociation&) = delete;

    // Proposes an abstract syntax with these transfer syntaxes (call before open()).
    void propose(const std::string& abstractSyntax, const std::vector<std::string>& transferSyntaxes,
                 T_ASC_SC_ROLE role = ASC_SC_ROLE_DEFAULT);

    // Connects and negotiates. `purpose` ("query", "retrieve") goes into the
    // message. Throws core::Error: connection refused, timeout, association
    // rejected (saying whether the called or the calling AE title was refused),
    // no accepted presentation context, TLS failure.
    void open(const std::string& purpose);

    // The accepted context for an abstract syntax; throws when the PACS refused it.
    T_ASC_PresentationContextID acceptedContext(const std::string& abstractSyntax,
                                                const std::string& what);

    // Releases (or aborts, if release fails) the association.
    void close();

    // Throws core::Error for a failed DIMSE exchange: "<what> with <node>
    // failed: the PACS did not answer within 30 s" and the like.
    [[noreturn]] void failDimse(const std::string& what, const OFCondition& condition) const;

    const PacsNode& node() const { return node_; }

private:
    std::string rejectionReason() const;

    PacsNode node_;
    std::unique_ptr<DcmTransportLayer> transport_;   // TCP_NODELAY, TLS when configured
};

} // namespace mammo::core::net
