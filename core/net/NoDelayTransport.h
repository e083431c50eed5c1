#pragma once
#include <dcmtk/dcmnet/dcmlayer.h>
#include <dcmtk/dcmtls/tlslayer.h>

namespace mammo::core::net {

// dcmnet 3.6.7 leaves Nagle's algorithm on unless $TCP_NODELAY is set, so
// each small DIMSE message waits for the peer's delayed ACK (about 40 ms on
// Linux): a C-GET of two images took about 200 ms on loopback instead of a
// few. These transport layers switch it off on every socket they wrap,
// without touching the process environment. Internal to core/net.

// Plain TCP. Installed through DcmSCU::useSecureConnection() / the SCP's
// transport layer; the "secure" flag that sets is ignored (no TLS handshake).
class NoDelayTcpLayer : public DcmTransportLayer {
public:
    DcmTransportConnection* createConnection(DcmNativeSocketType openSocket, OFBool useSecureLayer) override;
};

// TLS (DCMTK dcmtls) with the same socket option.
class NoDelayTlsLayer : public DcmTLSTransportLayer {
public:
    using DcmTLSTransportLayer::DcmTLSTransportLayer;
    DcmTransportConnection* createConnection(DcmNativeSocketType openSocket, OFBool useSecureLayer) override;
};

} // namespace mammo::core::net
