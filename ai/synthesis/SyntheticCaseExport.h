#pragma once
// Saving a synthetic case in one call: the synthetic MG image, its lesion masks
// as DICOM SEG, and (optionally) the case in a detector training folder.
// Qt-free, so the app can call it from its worker thread.
#include "LesionPatch.h"
#include "core/ImageAttributes.h"
#include "core/MiasCatalog.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace mammo::ai::synthesis {

struct SyntheticCaseLesion {
    cv::Mat mask;                  // CV_8U, the image's size, non-zero on the lesion
    std::string lesionClass = "CIRC";                    // mini-MIAS class code (CIRC, SPIC, MISC)
    LesionSeverity severity = LesionSeverity::Unknown;
    std::string id;                // the lesion library's id, for cases.json
};

struct SyntheticCaseRequest {
    core::ImageAttributes source;  // the normal image (with filePath and its UIDs)
    cv::Mat composite;             // stored values with the lesions blended: CV_8U or CV_16U, source rows x columns
    std::vector<SyntheticCaseLesion> lesions;   // at least one
    std::string method;            // "ban", "poisson", "paste"...
    std::string softwareVersions;  // written into both DICOM files; empty: "unknown"
    std::string uidRoot;           // empty: DCMTK's
    std::string outputDirectory;   // created when missing
    std::string name;              // file stem; empty: the first free "synthetic-NNNN"
    std::string trainingFolder;    // empty: no training case
    core::MiasTissue tissue = core::MiasTissue::FattyGlandular;   // Info.txt needs one; the app cannot tell
};

struct SyntheticCaseFiles {
    std::string imagePath;               // <outputDirectory>/<name>.dcm
    std::string segmentationPath;        // <outputDirectory>/<name>-seg.dcm
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::string sopInstanceUid;
    std::string segmentationSopInstanceUid;
    std::string trainingReference;       // "mdb1003"; empty without a training folder
};

// Writes <name>.dcm (core::SyntheticImageWriter: new UIDs, SYNTHETIC in Image
// Type, descriptions and burnt into a background corner clear of the lesions),
// <name>-seg.dcm (core::cad::SegmentationWriter: one AUTOMATIC segment "Synthetic
// mass N" per lesion, its algorithm named after the method, on the synthetic
// image, not the source) and, with a training folder, the case at mini-MIAS
// geometry (display grey, 0.2 mm; the marking is left out so the detector does not
// learn it) with the lesions' enclosing circles as ground truth.
// Everything is checked before the first file is written; when a later step fails,
// the files already written are removed. Existing files are never overwritten.
// Throws core::Error (or cv::Exception from OpenCV) with a message for the user.
SyntheticCaseFiles exportSyntheticCase(const SyntheticCaseRequest& request);

} // namespace mammo::ai::synthesis
