#include "core/net/NoDelayTransport.h"

#include <dcmtk/dcmnet/dcmtrans.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace mammo::core::net {
namespace {

void disableNagle(DcmNativeSocketType socket)
{
    int on = 1;
    // Best effort: without it the connection still works, only slower.
    ::setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

// Also acknowledges at once what it reads: a peer that keeps Nagle on (e.g.
// Orthanc) otherwise holds the second half of each small message until our
// delayed ACK. Linux resets TCP_QUICKACK by itself, hence after every read.
class QuickAckConnection : public DcmTCPConnection {
public:
    using DcmTCPConnection::DcmTCPConnection;

    ssize_t read(void* buf, size_t nbyte) override
    {
        const ssize_t result = DcmTCPConnection::read(buf, nbyte);
#ifdef TCP_QUICKACK
        int on = 1;
        ::setsockopt(getSocket(), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#endif
        return result;
    }
};

} // namespace

DcmTransportConnection* NoDelayTcpLayer::createConnection(DcmNativeSocketType openSocket, OFBool)
{
    disableNagle(openSocket);
    return new QuickAckConnection(openSocket);
}

DcmTransportConnection* NoDelayTlsLayer::createConnection(DcmNativeSocketType openSocket, OFBool useSecureLayer)
{
    disableNagle(openSocket);
    return DcmTLSTransportLayer::createConnection(openSocket, useSecureLayer);
}

} // namespace mammo::core::net
