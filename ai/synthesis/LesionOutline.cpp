#include "LesionOutline.h"

#include "core/Error.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace mammo::ai::synthesis {
namespace {

// Headings on screen (y down), each followed by its right turn.
enum Heading { East, South, West, North };
const std::array<cv::Point, 4> kStep = {cv::Point(1, 0), cv::Point(0, 1), cv::Point(-1, 0), cv::Point(0, -1)};
Heading rightOf(Heading h) { return Heading((h + 1) % 4); }

struct Edge {
    cv::Point from;
    Heading heading;
    bool used = false;
};

} // namespace

std::vector<core::ImagePoint> lesionOutline(const cv::Mat& mask)
{
    if (mask.empty() || mask.type() != CV_8UC1)
        throw core::Error("A lesion mask must be a single-channel 8-bit image.");
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(mask != 0, labels, stats, centroids, 4, CV_32S);
    if (count < 2)
        throw core::Error("The lesion mask is empty.");
    int largest = 1;
    for (int label = 2; label < count; ++label)
        if (stats.at<int>(label, cv::CC_STAT_AREA) > stats.at<int>(largest, cv::CC_STAT_AREA))
            largest = label;
    const cv::Rect bounds(stats.at<int>(largest, cv::CC_STAT_LEFT), stats.at<int>(largest, cv::CC_STAT_TOP),
                          stats.at<int>(largest, cv::CC_STAT_WIDTH), stats.at<int>(largest, cv::CC_STAT_HEIGHT));
    auto inside = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < labels.cols && y < labels.rows && labels.at<int>(y, x) == largest;
    };

    // Every pixel side between the region and the rest, directed so that the region lies on its right.
    std::vector<Edge> edges;
    std::unordered_map<long long, std::vector<std::size_t>> outgoing;
    auto key = [&](cv::Point p) { return (long long)p.y * (long long)(labels.cols + 1) + p.x; };
    auto add = [&](cv::Point from, Heading heading) {
        outgoing[key(from)].push_back(edges.size());
        edges.push_back({from, heading});
    };
    for (int y = bounds.y; y < bounds.y + bounds.height; ++y)
        for (int x = bounds.x; x < bounds.x + bounds.width; ++x) {
            if (!inside(x, y))
                continue;
            if (!inside(x, y - 1)) add({x, y}, East);
            if (!inside(x + 1, y)) add({x + 1, y}, South);
            if (!inside(x, y + 1)) add({x + 1, y + 1}, West);
            if (!inside(x - 1, y)) add({x, y + 1}, North);
        }

    // Follow the loops; where two region pixels touch only at a corner, turn right
    // (towards the pixel being followed) so diagonal neighbours stay apart (4-connectivity).
    std::vector<cv::Point> best;
    double bestArea = 0.0;
    for (std::size_t start = 0; start < edges.size(); ++start) {
        if (edges[start].used)
            continue;
        std::vector<cv::Point> loop;
        std::size_t current = start;
        while (!edges[current].used) {
            Edge& edge = edges[current];
            edge.used = true;
            loop.push_back(edge.from);
            const cv::Point to = edge.from + kStep[edge.heading];
            const std::vector<std::size_t>& next = outgoing[key(to)];
            std::size_t chosen = next.front();
            if (next.size() > 1)
                for (std::size_t candidate : next)
                    if (edges[candidate].heading == rightOf(edge.heading))
                        chosen = candidate;
            current = chosen;
        }
        const double area = cv::contourArea(loop, true);
        // Outer boundaries run clockwise on screen (positive signed area with y down); holes the other way.
        if (area > bestArea) {
            bestArea = area;
            best = std::move(loop);
        }
    }

    // One vertex per corner: drop the points where the heading does not change.
    std::vector<core::ImagePoint> outline;
    const std::size_t n = best.size();
    for (std::size_t i = 0; i < n; ++i) {
        const cv::Point before = best[i] - best[(i + n - 1) % n];
        const cv::Point after = best[(i + 1) % n] - best[i];
        if (before != after)
            outline.push_back({double(best[i].x), double(best[i].y)});
    }
    return outline;
}

core::Finding lesionFinding(const cv::Mat& mask, const std::string& sopInstanceUid, const std::string& label)
{
    core::Finding finding;
    finding.sopInstanceUid = sopInstanceUid;
    finding.contour = lesionOutline(mask);
    double left = finding.contour.front().x, right = left, top = finding.contour.front().y, bottom = top;
    for (const core::ImagePoint& p : finding.contour) {
        left = std::min(left, p.x);
        right = std::max(right, p.x);
        top = std::min(top, p.y);
        bottom = std::max(bottom, p.y);
    }
    finding.box = {left, top, right - left, bottom - top};
    finding.label = label;
    finding.drawnByReader = false;
    return finding;
}

} // namespace mammo::ai::synthesis
