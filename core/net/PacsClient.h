#pragma once
#include "core/net/PacsNode.h"
#include "core/net/StudyQuery.h"
#include "core/net/TransferResult.h"

#include <atomic>
#include <string>
#include <vector>

namespace mammo::core::net {

// Talks to one PACS as a DICOM SCU (DCMTK DcmSCU): C-ECHO, C-FIND, C-GET,
// C-MOVE, C-STORE. Each call opens its own association and closes it before
// returning, so a PacsClient holds no connection and no global state: make
// one per operation on a worker thread. Every failure (bad settings,
// connection refused, timeout, association rejected, failed status) throws
// core::Error with a message for the user that names host:port and the AE
// titles but never patient data. Cancelling (the atomic flag) is checked
// between sub-operations and is not an error: the result says cancelled.
class PacsClient {
public:
    // Throws core::Error when the node's settings are invalid.
    explicit PacsClient(PacsNode node);

    const PacsNode& node() const { return node_; }

    // C-ECHO (Verification).
    void echo();

    // C-FIND at STUDY level, Study Root.
    std::vector<StudyRecord> findStudies(const StudyQuery& query);

    // C-FIND at PATIENT level, Patient Root.
    std::vector<PatientRecord> findPatients(const PatientQuery& query);

    // C-GET of a whole study (Study Root) into
    // destinationDir/<StudyInstanceUID>/<SOPInstanceUID>.dcm, each file
    // written atomically, existing instances kept (counted as duplicates).
    // Negotiates MG/DX/breast images, CAD SR, SEG, SR... with uncompressed,
    // JPEG lossless/baseline, JPEG-LS and RLE, so files arrive as the PACS
    // stores them. On cancel: sends C-CANCEL; a PACS that keeps sending
    // (Orthanc 1.10 ignores C-CANCEL) gets the association aborted.
    RetrieveResult retrieveStudyByGet(const std::string& studyInstanceUid, const std::string& destinationDir,
                                      const TransferProgress& progress = {},
                                      const std::atomic_bool* cancel = nullptr);

    // C-MOVE of a whole study to moveDestinationAe (e.g. our StorageScp; the
    // PACS must know that AE's host and port). The files arrive at the
    // destination, so filesWritten stays empty; counts come from the PACS.
    RetrieveResult retrieveStudyByMove(const std::string& studyInstanceUid, const std::string& moveDestinationAe,
                                       const TransferProgress& progress = {},
                                       const std::atomic_bool* cancel = nullptr);

    // C-STORE of DICOM files (e.g. our CAD SR back to the PACS), in one
    // association. Files the PACS refuses are listed in the result, not
    // thrown; unreadable files and network failures throw.
    StoreResult store(const std::vector<std::string>& paths, const TransferProgress& progress = {},
                      const std::atomic_bool* cancel = nullptr);

private:
    PacsNode node_;
};

} // namespace mammo::core::net
