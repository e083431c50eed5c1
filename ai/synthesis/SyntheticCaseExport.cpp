#include "SyntheticCaseExport.h"

#include "LesionOutline.h"
#include "MiasFrame.h"
#include "SyntheticCaseFolder.h"
#include "core/DisplayChain.h"
#include "core/Error.h"
#include "core/SyntheticImageWriter.h"
#include "core/cad/SegmentationWriter.h"

#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>

namespace mammo::ai::synthesis {
namespace fs = std::filesystem;
namespace {

void checkRequest(const SyntheticCaseRequest& r)
{
    const cv::Mat& composite = r.composite;
    if (composite.empty() || composite.channels() != 1 || (composite.depth() != CV_8U && composite.depth() != CV_16U))
        throw core::Error("The blended image must be one channel of 8- or 16-bit stored values.");
    if (composite.rows != r.source.rows || composite.cols != r.source.columns)
        throw core::Error("The blended image has " + std::to_string(composite.cols) + " x " + std::to_string(composite.rows)
                          + " pixels but its source has " + std::to_string(r.source.columns) + " x "
                          + std::to_string(r.source.rows) + ".");
    if (r.lesions.empty())
        throw core::Error("A synthetic case needs at least one lesion mask.");
    for (const SyntheticCaseLesion& lesion : r.lesions) {
        if (lesion.mask.type() != CV_8UC1 || lesion.mask.size() != composite.size())
            throw core::Error("Each lesion mask must be an 8-bit image of the blended image's size.");
        if (cv::countNonZero(lesion.mask) == 0)
            throw core::Error("A lesion mask is empty.");
    }
    if (r.outputDirectory.empty())
        throw core::Error("Choose a folder for the synthetic case.");
    if (r.name.find_first_of("/\\") != std::string::npos || r.name == "." || r.name == "..")
        throw core::Error("The name of a synthetic case is a file name, without folders.");
}

// The composite as the app shows it by default: 8-bit data as they are (mini-MIAS
// cases stay bit-exact), anything else through the display chain with its first VOI.
cv::Mat displayGrey(const core::ImageAttributes& source, const std::vector<std::uint16_t>& pixels)
{
    cv::Mat grey(source.rows, source.columns, CV_8UC1);
    const bool plain = source.pixelFormat.bitsStored == 8 && source.photometric == core::Photometric::Monochrome2
                       && !source.modalityLut.table && source.modalityLut.slope == 1.0
                       && source.modalityLut.intercept == 0.0;
    if (plain) {
        for (std::size_t i = 0; i < pixels.size(); ++i)
            grey.data[i] = static_cast<std::uint8_t>(pixels[i]);
        return grey;
    }
    const std::vector<core::VoiSetting> presets = core::voiPresets(source);
    core::VoiSetting voi = core::IdentityVoi{};
    if (!presets.empty()) {
        voi = presets.front();
    } else {
        const auto [low, high] = std::minmax_element(pixels.begin(), pixels.end());
        voi = core::IdentityVoi{core::applyModalityLut(source.modalityLut, *low),
                                core::applyModalityLut(source.modalityLut, *high)};
    }
    core::applyDisplayLut(pixels.data(), pixels.size(), core::composeDisplayLut(source, voi), grey.data);
    return grey;
}

// The circle enclosing the lesion's outline, image continuous coordinates.
std::pair<cv::Point2d, double> enclosingCircle(const cv::Mat& mask)
{
    std::vector<cv::Point2f> points;
    for (const core::ImagePoint& p : lesionOutline(mask))
        points.emplace_back(float(p.x), float(p.y));
    cv::Point2f centre;
    float radius = 0.0f;
    cv::minEnclosingCircle(points, centre, radius);
    return {cv::Point2d(centre.x, centre.y), double(radius)};
}

std::string segmentLabel(const SyntheticCaseLesion& lesion)
{
    return "synthetic mass " + lesion.lesionClass.substr(0, 8) + " " + lesionSeverityName(lesion.severity);
}

core::cad::SegmentationOptions segmentationOptions(const SyntheticCaseRequest& r)
{
    core::cad::SegmentationOptions options;
    options.modelName = "Mammoscope synthetic case";
    options.softwareVersions = r.softwareVersions.empty() ? "unknown" : r.softwareVersions;
    options.algorithmName = "Mammoscope lesion synthesis (" + r.method + ")";
    options.seriesNumber = 2;
    core::cad::SegmentationWording& wording = options.wording;
    wording.seriesDescription = "SYNTHETIC lesion masks (" + r.method + ")";
    wording.contentLabel = "SYNTH_LESIONS";
    wording.contentDescription = "Masks of the lesions blended into a SYNTHETIC image";
    wording.derivationDescription = "Lesion masks of the synthesis, outlined along pixel edges";
    wording.automaticSegmentLabel = "Synthetic mass";
    wording.automaticSegmentDescription = "SYNTHETIC (" + r.method + ")";
    wording.scoresInDescription = false;
    return options;
}

std::string firstFreeName(const fs::path& directory)
{
    for (int n = 1; n < 100000; ++n) {
        char stem[32];
        std::snprintf(stem, sizeof stem, "synthetic-%04d", n);
        std::error_code error;
        if (!fs::exists(directory / (std::string(stem) + ".dcm"), error)
            && !fs::exists(directory / (std::string(stem) + "-seg.dcm"), error))
            return stem;
    }
    throw core::Error("The folder holds too many synthetic cases; choose another folder.");
}

// Removes what it lists unless dismissed: a failed export leaves nothing half done.
class Rollback {
public:
    ~Rollback()
    {
        for (const fs::path& path : m_paths) {
            std::error_code ignored;
            fs::remove(path, ignored);
        }
    }
    void add(fs::path path) { m_paths.push_back(std::move(path)); }
    void dismiss() { m_paths.clear(); }

private:
    std::vector<fs::path> m_paths;
};

} // namespace

SyntheticCaseFiles exportSyntheticCase(const SyntheticCaseRequest& r)
{
    checkRequest(r);
    std::vector<std::uint16_t> pixels(r.composite.total());
    cv::Mat stored(r.composite.rows, r.composite.cols, CV_16UC1, pixels.data());
    r.composite.convertTo(stored, CV_16U);   // writes into pixels

    // Every writer is configured, and the training case computed, before the first file.
    core::SyntheticImageInfo info;
    info.method = r.method;
    info.lesionCount = int(r.lesions.size());
    info.softwareVersions = r.softwareVersions;
    info.uidRoot = r.uidRoot;
    for (const SyntheticCaseLesion& lesion : r.lesions) {
        const cv::Rect box = cv::boundingRect(lesion.mask);
        info.keepClear.push_back({box.x - 2, box.y - 2, box.width + 4, box.height + 4});
    }
    const core::SyntheticImageWriter imageWriter(info);
    const core::cad::SegmentationWriter segmentationWriter(segmentationOptions(r));

    SyntheticFolderCase trainingCase;
    if (!r.trainingFolder.empty()) {
        const std::optional<core::Spacing> spacing = r.source.pixelSpacing ? r.source.pixelSpacing
                                                                            : r.source.imagerPixelSpacing;
        if (!spacing)
            throw core::Error("A training case needs the image's pixel spacing.");
        std::vector<std::pair<cv::Point2d, double>> circles;
        cv::Point2d focus(0, 0);
        for (const SyntheticCaseLesion& lesion : r.lesions) {
            circles.push_back(enclosingCircle(lesion.mask));
            focus += circles.back().first / double(r.lesions.size());
        }
        const MiasFrame frame = toMiasFrame(displayGrey(r.source, pixels), *spacing, chestWallSide(r.source), focus);
        trainingCase.image = frame.image;
        trainingCase.laterality = r.source.laterality;
        trainingCase.tissue = r.tissue;
        trainingCase.method = r.method;
        trainingCase.normalImage = r.source.sopInstanceUid;
        for (std::size_t i = 0; i < r.lesions.size(); ++i) {
            SyntheticFolderLesion lesion;
            lesion.lesionClass = r.lesions[i].lesionClass;
            lesion.severity = r.lesions[i].severity;
            lesion.id = r.lesions[i].id;
            // Continuous coordinates to pixel indices (Info.txt counts pixels).
            lesion.centre = frame.toFrame(circles[i].first) - cv::Point2d(0.5, 0.5);
            lesion.radiusPx = circles[i].second * (frame.scale.x + frame.scale.y) / 2.0;
            if (lesion.centre.x < 0 || lesion.centre.y < 0 || lesion.centre.x > core::kMiasImageSize - 1
                || lesion.centre.y > core::kMiasImageSize - 1)
                throw core::Error("A lesion lies outside the 1024 x 1024 mini-MIAS frame of the training case.");
            trainingCase.lesions.push_back(lesion);
        }
    }

    const fs::path directory(r.outputDirectory);
    std::error_code error;
    fs::create_directories(directory, error);
    if (error || !fs::is_directory(directory, error))
        throw core::Error("Cannot create the folder \"" + r.outputDirectory + "\" for the synthetic case.");
    const std::string stem = r.name.empty() ? firstFreeName(directory) : r.name;
    SyntheticCaseFiles files;
    files.imagePath = (directory / (stem + ".dcm")).string();
    files.segmentationPath = (directory / (stem + "-seg.dcm")).string();
    if (fs::exists(files.imagePath, error) || fs::exists(files.segmentationPath, error))
        throw core::Error("A synthetic case named \"" + stem + "\" exists already in that folder; choose another name.");
    std::optional<SyntheticCaseFolder> folder;
    if (!r.trainingFolder.empty())
        folder.emplace(r.trainingFolder);   // created and read now: it fails before any file is written

    Rollback rollback;
    rollback.add(files.imagePath);
    const core::SyntheticImageResult image = imageWriter.write(r.source, pixels, files.imagePath);
    files.studyInstanceUid = image.attributes.studyInstanceUid;
    files.seriesInstanceUid = image.attributes.seriesInstanceUid;
    files.sopInstanceUid = image.attributes.sopInstanceUid;

    std::vector<core::Finding> findings;
    for (const SyntheticCaseLesion& lesion : r.lesions)
        findings.push_back(lesionFinding(lesion.mask, files.sopInstanceUid, segmentLabel(lesion)));
    rollback.add(files.segmentationPath);
    files.segmentationSopInstanceUid =
        segmentationWriter.write(image.attributes, findings, files.segmentationPath).sopInstanceUid;

    if (folder) {
        trainingCase.sopInstanceUid = files.sopInstanceUid;
        files.trainingReference = folder->add(trainingCase);
        folder->commit();
    }
    rollback.dismiss();
    return files;
}

} // namespace mammo::ai::synthesis
