#pragma once
// From a session snapshot to pixels: the normal image with every placed
// lesion blended in turn by one blender, plus each lesion's ground-truth mask.
// Runs on the blend worker's thread and in the save task; no Qt widgets.
#include "SynthesisSession.h"

#include <ai/synthesis/Blender.h>
#include <ai/synthesis/LesionLibrary.h>
#include <core/Image.h>

#include <opencv2/core.hpp>

#include <QString>

#include <memory>
#include <vector>

namespace mammo::app {

struct SyntheticComposite {
    core::ImagePtr image;             // the base's attributes, Image Type marked DERIVED\SECONDARY\SYNTHETIC
    cv::Mat stored;                   // CV_16U stored values of `image` (for saving)
    std::vector<cv::Mat> masks;       // CV_8U image-sized, one per placed lesion, in session order
};

// An image's pixel size in mm, mini-MIAS's 0.2 mm when it carries none (the
// library's lesions are 0.2 mm; the user's images are taken to be like them).
double imagePixelSizeMm(const core::ImageAttributes& attributes);

// Lesion grey [0, 1] is mapped to the image's Bits Stored range; MONOCHROME1
// images are blended inverted (bright = dense) and inverted back. Throws
// core::Error for a multi-frame or signed base, an unknown lesion id, or a
// lesion placed outside the image.
SyntheticComposite composeSyntheticImage(const core::Image& base, const std::vector<PlacedLesion>& lesions,
                                         const ai::synthesis::LesionLibrary& library,
                                         const ai::synthesis::Blender& blender);

// "ban" (the generator at banModelPath), "poisson" (mixed gradients) or "paste".
// Throws core::Error for another name, or BAN without a readable model.
std::unique_ptr<ai::synthesis::Blender> makeSynthesisBlender(const QString& method, const QString& banModelPath);

} // namespace mammo::app
