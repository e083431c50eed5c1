#pragma once
#include "core/Finding.h"
#include "core/ImageAttributes.h"

#include <string>
#include <vector>

namespace mammo::core::cad {

// Who produced the results, for the SR's and SEG's equipment and algorithm fields.
struct CadProducer {
    std::string productName = "Mammoscope";
    std::string softwareVersion;    // the program's version
    std::string algorithmName;      // e.g. "Mammoscope mass detector detector-cpu"
    std::string algorithmVersion;   // e.g. the model file's SHA-256 prefix
};

struct CadExportResult {
    std::string srPath;                  // empty when no SR was asked for
    std::vector<std::string> segPaths;   // one per image with at least one region
    int findingsWritten = 0;
    int readerRegionsSkipped = 0;        // drawn regions: not CAD output, not in the SR
};

// One study's results as standard DICOM: a Mammography CAD SR (TID 4000)
// over every processed image (written when srPath is not empty) and one
// DICOM SEG per image with findings into segDirectory (when not empty),
// named <SOP Instance UID>.seg.dcm. Images must carry their file path (the
// SEG copies patient and study from the source file). Throws Error.
CadExportResult exportCadResults(const std::vector<ImageAttributes>& images, const std::vector<Finding>& findings,
                                 const CadProducer& producer, const std::string& srPath, const std::string& segDirectory);

} // namespace mammo::core::cad
