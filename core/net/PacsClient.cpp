#include "core/net/PacsClient.h"

#include "core/Error.h"
#include "core/net/InstanceFileWriter.h"
#include "core/net/ScuAssociation.h"
#include "core/net/StorageSopClasses.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

namespace mammo::core::net {
namespace {

// An association carries at most 128 presentation contexts.
constexpr std::size_t kMaxPresentationContexts = 128;

bool cancelRequested(const std::atomic_bool* cancel)
{
    return cancel && cancel->load();
}

std::string statusText(Uint16 status, const char* dcmtkText)
{
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(status));
    return std::string("status 0x") + hex + " (" + dcmtkText + ")";
}

bool isAsciiOnly(const std::string& text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

void checkDate(const std::string& date, const std::string& what)
{
    const bool ok = date.empty()
        || (date.size() == 8 && std::all_of(date.begin(), date.end(), [](char c) { return c >= '0' && c <= '9'; }));
    if (!ok)
        throw Error("The " + what + " must be written YYYYMMDD.");
}

void checkUid(const std::string& uid, const std::string& what)
{
    if (!isValidUid(uid))
        throw Error("'" + uid + "' is not a valid " + what + ".");
}

std::string getString(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    item.findAndGetOFStringArray(tag, value);
    return value.c_str();
}

int getCount(DcmItem& item, const DcmTagKey& tag)
{
    Sint32 value = -1;
    return item.findAndGetSint32(tag, value).good() ? static_cast<int>(value) : -1;
}

std::vector<std::string> splitValues(const std::string& multiValue)
{
    std::vector<std::string> values;
    std::size_t start = 0;
    while (start <= multiValue.size()) {
        const std::size_t end = std::min(multiValue.find('\\', start), multiValue.size());
        if (end > start)
            values.push_back(multiValue.substr(start, end - start));
        start = end + 1;
    }
    return values;
}

// Query keys: matching values and empty return keys. Non-ASCII input (UTF-8
// from the GUI) is declared as ISO_IR 192.
void putKey(DcmDataset& keys, const DcmTagKey& tag, const std::string& value = {})
{
    keys.putAndInsertString(tag, value.c_str());
}

// Runs one C-FIND on its own association and returns the matches with their
// strings converted to UTF-8. Throws for a failure status.
std::vector<std::unique_ptr<DcmDataset>> runFind(const PacsNode& node, const char* informationModel,
                                                 DcmDataset& keys, const std::string& what)
{
    ScuAssociation association(node);
    association.propose(informationModel, uncompressedTransferSyntaxes());
    association.open(what);
    const T_ASC_PresentationContextID context = association.acceptedContext(informationModel, "this query (C-FIND)");
    OFList<QRResponse*> responses;
    const OFCondition cond = association.sendFINDRequest(context, &keys, &responses);
    std::vector<std::unique_ptr<DcmDataset>> matches;
    Uint16 finalStatus = STATUS_Success;
    for (QRResponse* response : responses) {
        std::unique_ptr<QRResponse> owned(response);
        if (DICOM_PENDING_STATUS(owned->m_status) && owned->m_dataset) {
            owned->m_dataset->convertToUTF8();   // best effort: keeps the bytes when a charset is unknown
            matches.emplace_back(owned->m_dataset);
            owned->m_dataset = nullptr;
        } else {
            finalStatus = owned->m_status;
        }
    }
    if (cond.bad())
        association.failDimse("The query (C-FIND)", cond);
    association.close();
    if (finalStatus != STATUS_Success && !DICOM_WARNING_STATUS(finalStatus))
        throw Error("The query (C-FIND) failed at " + describeNode(node) + ": "
                    + statusText(finalStatus, DU_cfindStatusString(finalStatus)) + ".");
    return matches;
}

// Sub-operation counts of a C-GET/C-MOVE response, into the result and the
// progress callback.
void takeCounts(const RetrieveResponse& response, RetrieveResult& result, const TransferProgress& progress)
{
    result.completed = response.m_numberOfCompletedSubops;
    result.failed = response.m_numberOfFailedSubops;
    result.warnings = response.m_numberOfWarningSubops;
    if (progress)
        progress(result.completed + result.warnings, response.m_numberOfRemainingSubops, result.failed);
}

// A C-GET: the PACS sends each instance back on our association as a C-STORE
// sub-operation, which we write with InstanceFileWriter.
class GetSession : public ScuAssociation {
public:
    GetSession(const PacsNode& node, const std::string& destination, const TransferProgress& progress,
               const std::atomic_bool* cancel)
        : ScuAssociation(node), writer_(destination), progress_(progress), cancel_(cancel)
    {
    }

    RetrieveResult result;
    Uint16 finalStatus = STATUS_Success;
    bool abortNeeded = false;
    std::vector<std::string> writeErrors;

    void setGetContext(T_ASC_PresentationContextID id) { getContext_ = id; }

protected:
    OFCondition handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                   OFBool& continueSession) override
    {
        const OFCondition cond = ScuAssociation::handleCGETResponse(presID, response, continueSession);
        if (!response)
            return cond;
        takeCounts(*response, result, progress_);
        if (!DICOM_PENDING_STATUS(response->m_status))
            finalStatus = response->m_status;
        else if (cancelRequested(cancel_) && !cancelSent_) {
            sendCANCELRequest(getContext_);
            cancelSent_ = true;
        }
        return cond;
    }

    OFCondition handleSTORERequest(const T_ASC_PresentationContextID, DcmDataset* incomingObject,
                                   OFBool& continueSession, Uint16& status) override
    {
        if (!incomingObject)
            return DIMSE_NULLKEY;
        DcmFileFormat file(incomingObject, OFFalse);   // takes ownership
        if (cancelRequested(cancel_)) {
            // Cancelled, and the PACS still sends: refuse this one, end the
            // session, abort the association afterwards.
            status = STATUS_STORE_Refused_OutOfResources;
            continueSession = OFFalse;
            abortNeeded = true;
            return EC_Normal;
        }
        try {
            const WrittenInstance written = writer_.write(file);
            if (written.duplicate)
                ++result.duplicates;
            else
                result.filesWritten.push_back(written.path);
            status = STATUS_Success;
        } catch (const Error& error) {
            writeErrors.emplace_back(error.what());
            status = STATUS_STORE_Refused_OutOfResources;
        }
        return EC_Normal;
    }

private:
    InstanceFileWriter writer_;
    TransferProgress progress_;
    const std::atomic_bool* cancel_;
    T_ASC_PresentationContextID getContext_ = 0;
    bool cancelSent_ = false;
};

// A C-MOVE: the instances travel to another AE; we only follow the counts.
class MoveSession : public ScuAssociation {
public:
    MoveSession(const PacsNode& node, const TransferProgress& progress, const std::atomic_bool* cancel)
        : ScuAssociation(node), progress_(progress), cancel_(cancel)
    {
    }

