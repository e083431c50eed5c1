#include "StudyCatalog.h"

#include "Error.h"
#include "GuardedDicomInputStream.h"
#include "TransferSyntax.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcdicdir.h>
#include <dcmtk/dcmdata/dcdirrec.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace mammo::core {
namespace {

std::string kindDescription(DicomObjectKind kind)
{
    switch (kind) {
    case DicomObjectKind::StructuredReport: return "a structured report (SR), not an image";
    case DicomObjectKind::PresentationState: return "a presentation state, not an image";
    case DicomObjectKind::Segmentation: return "a segmentation (SEG), not an image";
    case DicomObjectKind::DicomDirectory: return "a DICOMDIR";
    default: return "not an image (no pixel data)";
    }
}

bool isDicomDirName(const fs::path& path)
{
    std::string name = path.filename().string();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return name == "DICOMDIR";
}

// Patient / study / series / image is four levels; deeper trees come from corrupt offsets.
constexpr int kMaxDirectoryDepth = 16;

void collectRecords(DcmDirectoryRecord* record, const fs::path& base, std::vector<std::string>& out, int depth = 0)
{
    if (depth > kMaxDirectoryDepth)
        return;
    for (unsigned long i = 0; record && i < record->cardSub(); ++i) {
        DcmDirectoryRecord* child = record->getSub(i);
        OFString fileId;
        if (child->findAndGetOFStringArray(DCM_ReferencedFileID, fileId).good() && !fileId.empty()) {
            std::string relative = fileId.c_str();
            std::replace(relative.begin(), relative.end(), '\\', '/');
            fs::path candidate = base / relative;
            if (!fs::exists(candidate)) {
                // Media written on other systems may differ in letter case.
                std::string lower = relative;
                std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
                if (fs::exists(base / lower))
                    candidate = base / lower;
            }
            out.push_back(candidate.string());
        }
        collectRecords(child, base, out, depth + 1);
    }
}

// Files that sit beside DICOM data on media and in exports (notes, licences).
bool hasNonDicomExtension(const std::string& file)
{
    std::string ext = fs::path(file).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const char* known : {".txt", ".md", ".json", ".xml", ".html", ".pdf", ".png", ".jpg", ".csv", ".ini", ".inf"})
        if (ext == known)
            return true;
    return false;
}

} // namespace

std::vector<ImageAttributes> StudyEntry::allImages() const
{
    std::vector<ImageAttributes> images;
    for (const SeriesEntry& s : series)
        images.insert(images.end(), s.images.begin(), s.images.end());
    return images;
}

std::vector<std::string> filesReferencedByDicomDir(const std::string& dicomDirPath)
{
    initialiseDicomToolkit();
    {
        // DcmDicomDir parses with no bounds: a guarded parse first refuses nesting bombs
        // and length fields larger than the file before DCMTK allocates for them.
        DcmFileFormat probe;
        auto stream = GuardedDicomInputStream::openFile(dicomDirPath, std::size_t(64) << 20);
        probe.transferInit();
        const OFCondition status = probe.read(*stream, EXS_Unknown, EGL_noChange, 4096);
        probe.transferEnd();
        if (!stream->problem().empty())
            throw Error("Cannot read DICOMDIR " + dicomDirPath + ": " + stream->problem());
        if (status.bad())
            throw Error("Cannot read DICOMDIR " + dicomDirPath + ": " + status.text());
    }
    DcmDicomDir dir(dicomDirPath.c_str());
    if (dir.error().bad())
        throw Error("Cannot read DICOMDIR " + dicomDirPath + ": " + dir.error().text());
    std::vector<std::string> files;
    collectRecords(&dir.getRootRecord(), fs::path(dicomDirPath).parent_path(), files);
    return files;
}

