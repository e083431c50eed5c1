#pragma once
#include "core/Finding.h"
#include "core/ImageAttributes.h"

#include <string>
#include <vector>

namespace mammo::core::cad {

// Who made the findings: written to General Equipment, to the Algorithm
// Identification (TID 4019) of every finding and to the Summary of Detections.
struct CadSrOptions {
    std::string manufacturer = "Mammoscope";          // (0008,0070)
    std::string modelName;                            // (0008,1090), e.g. the product name
    std::string softwareVersions;                     // (0018,1020)
    std::string algorithmName;                        // TID 4019 Algorithm Name: product + model name
    std::string algorithmVersion;                     // TID 4019 Algorithm Version
    // Findings scoring at least this are "Presentation Required", the others
    // "Presentation Optional" (CID 6034): viewers may hide the latter.
    double presentationRequiredScore = 0.5;
    int seriesNumber = 9001;
    int instanceNumber = 1;
};

// What was written.
struct CadSrWriteResult {
    std::string sopInstanceUid;
    std::string seriesInstanceUid;
    int findingsWritten = 0;
    int readerRegionsSkipped = 0;   // drawnByReader findings: not CAD output, not written
};

// Writes the assistant's mass findings as a Mammography CAD SR
// (SOP Class 1.2.840.10008.5.1.4.1.1.88.50, PS3.16 TID 4000):
//   Image Library (TID 4020) with every processed image, its laterality,
//   view, orientation, dates and pixel spacing;
//   CAD Processing and Findings Summary (TID 4001) with one Individual
//   Impression (TID 4003) per finding holding a Single Image Finding
//   (TID 4006) of type Mass: Rendering Intent, Algorithm Identification,
//   Certainty of Finding (= score, %), Probability of cancer (= malignancy,
//   %, when classified), Center (POINT) and Outline (closed POLYLINE), each
//   SELECTED FROM (by reference) the image's Image Library entry (TID 4021);
//   Summary of Detections: Succeeded, Mass detection on every image
//   (TID 4015/4017); Summary of Analyses: Not Attempted.
// Coordinates are image pixel coordinates as in Finding (DICOM SCOORD uses
// the same convention: 0,0 is the top-left corner of the first pixel).
// Regions the reader drew (drawnByReader) are not computer-aided detections
// and are left out; the result counts them.
// The document is COMPLETE (the CAD output is whole) and UNVERIFIED (no
// person has attested it); Series Description says it is CAD output for
// decision support. Patient and study come from the images, which must be
// of one study; Series and SOP Instance UIDs are new.
class MammographyCadSrWriter {
public:
    explicit MammographyCadSrWriter(CadSrOptions options);

    const CadSrOptions& options() const { return m_options; }

    // images: every image the assistant processed (the findings may cover
    // only some). Each finding's sopInstanceUid must be one of them.
    // Throws Error for empty or inconsistent input or when writing fails.
    CadSrWriteResult write(const std::vector<ImageAttributes>& images, const std::vector<Finding>& findings,
                           const std::string& path) const;

private:
    CadSrOptions m_options;
};

} // namespace mammo::core::cad
