#include "ImageAttributes.h"

#include <algorithm>

namespace mammo::core {

bool ImageAttributes::isSynthetic() const
{
    // Mammoscope writes Image Type DERIVED\SECONDARY\...\SYNTHETIC for blended cases.
    return std::find(imageType.begin(), imageType.end(), "SYNTHETIC") != imageType.end();
}

} // namespace mammo::core
