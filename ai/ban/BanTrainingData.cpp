#include "BanTrainingData.h"

#include "ai/synthesis/BreastMask.h"
#include "ai/synthesis/PastePlacement.h"
#include "core/Error.h"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>
#include <set>

namespace mammo::ai::ban {

namespace {

// splitmix64: independent-looking seeds from (seed, iteration, index).
std::uint64_t mixSeed(std::uint64_t seed, std::int64_t iteration, int index)
{
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + std::uint64_t(iteration) * 0xBF58476D1CE4E5B9ull
                      + std::uint64_t(index) * 0x94D049BB133111EBull + 0x2545F4914F6CDD1Dull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// Uniform in [0, 1) from 53 bits, the same on every platform (no std:: distributions).
double uniform(std::mt19937_64& random)
{
    return double(random() >> 11) * (1.0 / 9007199254740992.0);
}

std::size_t pick(std::mt19937_64& random, std::size_t count)
{
    return std::min(count - 1, std::size_t(uniform(random) * double(count)));
}

cv::Mat unitCrop(const cv::Mat& image, const cv::Rect& roi)
{
    cv::Mat crop;
    image(roi).convertTo(crop, CV_32F, image.depth() == CV_8U ? 1.0 / 255.0 : 1.0);
    return crop;
}

void checkGrey(const cv::Mat& image, int roiSize, const char* what)
{
    if (image.empty() || image.channels() != 1 || (image.depth() != CV_8U && image.depth() != CV_32F))
        throw core::Error(std::string("BAN training data: a ") + what + " image must be 8-bit or float grey");
    if (image.rows < roiSize || image.cols < roiSize)
        throw core::Error(std::string("BAN training data: a ") + what + " image is smaller than the ROI");
}

} // namespace

cv::Rect centredRoi(cv::Size image, cv::Point2d centre, int size)
{
    if (size <= 0 || image.width < size || image.height < size)
        throw core::Error("an ROI of " + std::to_string(size) + " pixels does not fit the image");
    const int x = int(std::lround(centre.x)) - size / 2;
    const int y = int(std::lround(centre.y)) - size / 2;
    return {std::clamp(x, 0, image.width - size), std::clamp(y, 0, image.height - size), size, size};
}

BanTrainingData::BanTrainingData(const std::vector<cv::Mat>& normalImages, synthesis::LesionLibrary lesions,
                                 const std::vector<cv::Mat>& realImages, std::vector<RealMassSite> realMasses,
                                 BanTrainingDataOptions options)
    : m_normals(normalImages), m_lesions(std::move(lesions)), m_realImages(realImages),
      m_realSites(std::move(realMasses)), m_options(options)
{
    if (options.roiSize <= 0 || options.roiSize % 16 != 0)
        throw core::Error("BAN training data: the ROI size must be a positive multiple of 16");
    if (options.jitterFraction < 0.0 || options.jitterFraction >= 0.5)
        throw core::Error("BAN training data: the jitter must be in [0, 0.5) of the ROI");
    if (m_normals.empty() || m_lesions.empty() || m_realSites.empty())
        throw core::Error("BAN training data needs normal images, lesions and real masses");
    for (const cv::Mat& image : m_normals) {
        checkGrey(image, options.roiSize, "normal");
        m_breastMasks.push_back(synthesis::segmentBreastMask(image));
        if (cv::countNonZero(m_breastMasks.back()) == 0)
            throw core::Error("BAN training data: a normal image shows no breast");
    }
    for (const cv::Mat& image : m_realImages)
        checkGrey(image, options.roiSize, "real mass");
    for (const RealMassSite& site : m_realSites)
        if (site.image >= m_realImages.size())
            throw core::Error("BAN training data: a real mass names an image that was not given");
}

BanTrainingData BanTrainingData::fromMias(const core::MiasCatalog& catalog, const std::string& datasetDirectory,
                                          const std::vector<std::string>& trainImages, BanTrainingDataOptions options)
{
    const std::set<std::string> wanted(trainImages.begin(), trainImages.end());
    std::vector<cv::Mat> normals, reals;
    std::vector<RealMassSite> sites;
    auto read = [&](const core::MiasImage& image) {
        const auto file = (std::filesystem::path(datasetDirectory) / image.fileName()).string();
        cv::Mat grey = cv::imread(file, cv::IMREAD_GRAYSCALE);
        if (grey.empty())
            throw core::Error("cannot read the mini-MIAS image " + file);
        return grey;
    };
    for (const core::MiasImage& image : catalog.images()) {
        if (!wanted.empty() && !wanted.count(image.reference))
            continue;
        if (image.isNormal()) {
            normals.push_back(read(image));
            continue;
        }
        std::vector<RealMassSite> here;
        for (const core::MiasAbnormality& row : image.abnormalities)
            if (core::isMiasMassClass(row.abnormalityClass) && row.circle)
                here.push_back({reals.size(), cv::Point2d(row.circle->x, row.circle->y), double(row.circle->radius)});
        if (here.empty())
            continue;
        reals.push_back(read(image));
        sites.insert(sites.end(), here.begin(), here.end());
    }
    auto lesions = synthesis::LesionLibrary::fromMias(catalog, datasetDirectory, trainImages);
    return BanTrainingData(normals, std::move(lesions), reals, std::move(sites), options);
}

BanSample BanTrainingData::sample(std::uint64_t seed, std::int64_t iteration, int index) const
{
    const std::uint64_t mixed = mixSeed(seed, iteration, index);
    BanSample sample = fakeSide(mixed);
    sample.real = realSide(mixSeed(mixed, -1, index));
    return sample;
}

std::vector<BanSample> BanTrainingData::batch(std::uint64_t seed, std::int64_t iteration, int size) const
{
    std::vector<BanSample> samples;
    for (int index = 0; index < size; ++index)
        samples.push_back(sample(seed, iteration, index));
    return samples;
}

BanSample BanTrainingData::fakeSide(std::uint64_t seed) const
{
    std::mt19937_64 random(seed);
    const int size = m_options.roiSize;
    const double jitter = m_options.jitterFraction * size;
    // The lesion must stay inside the ROI wherever the jitter and the image edge put it.
    const double maxExtent = size / 2.0 - 2.0 - jitter;
    for (int attempt = 0; attempt < 64; ++attempt) {
        const std::size_t n = pick(random, m_normals.size());
        const synthesis::LesionPatch& lesion = m_lesions.at(pick(random, m_lesions.size()));
        synthesis::RandomPlacementOptions placementOptions = m_options.placement;
        const double cap = maxExtent / synthesis::lesionExtentPx(lesion);
        if (cap < placementOptions.maxScale) {
            // Too large for the ROI at the drawn scales: shrink the range, keeping its ratio.
            const double ratio = placementOptions.minScale / placementOptions.maxScale;
            placementOptions.maxScale = cap;
            placementOptions.minScale = std::min(placementOptions.minScale, cap * ratio);
            placementOptions.minScale = std::min(placementOptions.minScale, cap);
        }
        synthesis::RandomPlacer placer(m_breastMasks[n], random(), placementOptions);
        const auto placement = placer.next(lesion);
        if (!placement)
            continue;
        const cv::Point2d offset((2.0 * uniform(random) - 1.0) * jitter, (2.0 * uniform(random) - 1.0) * jitter);
        const cv::Rect roi = centredRoi(m_normals[n].size(), placement->centre + offset, size);
        const synthesis::WarpedLesion warped = synthesis::warpLesion(lesion, *placement, roi);
        if (cv::countNonZero(warped.mask) == 0)
            continue;
        BanSample sample;
        sample.normal = unitCrop(m_normals[n], roi);
        sample.lesion = warped.grey;
        sample.mask = warped.mask;
        sample.pasted = sample.normal.clone();
        warped.grey.copyTo(sample.pasted, warped.mask);
        return sample;
    }
    throw core::Error("BAN training data: no lesion fits the normal images' breasts (64 attempts)");
}

cv::Mat BanTrainingData::realSide(std::uint64_t seed) const
{
    std::mt19937_64 random(seed);
    const int size = m_options.roiSize;
    const double jitter = m_options.jitterFraction * size;
    const RealMassSite& site = m_realSites[pick(random, m_realSites.size())];
    const cv::Mat& image = m_realImages[site.image];
    const cv::Point2d offset((2.0 * uniform(random) - 1.0) * jitter, (2.0 * uniform(random) - 1.0) * jitter);
    cv::Mat crop = unitCrop(image, centredRoi(image.size(), site.centre + offset, size));
    // Left and right breasts are mirror images: a mass ROI flipped is as real.
    if (random() & 1u)
        cv::flip(crop, crop, 1);
    return crop;
}

} // namespace mammo::ai::ban
