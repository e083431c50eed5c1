#pragma once
// Connects the adversarial augmentation (eqs. 2 and 3) to the COIN trainer:
// the trainer hands over a fold's training originals, this makes their
// positive and/or negative neighbours per class and leaves one contact sheet
// per class in the request's output directory for inspection.
#include "AdversarialAugmentation.h"
#include "CoinTrainer.h"

namespace mammo::ai::coin {

// Makes the kinds the request asks for, options.positivesPerOriginal /
// negativesPerOriginal of each per original; the options' seed is replaced by
// the request's so that a run's seed decides its neighbours.
AugmentationProvider adversarialNeighbourProvider(AdversarialAugmentationOptions options);

} // namespace mammo::ai::coin
