#include "PriorStudy.h"

#include <algorithm>

namespace mammo::core {
namespace {

bool hasMammograms(const StudyEntry& study)
{
    return std::any_of(study.series.begin(), study.series.end(),
                       [](const SeriesEntry& s) { return s.modality == "MG" && !s.images.empty(); });
}

// TM may be HHMMSS.FFFFFF or shorter; pad so strings compare in time order.
std::string sortableTime(const std::string& time)
{
    std::string t = time.substr(0, time.find('.'));
    t.resize(6, '0');
    return t;
}

} // namespace

bool isEarlierStudy(const std::string& date, const std::string& time, const std::string& currentDate,
                    const std::string& currentTime)
{
    if (date.empty() || currentDate.empty())
        return false;
    if (date != currentDate)
        return date < currentDate;
    return sortableTime(time) < sortableTime(currentTime);
}

const StudyEntry* findPriorStudy(const StudyCatalog& catalog, const StudyEntry& current)
{
    // The patient the current study belongs to, by ID: a renamed patient keeps the ID.
    const PatientEntry* owner = nullptr;
    for (const PatientEntry& patient : catalog.patients())
        for (const StudyEntry& study : patient.studies)
            if (study.studyInstanceUid == current.studyInstanceUid)
                owner = &patient;
    if (!owner || owner->patientId.empty())
        return nullptr;
    const StudyEntry* prior = nullptr;
    for (const PatientEntry& patient : catalog.patients()) {
        if (patient.patientId != owner->patientId)
            continue;
        for (const StudyEntry& study : patient.studies) {
            if (study.studyInstanceUid == current.studyInstanceUid || !hasMammograms(study) ||
                !isEarlierStudy(study.date, study.time, current.date, current.time))
                continue;
            if (!prior || isEarlierStudy(prior->date, prior->time, study.date, study.time))
                prior = &study;
        }
    }
    return prior;
}

} // namespace mammo::core
