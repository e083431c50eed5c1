#pragma once
#include "StudyCatalog.h"

#include <string>

namespace mammo::core {

// The study a reader compares the current one with: the newest study of the
// same patient (same, non-empty Patient ID) that is older than the current one
// and holds MG images. nullptr when there is none.
const StudyEntry* findPriorStudy(const StudyCatalog& catalog, const StudyEntry& current);

// Whether a study dated (date, time) is older than the current (date, time);
// DICOM DA/TM strings, an empty date never counts as older.
bool isEarlierStudy(const std::string& date, const std::string& time, const std::string& currentDate,
                    const std::string& currentTime);

} // namespace mammo::core