    RetrieveResult result;
    Uint16 finalStatus = STATUS_Success;
    bool abortNeeded = false;

    void setMoveContext(T_ASC_PresentationContextID id) { moveContext_ = id; }

protected:
    OFCondition handleMOVEResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                   OFBool& waitForNextResponse) override
    {
        const OFCondition cond = ScuAssociation::handleMOVEResponse(presID, response, waitForNextResponse);
        if (!response)
            return cond;
        takeCounts(*response, result, progress_);
        if (!DICOM_PENDING_STATUS(response->m_status)) {
            finalStatus = response->m_status;
        } else if (cancelRequested(cancel_)) {
            if (!cancelSent_) {
                sendCANCELRequest(moveContext_);
                cancelSent_ = true;
            } else {
                // Still pending after our C-CANCEL: the PACS ignores it.
                waitForNextResponse = OFFalse;
                abortNeeded = true;
            }
        }
        return cond;
    }

private:
    TransferProgress progress_;
    const std::atomic_bool* cancel_;
    T_ASC_PresentationContextID moveContext_ = 0;
    bool cancelSent_ = false;
};

std::unique_ptr<DcmDataset> studyRetrieveKeys(const std::string& studyInstanceUid)
{
    auto keys = std::make_unique<DcmDataset>();
    putKey(*keys, DCM_QueryRetrieveLevel, "STUDY");
    putKey(*keys, DCM_StudyInstanceUID, studyInstanceUid);
    return keys;
}

