#pragma once
// A lesion cut out of a mammogram: its grey values, its mask and where it came from.
#include <opencv2/core.hpp>

#include <string>

namespace mammo::ai::synthesis {

enum class LesionSeverity { Unknown, Benign, Malignant };

// How the mask was made: refined by segmentation, the annotated disc (the
// segmentation was degenerate), or given with an imported lesion.
enum class LesionMaskSource { Segmented, Disc, Imported };

// Copies share their pixels (cv::Mat semantics): clone grey/mask before editing a copy.
struct LesionPatch {
    std::string id;            // unique in a library: "mdb023-1"
    std::string sourceImage;   // "mdb023", or the imported file's name
    std::string lesionClass;   // "CIRC", "SPIC", "MISC", or free text for an imported lesion
    LesionSeverity severity = LesionSeverity::Unknown;
    cv::Mat grey;              // CV_32F, fraction of the source's full scale, in [0, 1]
    cv::Mat mask;              // CV_8U, 255 on the lesion, 0 elsewhere; same size as grey
    cv::Point2d centre;        // the lesion's centre in patch pixels
    double radiusPx = 0.0;     // the annotated circle, or the mask's equivalent circle
    double pixelSizeMm = 0.0;
    LesionMaskSource maskSource = LesionMaskSource::Disc;

    double radiusMm() const { return radiusPx * pixelSizeMm; }
    double diameterMm() const { return 2.0 * radiusMm(); }
};

std::string lesionSeverityName(LesionSeverity value);           // "benign", "malignant", "unknown"
LesionSeverity lesionSeverityFromName(const std::string& name);  // throws core::Error
std::string lesionMaskSourceName(LesionMaskSource value);        // "segmented", "disc", "imported"
LesionMaskSource lesionMaskSourceFromName(const std::string& name);

// Throws core::Error naming the lesion when grey/mask are empty, of the wrong
// type or size, or the mask is empty.
void checkLesionPatch(const LesionPatch& lesion);

} // namespace mammo::ai::synthesis
