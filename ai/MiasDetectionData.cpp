#include "MiasDetectionData.h"

#include "MiasGroundTruth.h"

#include "core/Error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

#include <filesystem>

namespace mammo::ai {

std::vector<DetectionSample> loadMiasSamples(const core::MiasCatalog& catalog, const std::string& directory,
                                             const std::vector<std::string>& references,
                                             const DetectorConfig& config)
{
    std::vector<DetectionSample> samples;
    samples.reserve(references.size());
    for (const auto& reference : references) {
        const auto& entry = catalog.at(reference);
        std::string path = (std::filesystem::path(directory) / (reference + ".png")).string();
        if (!std::filesystem::exists(path))
            path = (std::filesystem::path(directory) / (reference + ".pgm")).string();
        const cv::Mat grey = cv::imread(path, cv::IMREAD_GRAYSCALE);
        if (grey.empty())
            throw core::Error("cannot read the mini-MIAS image " + path);
        DetectionSample sample;
        sample.reference = reference;
        sample.prepared = prepareMammogram(grey, core::kMiasPixelSpacingMm, config.pixelSizeMm, config.sizeDivisor);
        sample.massesInInput = miasMassCircles(entry);
        for (const auto& circle : sample.massesInInput) {
            const auto centre = sample.prepared.toModel({circle.x, circle.y});
            sample.massesInModel.push_back({centre.x, centre.y, circle.radius * sample.prepared.scaleX});
        }
        samples.push_back(std::move(sample));
    }
    return samples;
}

PatchSampler::PatchSampler(const std::vector<DetectionSample>& samples, int patchSize, double positiveFraction,
                           std::uint32_t seed)
    : m_samples(samples), m_patchSize(patchSize), m_positiveFraction(positiveFraction), m_random(seed)
{
    if (samples.empty())
        throw core::Error("no training images");
    for (std::size_t s = 0; s < samples.size(); ++s)
        for (std::size_t m = 0; m < samples[s].massesInModel.size(); ++m)
            m_masses.emplace_back(s, m);
}

cv::Mat PatchSampler::patch(const DetectionSample& sample, const TruthCircle* mass, std::vector<TruthCircle>& masses)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const double scale = std::exp(std::log(0.8) + unit(m_random) * (std::log(1.25) - std::log(0.8)));
    const double window = m_patchSize / scale;   // source pixels the patch covers
    const auto& image = sample.prepared.image;
    double originX = 0, originY = 0;
    if (mass) {
        // The whole disc inside the window when it fits, anywhere in it.
        const double slack = window - 2 * mass->radius;
        originX = mass->x - mass->radius - (slack > 0 ? unit(m_random) * slack : slack / 2);
        originY = mass->y - mass->radius - (slack > 0 ? unit(m_random) * slack : slack / 2);
    } else {
        cv::Point centre(image.cols / 2, image.rows / 2);
        for (int attempt = 0; attempt < 50; ++attempt) {
            const cv::Point candidate(std::uniform_int_distribution<int>(0, image.cols - 1)(m_random),
                                      std::uniform_int_distribution<int>(0, image.rows - 1)(m_random));
            if (sample.prepared.breastMask.at<std::uint8_t>(candidate) != 0) {
                centre = candidate;
                break;
            }
        }
        originX = centre.x - unit(m_random) * window;
        originY = centre.y - unit(m_random) * window;
    }
    const bool flip = unit(m_random) < 0.5;
    // patch = scale * (source - origin), then an optional vertical flip.
    cv::Matx23d transform(scale, 0, -scale * originX, 0, flip ? -scale : scale,
                          flip ? m_patchSize + scale * originY : -scale * originY);
    cv::Mat result;
    cv::warpAffine(image, result, transform, cv::Size(m_patchSize, m_patchSize), cv::INTER_LINEAR,
                   cv::BORDER_CONSTANT, cv::Scalar(sample.prepared.background));
    const double gain = 0.9 + 0.2 * unit(m_random);
    const double offset = -0.1 + 0.2 * unit(m_random);
    result = result * gain + offset;

    masses.clear();
    for (const auto& shown : sample.massesInModel) {
        const double x = transform(0, 0) * shown.x + transform(0, 2);
        const double y = transform(1, 1) * shown.y + transform(1, 2);
        if (x >= 0 && y >= 0 && x < m_patchSize && y < m_patchSize)
            masses.push_back({x, y, shown.radius * scale});
    }
    return result;
}

TrainingBatch PatchSampler::next(int batchSize)
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    TrainingBatch batch;
    std::vector<torch::Tensor> images;
    for (int i = 0; i < batchSize; ++i) {
        const bool positive = !m_masses.empty() && unit(m_random) < m_positiveFraction;
        std::vector<TruthCircle> masses;
        cv::Mat pixels;
        if (positive) {
            // Pick the mass first so every mass is drawn equally often.
            const auto [sampleIndex, massIndex] =
                m_masses[std::uniform_int_distribution<std::size_t>(0, m_masses.size() - 1)(m_random)];
            const auto& sample = m_samples[sampleIndex];
            pixels = patch(sample, &sample.massesInModel[massIndex], masses);
        } else {
            const auto sampleIndex = std::uniform_int_distribution<std::size_t>(0, m_samples.size() - 1)(m_random);
            pixels = patch(m_samples[sampleIndex], nullptr, masses);
        }
        images.push_back(torch::from_blob(pixels.data, {1, m_patchSize, m_patchSize}, torch::kFloat).clone());
        ImageTargets target;
        target.circles = torch::zeros({std::int64_t(masses.size()), 3}, torch::kFloat);
        for (std::size_t m = 0; m < masses.size(); ++m) {
            target.circles[std::int64_t(m)][0] = masses[m].x;
            target.circles[std::int64_t(m)][1] = masses[m].y;
            target.circles[std::int64_t(m)][2] = masses[m].radius;
        }
        batch.targets.push_back(target);
    }
    batch.images = torch::stack(images);
    return batch;
}

} // namespace mammo::ai