// moveDestination: empty for C-GET.
void checkRetrieveStatus(Uint16 status, const char* dcmtkText, const std::string& what, const PacsNode& node,
                         const std::string& moveDestination = {})
{
    if (status == STATUS_Success || DICOM_WARNING_STATUS(status)
        || status == STATUS_GET_Cancel_SubOperationsTerminatedDueToCancelIndication)
        return;
    if (status == STATUS_MOVE_Refused_MoveDestinationUnknown)
        throw Error(what + " failed: " + describeNode(node) + " does not know the destination AE title '"
                    + moveDestination + "'; it must be registered there with its host and port.");
    std::string message = what + " failed at " + describeNode(node) + ": " + statusText(status, dcmtkText) + ".";
    // Some PACS (Orthanc 1.10) answer an unknown destination with a generic failure.
    if (!moveDestination.empty())
        message += " Check that the PACS knows the destination AE title '" + moveDestination + "' with its host and port.";
    throw Error(message);
}

} // namespace

PacsClient::PacsClient(PacsNode node) : node_(std::move(node))
{
    validatePacsNode(node_);
}

void PacsClient::echo()
{
    ScuAssociation association(node_);
    association.propose(UID_VerificationSOPClass, uncompressedTransferSyntaxes());
    association.open("verify the connection (C-ECHO)");
    const T_ASC_PresentationContextID context =
        association.acceptedContext(UID_VerificationSOPClass, "verification (C-ECHO)");
    const OFCondition cond = association.sendECHORequest(context);
    if (cond.bad())
        association.failDimse("C-ECHO", cond);
    association.close();
}

std::vector<StudyRecord> PacsClient::findStudies(const StudyQuery& query)
{
    checkDate(query.studyDateFrom, "first study date");
    checkDate(query.studyDateTo, "last study date");
    DcmDataset keys;
    putKey(keys, DCM_QueryRetrieveLevel, "STUDY");
    putKey(keys, DCM_SpecificCharacterSet, isAsciiOnly(query.patientName + query.patientId) ? "" : "ISO_IR 192");
    putKey(keys, DCM_PatientName, query.patientName);
    putKey(keys, DCM_PatientID, query.patientId);
    putKey(keys, DCM_PatientBirthDate);
    putKey(keys, DCM_StudyInstanceUID);
    std::string dateRange;
    if (!query.studyDateFrom.empty() || !query.studyDateTo.empty())
        dateRange = query.studyDateFrom == query.studyDateTo ? query.studyDateFrom
                                                             : query.studyDateFrom + "-" + query.studyDateTo;
    putKey(keys, DCM_StudyDate, dateRange);
    putKey(keys, DCM_StudyTime);
    putKey(keys, DCM_StudyDescription);
    putKey(keys, DCM_AccessionNumber, query.accessionNumber);
    putKey(keys, DCM_ModalitiesInStudy, query.modality);
    putKey(keys, DCM_NumberOfStudyRelatedInstances);

    std::vector<StudyRecord> studies;
    for (const auto& match : runFind(node_, UID_FINDStudyRootQueryRetrieveInformationModel, keys, "search studies (C-FIND)")) {
        StudyRecord study;
        study.patientName = getString(*match, DCM_PatientName);
        study.patientId = getString(*match, DCM_PatientID);
        study.patientBirthDate = getString(*match, DCM_PatientBirthDate);
        study.studyInstanceUid = getString(*match, DCM_StudyInstanceUID);
        study.studyDate = getString(*match, DCM_StudyDate);
        study.studyTime = getString(*match, DCM_StudyTime);
        study.studyDescription = getString(*match, DCM_StudyDescription);
        study.accessionNumber = getString(*match, DCM_AccessionNumber);
        study.modalitiesInStudy = splitValues(getString(*match, DCM_ModalitiesInStudy));
        study.numberOfInstances = getCount(*match, DCM_NumberOfStudyRelatedInstances);
        studies.push_back(std::move(study));
    }
    return studies;
}

