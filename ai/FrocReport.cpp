#include "FrocReport.h"

#include "FoldStatistics.h"
#include "core/Error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mammo::ai {

namespace {

std::vector<FrocImage> pooled(const std::vector<std::vector<FrocImage>>& folds)
{
    std::vector<FrocImage> all;
    for (const auto& fold : folds)
        all.insert(all.end(), fold.begin(), fold.end());
    return all;
}

} // namespace

std::vector<double> tprAtStandardFppi(const std::vector<FrocImage>& images, HitRule rule)
{
    const auto curve = frocCurve(images, rule);
    std::vector<double> values;
    for (double fppi : standardFppi())
        values.push_back(tprAtFppi(curve, fppi));
    return values;
}

nlohmann::ordered_json foldEvaluationJson(int fold, const std::vector<std::string>& references,
                                          const std::vector<FrocImage>& images)
{
    nlohmann::ordered_json json;
    json["fold"] = fold;
    json["fppi"] = standardFppi();
    for (HitRule rule : {HitRule::IouAboveHalf, HitRule::CentreInCircle})
        json["tpr"][hitRuleKey(rule)] = tprAtStandardFppi(images, rule);
    json["images"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < images.size(); ++i) {
        nlohmann::ordered_json image;
        image["reference"] = references[i];
        image["masses"] = nlohmann::ordered_json::array();
        for (const auto& mass : images[i].masses)
            image["masses"].push_back({mass.x, mass.y, mass.radius});
        image["detections"] = nlohmann::ordered_json::array();
        for (const auto& d : images[i].detections)
            image["detections"].push_back({std::round(d.x1 * 100) / 100, std::round(d.y1 * 100) / 100,
                                           std::round(d.x2 * 100) / 100, std::round(d.y2 * 100) / 100,
                                           std::round(d.score * 1e6) / 1e6});
        json["images"].push_back(image);
    }
    return json;
}

std::vector<FrocImage> foldImagesFromJson(const nlohmann::json& json)
{
    try {
        std::vector<FrocImage> images;
        for (const auto& entry : json.at("images")) {
            FrocImage image;
            for (const auto& m : entry.at("masses"))
                image.masses.push_back({m.at(0).get<double>(), m.at(1).get<double>(), m.at(2).get<double>()});
            for (const auto& d : entry.at("detections"))
                image.detections.push_back({d.at(0).get<double>(), d.at(1).get<double>(), d.at(2).get<double>(),
                                            d.at(3).get<double>(), d.at(4).get<double>()});
            images.push_back(std::move(image));
        }
        return images;
    } catch (const nlohmann::json::exception& error) {
        throw core::Error(std::string("malformed fold evaluation: ") + error.what());
    }
}

nlohmann::ordered_json frocRuleSummaryJson(const std::vector<std::vector<double>>& tprPerFold)
{
    std::vector<double> means, deviations;
    for (std::size_t p = 0; p < standardFppi().size(); ++p) {
        std::vector<double> values;
        for (const auto& fold : tprPerFold)
            values.push_back(fold.at(p));
        means.push_back(mean(values));
        deviations.push_back(sampleDeviation(values));
    }
    nlohmann::ordered_json entry;
    entry["fppi"] = standardFppi();
    entry["tpr_mean"] = means;
    entry["tpr_std"] = deviations;
    entry["per_fold"] = tprPerFold;
    return entry;
}

nlohmann::ordered_json frocSummaryJson(const std::string& config, const std::vector<std::vector<FrocImage>>& folds)
{
    nlohmann::ordered_json json;
    json["config"] = config;
    json["folds"] = folds.size();
    for (HitRule rule : {HitRule::IouAboveHalf, HitRule::CentreInCircle}) {
        std::vector<std::vector<double>> perFold;
        for (const auto& fold : folds)
            perFold.push_back(tprAtStandardFppi(fold, rule));
        json["rules"][hitRuleKey(rule)] = frocRuleSummaryJson(perFold);
    }
    return json;
}

nlohmann::ordered_json operatingPointsJson(const std::vector<std::vector<FrocImage>>& folds, int points)
{
    const auto all = pooled(folds);
    const auto centre = frocCurve(all, HitRule::CentreInCircle);
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    if (centre.empty())
        return json;
    // Evenly spaced in FPPI up to 4 (what a reader would consider), each the lowest threshold reaching it.
    for (int i = 1; i <= points; ++i) {
        const double fppi = 4.0 * i / points;
        const double threshold = thresholdAtFppi(centre, fppi);
        json.push_back({{"score", threshold}, {"fppi", fppi}, {"tpr_centre", tprAtFppi(centre, fppi)}});
    }
    return json;
}

