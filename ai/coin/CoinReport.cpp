#include "CoinReport.h"

#include "RocAuc.h"
#include "ai/FoldStatistics.h"
#include "core/Error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>

namespace mammo::ai::coin {

namespace {

const cv::Scalar kColours[] = {{90, 90, 90}, {20, 140, 200}, {40, 150, 40}, {150, 40, 150}, {40, 40, 200},
                               {180, 90, 20}, {0, 200, 200}, {200, 0, 120}};

} // namespace

FoldResult readFoldResult(const std::string& evaluationPath)
{
    std::ifstream in(evaluationPath);
    if (!in)
        throw core::Error("cannot read " + evaluationPath);
    try {
        const auto json = nlohmann::json::parse(in);
        FoldResult result;
        result.fold = json.at("fold").get<int>();
        result.accuracy = json.at("accuracy").get<double>();
        if (!json.at("auc").is_null())
            result.auc = json.at("auc").get<double>();
        for (const auto& roi : json.at("rois")) {
            result.probabilities.push_back(roi.at("probability").get<double>());
            result.labels.push_back(roi.at("label").get<int>());
        }
        return result;
    } catch (const nlohmann::json::exception& error) {
        throw core::Error("malformed " + evaluationPath + ": " + error.what());
    }
}

nlohmann::ordered_json configurationSummary(const std::vector<FoldResult>& folds)
{
    std::vector<double> accuracies, aucs;
    std::size_t rois = 0;
    nlohmann::ordered_json perFold = nlohmann::ordered_json::array();
    for (const auto& fold : folds) {
        accuracies.push_back(fold.accuracy);
        if (fold.auc)
            aucs.push_back(*fold.auc);
        rois += fold.labels.size();
        perFold.push_back({{"fold", fold.fold},
                           {"accuracy", fold.accuracy},
                           {"auc", fold.auc ? nlohmann::ordered_json(*fold.auc) : nlohmann::ordered_json(nullptr)},
                           {"rois", fold.labels.size()}});
    }
    nlohmann::ordered_json json;
    json["acc_mean"] = mean(accuracies);
    json["acc_std"] = sampleDeviation(accuracies);
    json["auc_mean"] = aucs.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(mean(aucs));
    json["auc_std"] = aucs.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(sampleDeviation(aucs));
    json["folds"] = folds.size();
    json["rois"] = rois;
    json["per_fold"] = perFold;
    return json;
}

void writeCoinRocPlot(const std::string& pngPath, const std::string& title,
                      const std::vector<std::pair<std::string, DatasetResults>>& datasets)
{
    const int panel = 520, margin = 70, top = 80;
    const int width = std::max(900, std::max<int>(1, int(datasets.size())) * (panel + margin) + margin);
    std::size_t configurations = 0;
    for (const auto& dataset : datasets)
        configurations = std::max(configurations, dataset.second.size());
    // The legend sits below the axes, so it never hides a curve.
    const int legendTop = top + panel + 75;
    const int height = legendTop + 20 * int(configurations) + 10;
    cv::Mat canvas(height, width, CV_8UC3, cv::Scalar(255, 255, 255));
    const cv::Scalar ink(40, 40, 40), grid(225, 225, 225);
    cv::putText(canvas, title, {margin, 32}, cv::FONT_HERSHEY_SIMPLEX, 0.65, ink, 1, cv::LINE_AA);
    for (std::size_t d = 0; d < datasets.size(); ++d) {
        const cv::Rect area(margin + int(d) * (panel + margin), top, panel, panel);
        auto px = [&](double fpr) { return int(area.x + fpr * area.width); };
        auto py = [&](double tpr) { return int(area.y + area.height - tpr * area.height); };
        for (int i = 0; i <= 10; ++i) {
            cv::line(canvas, {px(i / 10.0), py(0)}, {px(i / 10.0), py(1)}, grid);
            cv::line(canvas, {px(0), py(i / 10.0)}, {px(1), py(i / 10.0)}, grid);
            if (i % 2 == 0) {
                cv::putText(canvas, cv::format("%.1f", i / 10.0), {px(i / 10.0) - 12, py(0) + 20},
                            cv::FONT_HERSHEY_SIMPLEX, 0.45, ink, 1, cv::LINE_AA);
                cv::putText(canvas, cv::format("%.1f", i / 10.0), {area.x - 35, py(i / 10.0) + 5},
                            cv::FONT_HERSHEY_SIMPLEX, 0.45, ink, 1, cv::LINE_AA);
            }
        }
        cv::line(canvas, {px(0), py(0)}, {px(1), py(1)}, cv::Scalar(190, 190, 190), 1, cv::LINE_AA);
        cv::rectangle(canvas, area, ink);
        cv::putText(canvas, datasets[d].first, {area.x, area.y - 12}, cv::FONT_HERSHEY_SIMPLEX, 0.6, ink, 1,
                    cv::LINE_AA);
        cv::putText(canvas, "false positive rate (benign called malignant)", {area.x + 60, area.y + area.height + 45},
                    cv::FONT_HERSHEY_SIMPLEX, 0.45, ink, 1, cv::LINE_AA);
        int legend = 0;
        for (std::size_t c = 0; c < datasets[d].second.size(); ++c) {
            const auto& [name, folds] = datasets[d].second[c];
            std::vector<double> scores;
            std::vector<int> labels;
            for (const auto& fold : folds) {
                scores.insert(scores.end(), fold.probabilities.begin(), fold.probabilities.end());
                labels.insert(labels.end(), fold.labels.begin(), fold.labels.end());
            }
            const auto curve = rocCurve(scores, labels);
            if (curve.empty())
                continue;
            const auto colour = kColours[c % std::size(kColours)];
            std::vector<cv::Point> line;
            for (const auto& point : curve)
                line.push_back({px(point.falsePositiveRate), py(point.truePositiveRate)});
            cv::polylines(canvas, line, false, colour, name == "coin" ? 3 : 2, cv::LINE_AA);
            const auto summary = configurationSummary(folds);
            const std::string label =
                summary["auc_mean"].is_null()
                    ? name
                    : cv::format("%s: AUC %.3f +- %.3f, acc %.3f", name.c_str(), summary["auc_mean"].get<double>(),
                                 summary["auc_std"].get<double>(), summary["acc_mean"].get<double>());
            const int y = legendTop + 20 * legend;
            cv::line(canvas, {area.x + 10, y - 5}, {area.x + 40, y - 5}, colour, 3);
            cv::putText(canvas, label, {area.x + 46, y}, cv::FONT_HERSHEY_SIMPLEX, 0.42, ink, 1, cv::LINE_AA);
            ++legend;
        }
    }
    cv::putText(canvas, "TPR", {margin - 60, top - 12}, cv::FONT_HERSHEY_SIMPLEX, 0.5, ink, 1, cv::LINE_AA);
    if (!cv::imwrite(pngPath, canvas))
        throw core::Error("cannot write " + pngPath);
}

} // namespace mammo::ai::coin
