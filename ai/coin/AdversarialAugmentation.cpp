#include "AdversarialAugmentation.h"
#include "PortableRandom.h"

#include "RoiExtraction.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>
#include <utility>

namespace mammo::ai::coin {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

void require(bool condition, const std::string& message)
{
    if (!condition)
        throw std::invalid_argument("adversarial augmentation: " + message);
}

// SplitMix64's finaliser: one independent stream per (seed, class, kind).
std::uint32_t streamSeed(std::uint32_t seed, int label, SampleKind kind)
{
    std::uint64_t z = (std::uint64_t(seed) << 32) ^ (std::uint64_t(std::uint32_t(label)) << 2) ^ std::uint64_t(kind);
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return std::uint32_t((z ^ (z >> 31)) >> 16);
}

std::vector<int> indices(int count)
{
    std::vector<int> v(std::size_t(count), 0);
    for (int i = 0; i < count; ++i)
        v[std::size_t(i)] = i;
    return v;
}

double dot(const float* a, const float* b, int n)
{
    double s = 0;
    for (int k = 0; k < n; ++k)
        s += double(a[k]) * b[k];
    return s;
}

double minimumDistance(const cv::Mat& x, const std::vector<cv::Mat>& set)
{
    double best = kInfinity;
    for (const auto& y : set)
        best = std::min(best, cosineDistance(x, y));
    return best;
}

// What the search for one class and kind works with.
struct ClassData {
    int side = 0, featureSide = 0, features = 0, grid = 0;
    std::vector<cv::Mat> rois;       // normalised originals, CV_32F, full size
    std::vector<cv::Mat> raw;        // downsampled normalised originals (not unit): a of the generator
    std::vector<cv::Mat> unit;       // their augmentationFeature rows
    cv::Mat basis;                   // grid^2 x features: the downsampled, zero-mean noise of each grid value
};

cv::Mat downsample(const cv::Mat& image, int featureSide)
{
    cv::Mat small;
    if (image.cols == featureSide)
        small = image.clone();
    else
        cv::resize(image, small, cv::Size(featureSide, featureSide), 0, 0, cv::INTER_AREA);
    return small.reshape(1, 1);
}

// The full-size noise of grid values theta: cubic upsampling, then zero mean.
// Both steps are linear in theta, which the basis relies on.
cv::Mat noiseField(const double* theta, int grid, int side)
{
    cv::Mat values(grid, grid, CV_32F);
    for (int k = 0; k < grid * grid; ++k)
        values.at<float>(k / grid, k % grid) = float(theta[k]);
    cv::Mat field;
    cv::resize(values, field, cv::Size(side, side), 0, 0, cv::INTER_CUBIC);
    field -= cv::mean(field)[0];
    return field;
}

// One sample of the generator, in feature space, and how to make its ROI.
struct Candidate {
    int seed = 0;
    std::vector<double> theta;       // grid values, then the strength
    double alpha = 0;                // x = seed + alpha * noiseField(theta)
    cv::Mat feature;                 // unit row
};

// seed + alpha * noise at cosine distance strength * reach from the seed. In
// the plane of a (the seed's raw features) and b (the noise's), a + alpha b
// turns from a towards b monotonically as alpha grows, so the angle phi
// (cos phi = 1 - distance) gives alpha in closed form; a target beyond b's
// own direction is cut to 0.9 of that angle.
Candidate generate(const ClassData& data, int seed, std::vector<double> theta, double reach)
{
    Candidate c;
    c.seed = seed;
    const int n = data.features, g2 = data.grid * data.grid;
    const cv::Mat& a = data.raw[std::size_t(seed)];
    const cv::Mat& aUnit = data.unit[std::size_t(seed)];
    cv::Mat b = cv::Mat::zeros(1, n, CV_32F);
    for (int k = 0; k < g2; ++k)
        cv::scaleAdd(data.basis.row(k), theta[std::size_t(k)], b, b);
    const double strength = theta[std::size_t(g2)];
    c.theta = std::move(theta);

    const double target = std::clamp(strength * reach, 0.0, 2.0);
    const double aNorm = std::sqrt(dot(a.ptr<float>(), a.ptr<float>(), n));
    const double p = dot(aUnit.ptr<float>(), b.ptr<float>(), n);
    cv::Mat perpendicular = b - p * aUnit;
    const double q = std::sqrt(dot(perpendicular.ptr<float>(), perpendicular.ptr<float>(), n));
    // No noise, or noise along the seed itself: nothing can turn it.
    if (target <= 0 || q <= 1e-9 * std::hypot(p, q)) {
        c.alpha = 0;
        c.feature = aUnit.clone();
        return c;
    }
    const double limit = std::atan2(q, p);
    const double phi = std::min(std::acos(1.0 - target), 0.9 * limit);
    c.alpha = aNorm * std::sin(phi) / (q * std::cos(phi) - p * std::sin(phi));
    c.feature = std::cos(phi) * aUnit + (std::sin(phi) / q) * perpendicular;
    return c;
}

cv::Mat candidateRoi(const ClassData& data, const Candidate& c)
{
    const cv::Mat& seed = data.rois[std::size_t(c.seed)];
    if (c.alpha == 0)
        return seed.clone();
    cv::Mat x = seed + c.alpha * noiseField(c.theta.data(), data.grid, data.side);
    return normaliseRoi(x);
}

struct Radii {
    double rho = 0, r1 = 0, r2 = 0, r3 = 0;
};

// The paper's objective for a feature, as the search minimises it (eq. (2)
// negated), and whether a radius is broken.
struct Score {
    double probability = 0, neighbourDistance = kInfinity, originalDistance = kInfinity;
    double hinge = 0;                // gamma-free sum of the distance hinges
    double paper = 0;                // eq. (2) as maximised / eq. (3) as minimised
    double search = 0;               // what RACOS minimises
};

Score score(const cv::Mat& feature, SampleKind kind, const SvmDiscriminator& svm, const ClassData& data,
            const std::vector<cv::Mat>& accepted, const Radii& radii, const AdversarialAugmentationOptions& options)
{
    Score s;
    s.probability = svm.probability(feature);
    s.neighbourDistance = minimumDistance(feature, accepted);
    if (kind == SampleKind::PositiveNeighbour) {
        s.hinge = std::max(0.0, radii.r1 - s.neighbourDistance);
        s.paper = s.probability - options.gamma * s.hinge;
        s.search = -s.paper;
    } else {
        s.originalDistance = minimumDistance(feature, data.unit);
        s.hinge = std::max(0.0, radii.r2 - s.neighbourDistance) + std::max(0.0, s.originalDistance - radii.r3);
        s.paper = s.probability + options.gamma * s.hinge;
        s.search = s.paper;
    }
    // Feasibility first: an eq. (2) or (3) value lies in [-1, 1 + gamma * hinge],
    // so 2 + hinge is worse than any candidate that keeps the radii, and among
    // those that break them the search is led by how far they break them.
    if (options.enforceRadii && s.hinge > 0)
        s.search = 2.0 + s.hinge;
    return s;
}

std::vector<GeneratedRoi> neighbours(const ClassData& data, int label, SampleKind kind, const Radii& radii,
                                     const AdversarialAugmentationOptions& options)
{
    const bool positive = kind == SampleKind::PositiveNeighbour;
    const int perOriginal = positive ? options.positivesPerOriginal : options.negativesPerOriginal;
    const double reach = (positive ? options.positiveReach : options.negativeReach) * radii.rho;
    const int count = int(data.rois.size());
    const int g2 = data.grid * data.grid;
    PortableRandom random(streamSeed(options.seed, label, kind));

    // Every original is the seed of perOriginal batches, in a shuffled order per round.
    std::vector<int> seeds;
    for (int round = 0; round < perOriginal; ++round) {
        std::vector<int> order = indices(count);
        random.shuffle(order);
        seeds.insert(seeds.end(), order.begin(), order.end());
    }

    auto randomTheta = [&] {
        std::vector<double> theta(std::size_t(g2 + 1));
        for (int k = 0; k < g2; ++k)
            theta[std::size_t(k)] = std::min(random.uniform(-1.0, 1.0), 1.0);
        theta[std::size_t(g2)] = random.unit();
        return theta;
    };

    std::vector<GeneratedRoi> made;
    std::vector<cv::Mat> accepted;   // the features of X+_c or X-_c so far
    for (const int seed : seeds) {
        // The batch: T noise-corrupted random seeds against as many originals.
        cv::Mat generated(options.batchSize + int(accepted.size()), data.features, CV_32F);
        for (int t = 0; t < options.batchSize; ++t) {
            const int j = int(random.index(std::size_t(count)));
            generate(data, j, randomTheta(), reach).feature.copyTo(generated.row(t));
        }
        for (std::size_t k = 0; k < accepted.size(); ++k)
            accepted[k].copyTo(generated.row(options.batchSize + int(k)));
        std::vector<int> cycle = indices(count);
        random.shuffle(cycle);
        cv::Mat real(generated.rows, data.features, CV_32F);
        for (int r = 0; r < real.rows; ++r)
            data.unit[std::size_t(cycle[std::size_t(r % count)])].copyTo(real.row(r));

        SvmDiscriminator svm;
        SvmOptions svmOptions = options.svm;
        svmOptions.seed = random.next();
        svm.train(real, generated, svmOptions);
        double meanProbability = 0;
        for (int t = 0; t < options.batchSize; ++t)
            meanProbability += svm.probability(generated.row(t));
        meanProbability /= options.batchSize;

        // The neighbour of this batch: RACOS over the seed's noise and strength.
        RacosParameters racos = options.racos;
        racos.seed = random.next();
        std::vector<double> lower(std::size_t(g2 + 1), -1.0), upper(std::size_t(g2 + 1), 1.0);
        lower[std::size_t(g2)] = 0.0;
        const auto objective = [&](const std::vector<double>& theta) {
            return score(generate(data, seed, theta, reach).feature, kind, svm, data, accepted, radii, options).search;
        };
        const RacosResult best = racosMinimise(objective, lower, upper, racos);

        GeneratedRoi g;
        const Candidate chosen = generate(data, seed, best.best, reach);
        g.roi = candidateRoi(data, chosen);
        g.label = label;
        g.kind = kind;
        g.seedIndex = seed;
        // Scored on the ROI as made, so that what is reported is true of it.
        const cv::Mat feature = augmentationFeature(g.roi, data.featureSide);
        const Score s = score(feature, kind, svm, data, accepted, radii, options);
        g.probability = s.probability;
        g.batchMeanProbability = meanProbability;
        g.seedDistance = cosineDistance(feature, data.unit[std::size_t(seed)]);
        g.originalDistance = minimumDistance(feature, data.unit);
        g.neighbourDistance = s.neighbourDistance;
        g.objective = s.paper;
        made.push_back(std::move(g));
        accepted.push_back(feature);
    }
    return made;
}

} // namespace