void writeFrocPlot(const std::string& pngPath, const std::string& title,
                   const std::vector<std::vector<FrocImage>>& folds)
{
    const int width = 900, height = 640, left = 80, right = 30, top = 60, bottom = 70;
    cv::Mat canvas(height, width, CV_8UC3, cv::Scalar(255, 255, 255));
    const double minFppi = 0.125, maxFppi = 8.0;
    auto px = [&](double fppi) {
        const double t = (std::log2(std::clamp(fppi, minFppi, maxFppi)) - std::log2(minFppi)) /
                         (std::log2(maxFppi) - std::log2(minFppi));
        return int(left + t * (width - left - right));
    };
    auto py = [&](double tpr) { return int(height - bottom - tpr * (height - top - bottom)); };
    const cv::Scalar grid(220, 220, 220), ink(40, 40, 40);
    for (double fppi : {0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0}) {
        cv::line(canvas, {px(fppi), py(0)}, {px(fppi), py(1)}, grid);
        std::ostringstream label;
        label << fppi;
        cv::putText(canvas, label.str(), {px(fppi) - 14, py(0) + 22}, cv::FONT_HERSHEY_SIMPLEX, 0.5, ink, 1, cv::LINE_AA);
    }
    for (int i = 0; i <= 10; ++i) {
        cv::line(canvas, {px(minFppi), py(i / 10.0)}, {px(maxFppi), py(i / 10.0)}, grid);
        cv::putText(canvas, cv::format("%.1f", i / 10.0), {left - 40, py(i / 10.0) + 5}, cv::FONT_HERSHEY_SIMPLEX,
                    0.5, ink, 1, cv::LINE_AA);
    }
    cv::rectangle(canvas, {px(minFppi), py(1)}, {px(maxFppi), py(0)}, ink);
    cv::putText(canvas, "false positives per image", {width / 2 - 110, height - 25}, cv::FONT_HERSHEY_SIMPLEX, 0.6,
                ink, 1, cv::LINE_AA);
    cv::putText(canvas, "TPR", {15, top + 10}, cv::FONT_HERSHEY_SIMPLEX, 0.6, ink, 1, cv::LINE_AA);
    cv::putText(canvas, title, {left, 35}, cv::FONT_HERSHEY_SIMPLEX, 0.65, ink, 1, cv::LINE_AA);

    const std::vector<std::pair<HitRule, cv::Scalar>> rules{{HitRule::CentreInCircle, cv::Scalar(180, 90, 20)},
                                                            {HitRule::IouAboveHalf, cv::Scalar(40, 40, 200)}};
    int legend = 0;
    for (const auto& [rule, colour] : rules) {
        std::vector<std::vector<FrocPoint>> curves;
        for (const auto& fold : folds)
            curves.push_back(frocCurve(fold, rule));
        const cv::Scalar faint = colour * 0.35 + cv::Scalar(255, 255, 255) * 0.65;
        std::vector<cv::Point> meanLine;
        for (int i = 0; i <= 200; ++i) {
            const double fppi = std::pow(2.0, std::log2(minFppi) + i / 200.0 * (std::log2(maxFppi) - std::log2(minFppi)));
            double sum = 0.0;
            for (const auto& curve : curves)
                sum += tprAtFppi(curve, fppi);
            meanLine.push_back({px(fppi), py(curves.empty() ? 0.0 : sum / double(curves.size()))});
        }
        for (const auto& curve : curves) {
            std::vector<cv::Point> line;
            for (int i = 0; i <= 200; ++i) {
                const double fppi =
                    std::pow(2.0, std::log2(minFppi) + i / 200.0 * (std::log2(maxFppi) - std::log2(minFppi)));
                line.push_back({px(fppi), py(tprAtFppi(curve, fppi))});
            }
            cv::polylines(canvas, line, false, faint, 1, cv::LINE_AA);
        }
        cv::polylines(canvas, meanLine, false, colour, 3, cv::LINE_AA);
        const std::string name = rule == HitRule::CentreInCircle ? "centre inside circle (mean of folds)"
                                                                  : "IoU > 0.5 (mean of folds)";
        cv::line(canvas, {left + 20, top + 20 + 22 * legend}, {left + 60, top + 20 + 22 * legend}, colour, 3);
        cv::putText(canvas, name, {left + 70, top + 25 + 22 * legend}, cv::FONT_HERSHEY_SIMPLEX, 0.5, ink, 1,
                    cv::LINE_AA);
        ++legend;
    }
    if (!cv::imwrite(pngPath, canvas))
        throw core::Error("cannot write the FROC plot " + pngPath);
}

} // namespace mammo::ai
