#pragma once
#include "core/Finding.h"

#include <optional>
#include <string>
#include <vector>

namespace mammo::core::cad {

// Rendering Intent of a CAD mark (CID 6034).
enum class RenderingIntent { Unspecified, PresentationRequired, PresentationOptional, NotForPresentation };

// One Single Image Finding of a CAD SR with what the Finding cannot hold.
struct CadSrMark {
    Finding finding;                      // keyed by the SOP Instance UID its coordinates select from
    std::string findingType;              // code meaning, e.g. "Mass", "Calcification Cluster"
    std::optional<double> certainty;      // Certainty of Finding in [0,1] when the SR has it
    RenderingIntent intent = RenderingIntent::Unspecified;
    bool hasOutline = false;              // false: a Center point only (finding.box has no size)
    std::string algorithmName;            // TID 4019, when present
};

struct CadSrContent {
    std::string sopInstanceUid;
    std::string studyInstanceUid;
    std::string manufacturer;
    bool mammographyCadSr = false;        // SOP Class 1.2.840.10008.5.1.4.1.1.88.50
    std::vector<CadSrMark> marks;
    int findingsWithoutLocation = 0;      // Single Image Findings with no usable SCOORD/image: skipped
};

struct CadSrReadOptions {
    bool includeNotForPresentation = false;   // such marks feed later CAD steps, viewers must not show them
    int curveVertices = 64;                   // polygon vertices for CIRCLE and ELLIPSE outlines
};

// Reads the Single Image Findings (TID 4006) of a Mammography CAD SR, ours
// and other vendors': they are found wherever they hang in the tree (under
// Individual Impressions, Composite Features, clusters). Each finding's image
// is the IMAGE its Center or Outline SCOORD is SELECTED FROM, by value or by
// reference into the Image Library. Outlines may be POLYLINE, CIRCLE or
// ELLIPSE (turned into polygons); a finding with a Center only gets an empty
// contour and a zero-size box at the centre. Certainty of Finding becomes the
// score (0 when absent, see CadSrMark::certainty), Probability of cancer the
// malignancy. Unknown content is skipped. Other SR classes are read the same
// way (mammographyCadSr tells which). Reads the content with DCMTK's dataset
// API rather than DSRDocument so that a vendor's small deviations from the
// IOD do not make the whole report unreadable.
class CadSrReader {
public:
    explicit CadSrReader(CadSrReadOptions options = {});

    // Throws Error when the file is unreadable, not DICOM or not an SR.
    CadSrContent read(const std::string& path) const;

    // The presentable findings only (see CadSrReadOptions).
    std::vector<Finding> readFindings(const std::string& path) const;

private:
    CadSrReadOptions m_options;
};

} // namespace mammo::core::cad