cv::Mat augmentationFeature(const cv::Mat& roi, int featureSize)
{
    require(!roi.empty() && roi.channels() == 1 && roi.rows == roi.cols, "an ROI must be square and one-channel");
    require(featureSize >= 1, "the feature size must be positive");
    cv::Mat row = downsample(normaliseRoi(roi), std::min(featureSize, roi.cols));
    const double norm = cv::norm(row);
    if (norm > 0)
        row /= norm;
    return row;
}

double cosineDistance(const cv::Mat& a, const cv::Mat& b)
{
    require(a.type() == CV_32F && b.type() == CV_32F && a.total() == b.total() && a.isContinuous() &&
                b.isContinuous(),
            "features must be float rows of one length");
    return 1.0 - dot(a.ptr<float>(), b.ptr<float>(), int(a.total()));
}

double classRadius(const std::vector<cv::Mat>& features, RadiusRule rule)
{
    constexpr double distinct = 1e-6;   // closer than this, two originals are one point
    double minimum = kInfinity;
    std::vector<double> nearest;
    for (std::size_t i = 0; i < features.size(); ++i) {
        double own = kInfinity;
        for (std::size_t j = 0; j < features.size(); ++j) {
            if (i == j)
                continue;
            const double d = cosineDistance(features[i], features[j]);
            if (d > distinct)
                own = std::min(own, d);
        }
        minimum = std::min(minimum, own);
        if (std::isfinite(own))
            nearest.push_back(own);
    }
    require(std::isfinite(minimum), "a class needs at least two distinct originals");
    if (rule == RadiusRule::MinimumPairwise)
        return minimum;
    std::sort(nearest.begin(), nearest.end());
    const std::size_t m = nearest.size();
    return m % 2 == 1 ? nearest[m / 2] : 0.5 * (nearest[m / 2 - 1] + nearest[m / 2]);
}

