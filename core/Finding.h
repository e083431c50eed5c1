#pragma once
#include <optional>
#include <string>
#include <vector>

namespace mammo::core {

// A point in continuous image coordinates: (0,0) is the top-left corner of
// the first pixel, (columns, rows) the bottom-right corner of the last.
struct ImagePoint {
    double x = 0.0;
    double y = 0.0;
    bool operator==(const ImagePoint& o) const { return x == o.x && y == o.y; }
};

struct ImageBox {
    double x = 0.0;
    double y = 0.0;
    double width = 0.0;
    double height = 0.0;
    bool operator==(const ImageBox& o) const { return x == o.x && y == o.y && width == o.width && height == o.height; }
};

// One mark of the assistant (or a reader) on one image, keyed by its SOP
// Instance UID so it can only ever be drawn on that image.
struct Finding {
    std::string sopInstanceUid;
    ImageBox box;
    std::vector<ImagePoint> contour;          // closed polygon; may be empty
    double score = 0.0;                       // detection score in [0,1]
    std::optional<double> malignancy;         // P(malignant) in [0,1] when classified
    std::string label;                        // short text, e.g. "mass"
    bool drawnByReader = false;               // a region the reader drew to have it classified: no detection score

    bool operator==(const Finding& o) const
    {
        return sopInstanceUid == o.sopInstanceUid && box == o.box && contour == o.contour && score == o.score &&
               malignancy == o.malignancy && label == o.label && drawnByReader == o.drawnByReader;
    }
    bool operator!=(const Finding& o) const { return !(*this == o); }
};

} // namespace mammo::core