std::vector<std::string> filesInFolder(const std::string& folder)
{
    std::vector<std::string> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec))
            files.push_back(it->path().string());
    }
    if (ec && files.empty())
        throw Error("Cannot read folder " + folder + ": " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

StudyCatalog StudyCatalog::scan(const std::vector<std::string>& paths)
{
    StudyCatalog catalog;
    std::vector<std::string> files;
    std::set<std::string> referenced;
    for (const std::string& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> inFolder;
            try {
                inFolder = filesInFolder(path);
            } catch (const Error& e) {
                catalog.addProblem({path, e.what()});
                continue;
            }
            if (inFolder.empty())
                catalog.addProblem({path, "The folder contains no files"});
            files.insert(files.end(), inFolder.begin(), inFolder.end());
        } else if (fs::exists(path, ec)) {
            files.push_back(path);
        } else {
            catalog.addProblem({path, "No such file or folder"});
        }
    }
    std::set<std::string> seenInstances;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string file = files[i];   // a copy: DICOMDIR references are appended below
        if (isDicomDirName(file)) {
            try {
                for (const std::string& ref : filesReferencedByDicomDir(file))
                    if (!std::count(files.begin(), files.end(), ref) && referenced.insert(ref).second)
                        files.push_back(ref);
            } catch (const Error& e) {
                catalog.addProblem({file, e.what()});
            }
            continue;
        }
        try {
            DicomHeader header = readDicomHeader(file);
            if (header.kind == DicomObjectKind::StructuredReport) {
                catalog.addStructuredReport(file);   // may hold CAD marks for the images
                continue;
            }
            if (header.kind != DicomObjectKind::Image) {
                catalog.addProblem({file, "Skipped: " + kindDescription(header.kind), false});
                continue;
            }
            if (!seenInstances.insert(header.attributes.sopInstanceUid).second && !header.attributes.sopInstanceUid.empty())
                continue;   // the same instance reached twice (folder and DICOMDIR)
            catalog.addHeader(header);
        } catch (const Error& e) {
            catalog.addProblem({file, e.what(), !hasNonDicomExtension(file)});
        }
    }
    catalog.sort();
    return catalog;
}

void StudyCatalog::addHeader(const DicomHeader& header)
{
    const ImageAttributes& a = header.attributes;
    auto patient = std::find_if(m_patients.begin(), m_patients.end(),
                                [&](const PatientEntry& p) { return p.patientId == a.patientId && p.name == a.patientName; });
    if (patient == m_patients.end()) {
        m_patients.push_back({a.patientId, a.patientName, a.patientBirthDate, {}});
        patient = std::prev(m_patients.end());
    }
    auto study = std::find_if(patient->studies.begin(), patient->studies.end(),
                              [&](const StudyEntry& s) { return s.studyInstanceUid == a.studyInstanceUid; });
    if (study == patient->studies.end()) {
        patient->studies.push_back({a.studyInstanceUid, a.studyDate, a.studyTime, a.studyDescription, a.accessionNumber, {}});
        study = std::prev(patient->studies.end());
    }
    auto series = std::find_if(study->series.begin(), study->series.end(),
                               [&](const SeriesEntry& s) { return s.seriesInstanceUid == a.seriesInstanceUid; });
    if (series == study->series.end()) {
        study->series.push_back({a.seriesInstanceUid, a.seriesNumber, a.seriesDescription, a.modality, {}});
        series = std::prev(study->series.end());
    }
    series->images.push_back(a);
}

void StudyCatalog::sort()
{
    for (PatientEntry& patient : m_patients) {
        for (StudyEntry& study : patient.studies) {
            for (SeriesEntry& series : study.series)
                std::stable_sort(series.images.begin(), series.images.end(),
                                 [](const ImageAttributes& x, const ImageAttributes& y) { return x.instanceNumber < y.instanceNumber; });
            std::stable_sort(study.series.begin(), study.series.end(),
                             [](const SeriesEntry& x, const SeriesEntry& y) { return x.seriesNumber < y.seriesNumber; });
        }
        std::stable_sort(patient.studies.begin(), patient.studies.end(), [](const StudyEntry& x, const StudyEntry& y) {
            return x.date + x.time > y.date + y.time;
        });
    }
}

std::size_t StudyCatalog::imageCount() const
{
    std::size_t count = 0;
    for (const PatientEntry& p : m_patients)
        for (const StudyEntry& s : p.studies)
            for (const SeriesEntry& se : s.series)
                count += se.images.size();
    return count;
}

const StudyEntry* StudyCatalog::findStudy(const std::string& studyInstanceUid) const
{
    for (const PatientEntry& p : m_patients)
        for (const StudyEntry& s : p.studies)
            if (s.studyInstanceUid == studyInstanceUid)
                return &s;
    return nullptr;
}

const StudyEntry* StudyCatalog::firstStudy() const
{
    if (m_patients.empty() || m_patients.front().studies.empty())
        return nullptr;
    return &m_patients.front().studies.front();
}

} // namespace mammo::core
