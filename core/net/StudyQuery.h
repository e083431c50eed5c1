#pragma once
#include <string>
#include <vector>

namespace mammo::core::net {

// C-FIND keys at STUDY level (Study Root). Empty fields do not restrict.
struct StudyQuery {
    std::string patientName;     // DICOM wildcards * and ? allowed, e.g. "SMITH^*"
    std::string patientId;
    std::string studyDateFrom;   // YYYYMMDD; empty: open range
    std::string studyDateTo;     // YYYYMMDD; empty: open range
    std::string modality = "MG"; // matched against Modalities In Study; empty: any
    std::string accessionNumber;
};

// One study as the PACS answered it (strings as sent, converted to UTF-8).
struct StudyRecord {
    std::string patientName;
    std::string patientId;
    std::string patientBirthDate;  // YYYYMMDD or empty
    std::string studyInstanceUid;
    std::string studyDate;         // YYYYMMDD or empty
    std::string studyTime;
    std::string studyDescription;
    std::string accessionNumber;
    std::vector<std::string> modalitiesInStudy;
    int numberOfInstances = -1;    // -1: the PACS did not say
};

// C-FIND keys at PATIENT level (Patient Root).
struct PatientQuery {
    std::string patientName;       // wildcards allowed
    std::string patientId;
};

struct PatientRecord {
    std::string patientName;
    std::string patientId;
    std::string patientBirthDate;
    std::string patientSex;
    int numberOfStudies = -1;      // -1: the PACS did not say
};

} // namespace mammo::core::net