std::vector<PatientRecord> PacsClient::findPatients(const PatientQuery& query)
{
    DcmDataset keys;
    putKey(keys, DCM_QueryRetrieveLevel, "PATIENT");
    putKey(keys, DCM_SpecificCharacterSet, isAsciiOnly(query.patientName + query.patientId) ? "" : "ISO_IR 192");
    putKey(keys, DCM_PatientName, query.patientName);
    putKey(keys, DCM_PatientID, query.patientId);
    putKey(keys, DCM_PatientBirthDate);
    putKey(keys, DCM_PatientSex);
    putKey(keys, DCM_NumberOfPatientRelatedStudies);

    std::vector<PatientRecord> patients;
    for (const auto& match :
         runFind(node_, UID_FINDPatientRootQueryRetrieveInformationModel, keys, "search patients (C-FIND)")) {
        PatientRecord patient;
        patient.patientName = getString(*match, DCM_PatientName);
        patient.patientId = getString(*match, DCM_PatientID);
        patient.patientBirthDate = getString(*match, DCM_PatientBirthDate);
        patient.patientSex = getString(*match, DCM_PatientSex);
        patient.numberOfStudies = getCount(*match, DCM_NumberOfPatientRelatedStudies);
        patients.push_back(std::move(patient));
    }
    return patients;
}

RetrieveResult PacsClient::retrieveStudyByGet(const std::string& studyInstanceUid, const std::string& destinationDir,
                                              const TransferProgress& progress, const std::atomic_bool* cancel)
{
    checkUid(studyInstanceUid, "Study Instance UID");
    if (destinationDir.empty())
        throw Error("No folder was given for the retrieved study.");
    if (cancelRequested(cancel)) {
        RetrieveResult result;
        result.cancelled = true;
        return result;
    }

    GetSession session(node_, destinationDir, progress, cancel);
    session.propose(UID_GETStudyRootQueryRetrieveInformationModel, uncompressedTransferSyntaxes());
    // One context per compressed syntax: the PACS picks the one its file is
    // in and sends it as stored, without transcoding.
    for (const auto& sopClass : storageSopClassUids()) {
        session.propose(sopClass, uncompressedTransferSyntaxes(), ASC_SC_ROLE_SCP);
        if (isImageStorageSopClass(sopClass))
            for (const auto& syntax : compressedTransferSyntaxes())
                session.propose(sopClass, {syntax}, ASC_SC_ROLE_SCP);
    }
    session.open("retrieve the study (C-GET)");
    const T_ASC_PresentationContextID context =
        session.acceptedContext(UID_GETStudyRootQueryRetrieveInformationModel, "study retrieval by C-GET");
    session.setGetContext(context);

    const auto keys = studyRetrieveKeys(studyInstanceUid);
    const OFCondition cond = session.sendCGETRequest(context, keys.get(), nullptr);
    if (session.abortNeeded) {
        session.abortAssociation();
        session.result.cancelled = true;
        return std::move(session.result);
    }
    if (cond.bad())
        session.failDimse("The retrieve (C-GET)", cond);
    session.close();
    if (!session.writeErrors.empty())
        throw Error(std::to_string(session.writeErrors.size()) + " received instance(s) could not be stored: "
                    + session.writeErrors.front());
    checkRetrieveStatus(session.finalStatus, DU_cgetStatusString(session.finalStatus), "The retrieve (C-GET)", node_);
    session.result.cancelled =
        session.finalStatus == STATUS_GET_Cancel_SubOperationsTerminatedDueToCancelIndication || cancelRequested(cancel);
    return std::move(session.result);
}

RetrieveResult PacsClient::retrieveStudyByMove(const std::string& studyInstanceUid, const std::string& moveDestinationAe,
                                               const TransferProgress& progress, const std::atomic_bool* cancel)
{
    checkUid(studyInstanceUid, "Study Instance UID");
    validateAeTitle(moveDestinationAe, "move destination AE title");
    if (cancelRequested(cancel)) {
        RetrieveResult result;
        result.cancelled = true;
        return result;
    }

    MoveSession session(node_, progress, cancel);
    session.propose(UID_MOVEStudyRootQueryRetrieveInformationModel, uncompressedTransferSyntaxes());
    session.open("retrieve the study (C-MOVE)");
    const T_ASC_PresentationContextID context =
        session.acceptedContext(UID_MOVEStudyRootQueryRetrieveInformationModel, "study retrieval by C-MOVE");
    session.setMoveContext(context);

    const auto keys = studyRetrieveKeys(studyInstanceUid);
    const OFCondition cond = session.sendMOVERequest(context, moveDestinationAe.c_str(), keys.get(), nullptr);
    if (session.abortNeeded) {
        session.abortAssociation();
        session.result.cancelled = true;
        return std::move(session.result);
    }
    if (cond.bad())
        session.failDimse("The retrieve (C-MOVE)", cond);
    session.close();
    checkRetrieveStatus(session.finalStatus, DU_cmoveStatusString(session.finalStatus), "The retrieve (C-MOVE)", node_,
                        moveDestinationAe);
    session.result.cancelled = session.finalStatus == STATUS_MOVE_Cancel || cancelRequested(cancel);
    return std::move(session.result);
}

