#pragma once
// mini-MIAS masses as the detector's ground truth: circles in image pixels.
#include "Froc.h"
#include "core/MiasCatalog.h"

#include <vector>

namespace mammo::ai {

// The CIRC, SPIC and MISC rows of one image that give coordinates.
std::vector<TruthCircle> miasMassCircles(const core::MiasImage& image);

} // namespace mammo::ai
