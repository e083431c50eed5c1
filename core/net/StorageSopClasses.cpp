#include "core/net/StorageSopClasses.h"

#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>

namespace mammo::core::net {
namespace {

const std::vector<std::string>& imageClasses()
{
    static const std::vector<std::string> uids{
        UID_DigitalMammographyXRayImageStorageForPresentation,
        UID_DigitalMammographyXRayImageStorageForProcessing,
        UID_DigitalXRayImageStorageForPresentation,
        UID_DigitalXRayImageStorageForProcessing,
        UID_BreastTomosynthesisImageStorage,
        UID_BreastProjectionXRayImageStorageForPresentation,
        UID_BreastProjectionXRayImageStorageForProcessing,
        UID_SecondaryCaptureImageStorage,
        UID_SegmentationStorage,
    };
    return uids;
}

} // namespace

const std::vector<std::string>& storageSopClassUids()
{
    static const std::vector<std::string> uids = [] {
        std::vector<std::string> all = imageClasses();
        for (const char* uid : {UID_MammographyCADSRStorage, UID_BasicTextSRStorage, UID_EnhancedSRStorage,
                                UID_ComprehensiveSRStorage, UID_KeyObjectSelectionDocumentStorage,
                                UID_GrayscaleSoftcopyPresentationStateStorage, UID_EncapsulatedPDFStorage})
            all.emplace_back(uid);
        return all;
    }();
    return uids;
}

bool isImageStorageSopClass(const std::string& sopClassUid)
{
    const auto& images = imageClasses();
    return std::find(images.begin(), images.end(), sopClassUid) != images.end();
}

const std::vector<std::string>& uncompressedTransferSyntaxes()
{
    static const std::vector<std::string> uids{UID_LittleEndianExplicitTransferSyntax,
                                               UID_LittleEndianImplicitTransferSyntax};
    return uids;
}

const std::vector<std::string>& compressedTransferSyntaxes()
{
    static const std::vector<std::string> uids{
        UID_JPEGProcess14SV1TransferSyntax, UID_JPEGProcess14TransferSyntax,
        UID_JPEGLSLosslessTransferSyntax,   UID_JPEGLSLossyTransferSyntax,
        UID_RLELosslessTransferSyntax,      UID_JPEGProcess1TransferSyntax,
        UID_JPEGProcess2_4TransferSyntax,
    };
    return uids;
}

} // namespace mammo::core::net
