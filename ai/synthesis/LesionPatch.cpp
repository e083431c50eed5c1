#include "LesionPatch.h"

#include "core/Error.h"

namespace mammo::ai::synthesis {

std::string lesionSeverityName(LesionSeverity value)
{
    switch (value) {
    case LesionSeverity::Benign: return "benign";
    case LesionSeverity::Malignant: return "malignant";
    case LesionSeverity::Unknown: break;
    }
    return "unknown";
}

LesionSeverity lesionSeverityFromName(const std::string& name)
{
    if (name == "benign")
        return LesionSeverity::Benign;
    if (name == "malignant")
        return LesionSeverity::Malignant;
    if (name == "unknown" || name.empty())
        return LesionSeverity::Unknown;
    throw core::Error("unknown lesion severity \"" + name + "\" (expected benign, malignant or unknown)");
}

std::string lesionMaskSourceName(LesionMaskSource value)
{
    switch (value) {
    case LesionMaskSource::Segmented: return "segmented";
    case LesionMaskSource::Imported: return "imported";
    case LesionMaskSource::Disc: break;
    }
    return "disc";
}

LesionMaskSource lesionMaskSourceFromName(const std::string& name)
{
    if (name == "segmented")
        return LesionMaskSource::Segmented;
    if (name == "imported")
        return LesionMaskSource::Imported;
    if (name == "disc")
        return LesionMaskSource::Disc;
    throw core::Error("unknown lesion mask source \"" + name + "\"");
}

void checkLesionPatch(const LesionPatch& lesion)
{
    const std::string who = "lesion \"" + lesion.id + "\": ";
    if (lesion.grey.empty() || lesion.grey.type() != CV_32FC1)
        throw core::Error(who + "the patch must be a single-channel float image");
    if (lesion.mask.size() != lesion.grey.size() || lesion.mask.type() != CV_8UC1)
        throw core::Error(who + "the mask must be an 8-bit image of the patch's size");
    if (cv::countNonZero(lesion.mask) == 0)
        throw core::Error(who + "the mask is empty");
    if (!(lesion.pixelSizeMm > 0.0))
        throw core::Error(who + "the pixel size is missing");
}

} // namespace mammo::ai::synthesis
