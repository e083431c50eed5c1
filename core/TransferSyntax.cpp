#include "TransferSyntax.h"

#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include <mutex>

namespace mammo::core {

std::string transferSyntaxName(const std::string& uid)
{
    const DcmXfer xfer(uid.c_str());
    if (xfer.getXfer() == EXS_Unknown)
        return uid.empty() ? std::string("(no transfer syntax)") : "unknown transfer syntax " + uid;
    return xfer.getXferName();
}

bool isTransferSyntaxSupported(const std::string& uid)
{
    const DcmXfer xfer(uid.c_str());
    switch (xfer.getXfer()) {
    case EXS_LittleEndianImplicit:
    case EXS_LittleEndianExplicit:
    case EXS_BigEndianExplicit:
    case EXS_DeflatedLittleEndianExplicit:
    case EXS_RLELossless:
    case EXS_JPEGProcess1:
    case EXS_JPEGProcess2_4:
    case EXS_JPEGProcess14:
    case EXS_JPEGProcess14SV1:
    case EXS_JPEGLSLossless:
    case EXS_JPEGLSLossy:
        return true;
    default:
        return false;
    }
}

void initialiseDicomToolkit()
{
    static std::once_flag once;
    std::call_once(once, [] {
        DJDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    });
}

} // namespace mammo::core