ClassAugmentation augmentClass(const std::vector<cv::Mat>& rois, int label,
                               const AdversarialAugmentationOptions& options)
{
    require(rois.size() >= 2, "a class needs at least two originals");
    require(options.positivesPerOriginal >= 0 && options.negativesPerOriginal >= 0, "negative neighbour counts");
    require(options.batchSize >= 1, "the batch size T must be positive");
    require(options.gamma >= 0, "gamma must not be negative");
    require(options.rho >= 0 && options.r1Factor > 0 && options.r2Factor > 0 && options.r3Factor > 0,
            "radii must be positive");
    require(options.positiveReach > 0 && options.negativeReach > 0, "reaches must be positive");
    require(options.featureSize >= 1, "the feature size must be positive");

    ClassData data;
    data.side = rois.front().cols;
    data.featureSide = std::min(options.featureSize, data.side);
    data.features = data.featureSide * data.featureSide;
    data.grid = options.noiseGrid;
    require(data.grid >= 1 && data.grid <= data.featureSide,
            "the noise grid must be between 1 and the feature size, so that the features see all of the noise");
    for (std::size_t i = 0; i < rois.size(); ++i) {
        const cv::Mat& roi = rois[i];
        require(!roi.empty() && roi.channels() == 1 && roi.rows == data.side && roi.cols == data.side,
                "ROI " + std::to_string(i) + " is not one-channel and of the first ROI's square size");
        cv::Mat normalised = normaliseRoi(roi);
        require(cv::countNonZero(normalised) > 0, "ROI " + std::to_string(i) + " is flat");
        cv::Mat raw = downsample(normalised, data.featureSide);
        data.unit.push_back(raw / cv::norm(raw));
        data.raw.push_back(raw);
        data.rois.push_back(normalised);
    }
    const int g2 = data.grid * data.grid;
    data.basis.create(g2, data.features, CV_32F);
    std::vector<double> unitTheta(std::size_t(g2), 0.0);
    for (int k = 0; k < g2; ++k) {
        unitTheta[std::size_t(k)] = 1.0;
        downsample(noiseField(unitTheta.data(), data.grid, data.side), data.featureSide).copyTo(data.basis.row(k));
        unitTheta[std::size_t(k)] = 0.0;
    }

    ClassAugmentation result;
    result.label = label;
    result.originalCount = int(rois.size());
    result.rho = options.rho > 0 ? options.rho : classRadius(data.unit, options.radiusRule);
    result.r1 = options.r1Factor * result.rho;
    result.r2 = options.r2Factor * result.rho;
    result.r3 = options.r3Factor * result.rho;
    const Radii radii{result.rho, result.r1, result.r2, result.r3};
    result.positives = neighbours(data, label, SampleKind::PositiveNeighbour, radii, options);
    result.negatives = neighbours(data, label, SampleKind::NegativeNeighbour, radii, options);
    return result;
}

