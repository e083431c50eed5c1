#pragma once
#include "DicomReader.h"
#include "ImageAttributes.h"

#include <string>
#include <vector>

namespace mammo::core {

struct SeriesEntry {
    std::string seriesInstanceUid;
    int seriesNumber = 0;
    std::string description;
    std::string modality;
    std::vector<ImageAttributes> images;   // sorted by instance number
};

struct StudyEntry {
    std::string studyInstanceUid;
    std::string date;
    std::string time;
    std::string description;
    std::string accessionNumber;
    std::vector<SeriesEntry> series;
    std::vector<ImageAttributes> allImages() const;
};

struct PatientEntry {
    std::string patientId;
    std::string name;
    std::string birthDate;
    std::vector<StudyEntry> studies;   // newest first
};

// A file that was not added, and why (a user-readable message). Skipped
// files (not DICOM, not an image) are expected in real folders; errors are not.
struct CatalogProblem {
    std::string path;
    std::string message;
    bool isError = true;
};

// Patients -> studies -> series -> images, built from files, folders and
// DICOMDIRs. Only headers are read; pixel data is decoded when displayed.
class StudyCatalog {
public:
    // Files, folders (recursive) and DICOMDIR files; unreadable or non-image
    // objects become problems and never stop the rest from loading.
    static StudyCatalog scan(const std::vector<std::string>& paths);

    void addHeader(const DicomHeader& header);
    void addProblem(CatalogProblem problem) { m_problems.push_back(std::move(problem)); }

    const std::vector<PatientEntry>& patients() const { return m_patients; }
    const std::vector<CatalogProblem>& problems() const { return m_problems; }
    // Structured reports found beside the images (e.g. CAD SRs), by path.
    void addStructuredReport(std::string path) { m_structuredReports.push_back(std::move(path)); }
    const std::vector<std::string>& structuredReports() const { return m_structuredReports; }
    std::size_t imageCount() const;
    const StudyEntry* findStudy(const std::string& studyInstanceUid) const;
    // The first study of the first patient, or nullptr.
    const StudyEntry* firstStudy() const;

private:
    void sort();
    std::vector<PatientEntry> m_patients;
    std::vector<CatalogProblem> m_problems;
    std::vector<std::string> m_structuredReports;
};

// The files a DICOMDIR references (image records), as absolute paths.
std::vector<std::string> filesReferencedByDicomDir(const std::string& dicomDirPath);

// Regular files below a folder, recursively, sorted.
std::vector<std::string> filesInFolder(const std::string& folder);

} // namespace mammo::core
