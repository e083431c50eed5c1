#pragma once
// Where a training sample of COIN comes from: the data set or the adversarial
// augmentation. Torch-free, so that trainers' and augmenters' headers can name it.
#include <cstdint>

namespace mammo::ai::coin {

// The sample's origin in the expanded set (eq. (4) needs it besides the class).
enum class SampleKind : std::int64_t {
    Original = 0,            // x in X_c
    PositiveNeighbour = 1,   // x in X+_c, eq. (2): on the class's manifold
    NegativeNeighbour = 2    // x in X-_c, eq. (3): just off it
};

} // namespace mammo::ai::coin