std::vector<ClassAugmentation> augmentClasses(const std::vector<cv::Mat>& rois, const std::vector<int>& labels,
                                              const AdversarialAugmentationOptions& options)
{
    require(rois.size() == labels.size(), "one label per ROI");
    std::map<int, std::vector<cv::Mat>> byClass;
    for (std::size_t i = 0; i < rois.size(); ++i)
        byClass[labels[i]].push_back(rois[i]);
    std::vector<ClassAugmentation> result;
    for (const auto& [label, members] : byClass)
        result.push_back(augmentClass(members, label, options));
    return result;
}

namespace {

// A normalised ROI on the sheet: -3 .. 3 standard deviations to black .. white.
cv::Mat tile(const cv::Mat& roi, int size)
{
    cv::Mat grey;
    normaliseRoi(roi).convertTo(grey, CV_8U, 255.0 / 6.0, 127.5);
    cv::Mat scaled;
    cv::resize(grey, scaled, cv::Size(size, size), 0, 0, size < grey.cols ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat colour;
    cv::cvtColor(scaled, colour, cv::COLOR_GRAY2BGR);
    return colour;
}

void caption(cv::Mat& sheet, const std::string& text, cv::Point origin, const cv::Scalar& colour)
{
    cv::putText(sheet, text, origin, cv::FONT_HERSHEY_SIMPLEX, 0.35, colour, 1, cv::LINE_AA);
}

std::string format(const char* pattern, double a, double b)
{
    char text[64];
    std::snprintf(text, sizeof text, pattern, a, b);
    return text;
}

} // namespace

cv::Mat renderContactSheet(const std::vector<cv::Mat>& rois, const ClassAugmentation& augmentation,
                           const ContactSheetOptions& options)
{
    require(options.tileSize >= 1 && options.captionHeight >= 0 && options.gap >= 0 && options.headerHeight >= 0 &&
                options.maxRows >= 1,
            "contact sheet options must be positive");
    const int rows = std::min(int(rois.size()), options.maxRows);
    std::vector<std::vector<const GeneratedRoi*>> positives(rois.size()), negatives(rois.size());
    for (const auto& g : augmentation.positives)
        if (g.seedIndex >= 0 && std::size_t(g.seedIndex) < rois.size())
            positives[std::size_t(g.seedIndex)].push_back(&g);
    for (const auto& g : augmentation.negatives)
        if (g.seedIndex >= 0 && std::size_t(g.seedIndex) < rois.size())
            negatives[std::size_t(g.seedIndex)].push_back(&g);
    std::size_t mostPositives = 0, mostNegatives = 0;
    for (std::size_t i = 0; i < rois.size(); ++i) {
        mostPositives = std::max(mostPositives, positives[i].size());
        mostNegatives = std::max(mostNegatives, negatives[i].size());
    }
    const int columns = 1 + int(mostPositives + mostNegatives);
    const int step = options.tileSize + options.gap;
    const int rowHeight = options.captionHeight + options.tileSize + options.gap;
    cv::Mat sheet(options.headerHeight + rows * rowHeight + options.gap, options.gap + columns * step, CV_8UC3,
                  cv::Scalar(32, 32, 32));

    char header[160];
    std::snprintf(header, sizeof header, "class %d  n %d  rho %.4f  r3 %.4f", augmentation.label,
                  augmentation.originalCount, augmentation.rho, augmentation.r3);
    cv::putText(sheet, header, cv::Point(options.gap, std::max(options.headerHeight - 8, 10)),
                cv::FONT_HERSHEY_SIMPLEX, 0.45, cv::Scalar(255, 255, 255), 1, cv::LINE_AA);

    const cv::Scalar white(255, 255, 255), green(96, 220, 96), red(96, 96, 240);
    auto place = [&](const cv::Mat& roi, int row, int column, const std::string& text, const cv::Scalar& colour) {
        const int x = options.gap + column * step;
        const int y = options.headerHeight + row * rowHeight;
        tile(roi, options.tileSize).copyTo(sheet(cv::Rect(x, y + options.captionHeight, options.tileSize,
                                                          options.tileSize)));
        if (options.captionHeight > 0)
            caption(sheet, text, cv::Point(x, y + options.captionHeight - 4), colour);
    };
    for (int i = 0; i < rows; ++i) {
        place(rois[std::size_t(i)], i, 0, "original " + std::to_string(i), white);
        int column = 1;
        for (const auto* g : positives[std::size_t(i)])
            place(g->roi, i, column++, format("+ P%.2f d%.3f", g->probability, g->seedDistance), green);
        column = 1 + int(mostPositives);
        for (const auto* g : negatives[std::size_t(i)])
            place(g->roi, i, column++, format("- P%.2f d%.3f", g->probability, g->seedDistance), red);
    }
    return sheet;
}

void writeContactSheet(const std::string& path, const std::vector<cv::Mat>& rois,
                       const ClassAugmentation& augmentation, const ContactSheetOptions& options)
{
    const cv::Mat sheet = renderContactSheet(rois, augmentation, options);
    bool written = false;
    try {
        written = cv::imwrite(path, sheet);
    } catch (const cv::Exception&) {
        written = false;
    }
    if (!written)
        throw std::runtime_error("adversarial augmentation: cannot write the contact sheet " + path);
}

std::vector<std::string> writeContactSheets(const std::string& directory, const std::vector<cv::Mat>& rois,
                                            const std::vector<int>& labels,
                                            const std::vector<ClassAugmentation>& augmentations,
                                            const ContactSheetOptions& options)
{
    require(rois.size() == labels.size(), "one label per ROI");
    std::filesystem::create_directories(directory);
    std::vector<std::string> paths;
    for (const auto& augmentation : augmentations) {
        std::vector<cv::Mat> members;
        for (std::size_t i = 0; i < rois.size(); ++i)
            if (labels[i] == augmentation.label)
                members.push_back(rois[i]);
        const std::string path =
            (std::filesystem::path(directory) / ("adversarial-augmentation-class" + std::to_string(augmentation.label) +
                                                 ".png"))
                .string();
        writeContactSheet(path, members, augmentation, options);
        paths.push_back(path);
    }
    return paths;
}

} // namespace mammo::ai::coin
