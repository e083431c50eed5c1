#include "LearningCurvePlot.h"

#include "core/Error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace mammo::ai {

namespace {

// Columns `x` and `y` of a CSV with a header line.
std::vector<cv::Point2d> readColumns(const std::string& path, int x, int y)
{
    std::vector<cv::Point2d> points;
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::vector<double> values;
        std::stringstream fields(line);
        std::string field;
        while (std::getline(fields, field, ','))
            values.push_back(std::atof(field.c_str()));
        if (int(values.size()) > std::max(x, y))
            points.push_back({values[std::size_t(x)], values[std::size_t(y)]});
    }
    return points;
}

const cv::Scalar kColours[] = {{180, 90, 20}, {40, 40, 200}, {40, 150, 40}, {150, 40, 150}, {20, 140, 200}, {90, 90, 90}};

void drawPanel(cv::Mat& canvas, cv::Rect area, const std::string& title, double yMax,
               const std::vector<std::pair<std::string, std::vector<cv::Point2d>>>& series)
{
    const cv::Scalar ink(40, 40, 40), grid(225, 225, 225);
    double xMax = 1.0;
    for (const auto& [name, points] : series)
        for (const auto& p : points)
            xMax = std::max(xMax, p.x);
    auto px = [&](double x) { return int(area.x + x / xMax * area.width); };
    auto py = [&](double y) { return int(area.y + area.height - std::clamp(y / yMax, 0.0, 1.0) * area.height); };
    for (int i = 0; i <= 5; ++i) {
        cv::line(canvas, {area.x, py(yMax * i / 5)}, {area.x + area.width, py(yMax * i / 5)}, grid);
        cv::putText(canvas, cv::format("%.2g", yMax * i / 5), {area.x - 45, py(yMax * i / 5) + 5},
                    cv::FONT_HERSHEY_SIMPLEX, 0.45, ink, 1, cv::LINE_AA);
    }
    cv::rectangle(canvas, area, ink);
    cv::putText(canvas, title, {area.x, area.y - 10}, cv::FONT_HERSHEY_SIMPLEX, 0.6, ink, 1, cv::LINE_AA);
    cv::putText(canvas, cv::format("iteration (max %.0f)", xMax), {area.x + area.width / 2 - 80, area.y + area.height + 25},
                cv::FONT_HERSHEY_SIMPLEX, 0.45, ink, 1, cv::LINE_AA);
    for (std::size_t s = 0; s < series.size(); ++s) {
        std::vector<cv::Point> line;
        for (const auto& p : series[s].second)
            line.push_back({px(p.x), py(p.y)});
        const auto colour = kColours[s % std::size(kColours)];
        cv::polylines(canvas, line, false, colour, 2, cv::LINE_AA);
        cv::putText(canvas, series[s].first, {area.x + area.width - 90, area.y + 20 + 18 * int(s)},
                    cv::FONT_HERSHEY_SIMPLEX, 0.45, colour, 1, cv::LINE_AA);
    }
}

} // namespace

void writeLearningCurvePlot(const std::string& pngPath, const std::vector<TrainingRun>& runs)
{
    cv::Mat canvas(520, 1200, CV_8UC3, cv::Scalar(255, 255, 255));
    std::vector<std::pair<std::string, std::vector<cv::Point2d>>> losses, tprs;
    double lossMax = 0.1;
    for (const auto& run : runs) {
        auto loss = readColumns(run.trainLogCsv, 0, 3);
        for (const auto& p : loss)
            lossMax = std::max(lossMax, std::min(p.y, 3.0));
        losses.emplace_back(run.name, loss);
        auto tpr = readColumns(run.validationLogCsv, 0, 1);
        if (!tpr.empty())
            tprs.emplace_back(run.name, tpr);
    }
    drawPanel(canvas, {70, 50, 500, 400}, "training loss (Lcls + Lloc + Lseg, RPN included)", lossMax, losses);
    drawPanel(canvas, {680, 50, 500, 400}, "held-out fold: TPR at 1 FPPI (centre rule)", 1.0, tprs);
    if (!cv::imwrite(pngPath, canvas))
        throw core::Error("cannot write the plot " + pngPath);
}

} // namespace mammo::ai
