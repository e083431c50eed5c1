#pragma once
// What BAN trains on (paper Sec. 2.2 and 3), as ROI crops so that it trains on
// a CPU: for the generator, a normal image of the training fold with a lesion
// of the training fold's library pasted at a random site inside the breast
// (random scale and rotation, ai/synthesis RandomPlacer), the ROI centred on
// the paste site; for the discriminator's "real" side, ROIs of the same size
// around the training fold's real masses (Y of eq. 2: real mammograms with
// a mass, which the blended ones must become indistinguishable from).
//
// Every sample is a function of (seed, iteration, index) only, so a resumed
// training draws the same batches as an uninterrupted one. No torch here.
#include "ai/synthesis/LesionLibrary.h"
#include "ai/synthesis/RandomPlacer.h"
#include "core/MiasCatalog.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace mammo::ai::ban {

// One generator input and one real ROI, all roiSize x roiSize.
struct BanSample {
    cv::Mat normal;   // CV_32F [0, 1]: X
    cv::Mat lesion;   // CV_32F [0, 1]: the warped lesion patch E (its tissue too, replicated past its edge)
    cv::Mat pasted;   // CV_32F [0, 1]: X with E inside the mask
    cv::Mat mask;     // CV_8U 0 / 255: Omega
    cv::Mat real;     // CV_32F [0, 1]: a real mass ROI, for the discriminator
};

// A real mass: its image (index into the real images) and its circle, image pixels.
struct RealMassSite {
    std::size_t image = 0;
    cv::Point2d centre;
    double radiusPx = 0.0;
};

struct BanTrainingDataOptions {
    int roiSize = 128;                       // pixels of mini-MIAS (0.2 mm)
    double jitterFraction = 0.125;           // the lesion's centre moves up to this * roiSize off the ROI's centre
    synthesis::RandomPlacementOptions placement;   // scale and rotation ranges; scales are capped so the lesion fits
};

class BanTrainingData {
public:
    // normalImages: 8-bit (0-255) or float [0, 1] grey of the training fold's
    // normal images; lesions: the training fold's lesion patches; realImages and
    // realMasses: the training fold's images with masses and where the masses are.
    // Throws core::Error when a list is empty, an image is unusable or the ROI size is
    // not a positive multiple of 16.
    BanTrainingData(const std::vector<cv::Mat>& normalImages, synthesis::LesionLibrary lesions,
                    const std::vector<cv::Mat>& realImages, std::vector<RealMassSite> realMasses,
                    BanTrainingDataOptions options = {});

    // From mini-MIAS: the NORM images and the CIRC/SPIC/MISC masses with
    // coordinates among trainImages (references "mdb001"...; all images when empty).
    static BanTrainingData fromMias(const core::MiasCatalog& catalog, const std::string& datasetDirectory,
                                    const std::vector<std::string>& trainImages, BanTrainingDataOptions options = {});

    // The sample drawn for (seed, iteration, index): deterministic.
    BanSample sample(std::uint64_t seed, std::int64_t iteration, int index) const;
    std::vector<BanSample> batch(std::uint64_t seed, std::int64_t iteration, int size) const;

    int roiSize() const { return m_options.roiSize; }
    std::size_t normalCount() const { return m_normals.size(); }
    std::size_t lesionCount() const { return m_lesions.size(); }
    std::size_t realCount() const { return m_realSites.size(); }

private:
    BanSample fakeSide(std::uint64_t seed) const;
    cv::Mat realSide(std::uint64_t seed) const;

    std::vector<cv::Mat> m_normals;        // CV_8U or CV_32F as given (not copied)
    std::vector<cv::Mat> m_breastMasks;    // CV_8U, one per normal image
    synthesis::LesionLibrary m_lesions;
    std::vector<cv::Mat> m_realImages;
    std::vector<RealMassSite> m_realSites;
    BanTrainingDataOptions m_options;
};

// A square ROI of side `size` whose centre is `centre` (rounded), moved inside
// the image when it would cross its edge. Throws core::Error when the image is smaller.
cv::Rect centredRoi(cv::Size image, cv::Point2d centre, int size);

} // namespace mammo::ai::ban
