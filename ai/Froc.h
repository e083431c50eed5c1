#pragma once
// Free-response ROC: true positive rate against false positives per image as
// the score threshold falls. Plain C++; no torch.
#include <string>
#include <vector>

namespace mammo::ai {

struct ScoredBox {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double score = 0;
};

struct TruthCircle {
    double x = 0, y = 0, radius = 0;
};

// One test image: what the detector said and where the masses are (none for
// normal images, which still count for false positives).
struct FrocImage {
    std::vector<ScoredBox> detections;
    std::vector<TruthCircle> masses;
};

// When a detection counts as finding a mass: the paper's IoU > 0.5 between
// the detection and the circle's bounding square, or the detection's centre
// inside the circle.
enum class HitRule { IouAboveHalf, CentreInCircle };
std::string hitRuleKey(HitRule rule);   // "iou0.5", "centre"
bool isHit(const ScoredBox& detection, const TruthCircle& mass, HitRule rule);

struct FrocPoint {
    double threshold = 0;   // detections with score >= threshold are kept
    double fppi = 0;
    double tpr = 0;
};

// The curve, one point per distinct score, from the highest threshold down.
// A detection hitting a mass not yet found is a true positive; one that hits
// nothing new (a miss or a second mark on a found mass) is a false positive.
std::vector<FrocPoint> frocCurve(const std::vector<FrocImage>& images, HitRule rule);

// The highest TPR reached at no more than `fppi` false positives per image.
double tprAtFppi(const std::vector<FrocPoint>& curve, double fppi);
// The lowest threshold whose FPPI stays within `fppi` (the operating point).
double thresholdAtFppi(const std::vector<FrocPoint>& curve, double fppi);

// The FPPI values the issue reports: 0.25, 0.5, 1, 2, 4.
const std::vector<double>& standardFppi();

} // namespace mammo::ai