StoreResult PacsClient::store(const std::vector<std::string>& paths, const TransferProgress& progress,
                              const std::atomic_bool* cancel)
{
    StoreResult result;
    if (paths.empty())
        return result;

    // Read each file's SOP class and transfer syntax to propose just those.
    struct FileInfo { std::string sopClass; std::string transferSyntax; };
    std::vector<FileInfo> infos;
    std::map<std::string, std::set<std::string>> syntaxesByClass;
    for (const auto& path : paths) {
        DcmFileFormat file;
        // Large values (pixel data) are not loaded: the header is enough.
        const OFCondition cond = file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 4096);
        if (cond.bad())
            throw Error("Cannot read " + path + " for sending: " + cond.text());
        OFString sopClass;
        file.getDataset()->findAndGetOFString(DCM_SOPClassUID, sopClass);
        if (sopClass.empty())
            throw Error("Cannot send " + path + ": it has no SOP Class UID.");
        const DcmXfer xfer(file.getDataset()->getOriginalXfer());
        infos.push_back({sopClass.c_str(), xfer.getXferID()});
        syntaxesByClass[sopClass.c_str()].insert(xfer.getXferID());
    }

    ScuAssociation association(node_);
    std::size_t contexts = 0;
    for (const auto& [sopClass, syntaxes] : syntaxesByClass) {
        association.propose(sopClass, uncompressedTransferSyntaxes());
        ++contexts;
        for (const auto& syntax : syntaxes) {
            const auto& plain = uncompressedTransferSyntaxes();
            if (std::find(plain.begin(), plain.end(), syntax) == plain.end()) {
                association.propose(sopClass, {syntax});
                ++contexts;
            }
        }
    }
    if (contexts > kMaxPresentationContexts)
        throw Error("Too many kinds of DICOM objects to send in one go (" + std::to_string(contexts)
                    + " combinations of SOP class and transfer syntax); send them in smaller groups.");
    // Lets DcmSCU decompress a file when the PACS took only uncompressed.
    association.setDatasetConversionMode(OFTrue);
    association.open("send to the PACS (C-STORE)");

    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (cancelRequested(cancel)) {
            result.cancelled = true;
            break;
        }
        const T_ASC_PresentationContextID context =
            association.findAnyPresentationContextID(infos[i].sopClass.c_str(), infos[i].transferSyntax.c_str());
        if (context == 0) {
            result.failedFiles.push_back(paths[i]);
            result.failureReasons.push_back("the PACS does not accept this kind of object (SOP class " + infos[i].sopClass + ")");
        } else {
            Uint16 status = 0;
            const OFCondition cond = association.sendSTORERequest(context, paths[i].c_str(), nullptr, status);
            // dcmnet errors are the connection's; others (unreadable file, no
            // decoder for the PACS's syntax) concern this file only.
            if (cond.bad() && cond.module() == OFM_dcmnet)
                association.failDimse("Sending a file (C-STORE)", cond);
            if (cond.bad()) {
                result.failedFiles.push_back(paths[i]);
                result.failureReasons.push_back(std::string("cannot be sent: ") + cond.text());
            } else if (status == STATUS_Success || DICOM_WARNING_STATUS(status)) {
                result.stored.push_back(paths[i]);
            } else {
                result.failedFiles.push_back(paths[i]);
                result.failureReasons.push_back("refused by the PACS: " + statusText(status, DU_cstoreStatusString(status)));
            }
        }
        if (progress)
            progress(static_cast<int>(result.stored.size()), static_cast<int>(paths.size() - i - 1),
                     static_cast<int>(result.failedFiles.size()));
    }
    association.close();
    return result;
}

} // namespace mammo::core::net
