#pragma once
// The folder of synthetic training cases in mini-MIAS form that
// `train-detector --synthetic DIR` reads through core::MiasCatalog: mdbNNNN.png
// (8-bit, 1024 x 1024, 0.2 mm), Info.txt (one mini-MIAS row per lesion) and
// cases.json (where each case came from, "synthetic": true). The one writer of
// that format, for `mammoscope-cli synth` and for cases saved in the app.
#include "LesionPatch.h"
#include "core/ImageAttributes.h"
#include "core/MiasCatalog.h"

#include <opencv2/core.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mammo::ai::synthesis {

// One lesion of a case: one Info.txt row.
struct SyntheticFolderLesion {
    std::string lesionClass;                          // mini-MIAS class code: CIRC, SPIC, MISC...
    LesionSeverity severity = LesionSeverity::Unknown;   // B or M; Unknown leaves the column out
    cv::Point2d centre;                               // ground-truth circle, pixels from the top-left pixel's centre
    double radiusPx = 0.0;
    std::string id;                                   // cases.json "lesion": the library's lesion id
    std::optional<double> scale;                      // cases.json "scale", when known
    std::optional<double> rotationDeg;                // cases.json "rotation_deg", when known
};

struct SyntheticFolderCase {
    cv::Mat image;                    // CV_8U, core::kMiasImageSize square
    core::Laterality laterality = core::Laterality::Unknown;   // Right: odd number, Left: even (mini-MIAS)
    core::MiasTissue tissue = core::MiasTissue::FattyGlandular;
    std::string method;               // cases.json "method": the blender's name
    std::string normalImage;          // cases.json "normal_image": the image the lesions went into
    std::string sopInstanceUid;       // cases.json "sop_instance_uid" of a saved DICOM case; empty: left out
    std::vector<SyntheticFolderLesion> lesions;   // at least one
};

// What a new folder says about itself; a folder that has files keeps its own.
struct SyntheticFolderHeader {
    std::string description = "SYNTHETIC cases made by Mammoscope, not patient images. Columns as mini-MIAS Info.txt.";
    std::string method;                 // cases.json "method" (becomes "mixed" when cases of another method join)
    std::optional<int> fold;            // cases.json "fold"
    std::optional<std::string> seed;    // cases.json "seed": text, as 64-bit seeds do not fit a JSON number
};

// Adds cases to a folder, new or not. Each case takes a new mini-MIAS pair (so
// no two synthetic cases pass for the two breasts of one woman in a patient-level
// split): number 1001 + 2k for a right breast, 1002 + 2k for a left one, k the
// first pair after every number in Info.txt or on a PNG. Images are written as
// they are added; Info.txt and cases.json only by commit(), each atomically and
// Info.txt last, so the trainer sees a case only when all its files are there.
// One writer at a time: the folder is read when opened and commit() refuses to
// overwrite files that another writer changed in between. Cases added but not
// committed have their images removed when the folder object goes.
class SyntheticCaseFolder {
public:
    // Creates the directory when missing and reads Info.txt and cases.json when
    // present. Throws core::Error when it cannot be created or its files cannot be read.
    SyntheticCaseFolder(std::string directory, SyntheticFolderHeader header = {});
    ~SyntheticCaseFolder();
    SyntheticCaseFolder(const SyntheticCaseFolder&) = delete;
    SyntheticCaseFolder& operator=(const SyntheticCaseFolder&) = delete;

    const std::string& directory() const { return m_directory; }

    // Writes the case's PNG and stages its rows; returns its reference ("mdb1003").
    // Throws core::Error for a case the format cannot hold (image size or type, no
    // lesion, no side, a circle outside the image) or a PNG that cannot be written.
    std::string add(const SyntheticFolderCase& syntheticCase);

    // Writes Info.txt and cases.json with the staged cases. Throws core::Error when
    // they cannot be written or were changed by someone else since they were read.
    void commit();

    std::size_t stagedCount() const { return m_staged.size(); }

private:
    struct Staged {
        std::string reference;
        std::string infoRows;
        std::string caseJson;   // one cases.json entry, serialised
    };

    std::string m_directory;
    SyntheticFolderHeader m_header;
    std::string m_infoText;   // as read ("" when there was none)
    std::string m_casesText;
    bool m_hadInfo = false;
    bool m_hadCases = false;
    int m_nextPair = 0;
    std::vector<Staged> m_staged;
};

} // namespace mammo::ai::synthesis
