#include "LesionLibrary.h"

#include "core/Error.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace mammo::ai::synthesis {

namespace fs = std::filesystem;

namespace {

constexpr int kFormatVersion = 1;

LesionSeverity severityOf(core::MiasSeverity severity)
{
    switch (severity) {
    case core::MiasSeverity::Benign: return LesionSeverity::Benign;
    case core::MiasSeverity::Malignant: return LesionSeverity::Malignant;
    case core::MiasSeverity::None: break;
    }
    return LesionSeverity::Unknown;
}

// Ids become file names: keep them to a portable alphabet.
void checkId(const std::string& id)
{
    const bool portable = !id.empty() && id.size() <= 100 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    }) && id.front() != '.';
    if (!portable)
        throw core::Error("lesion id \"" + id + "\" is not usable as a file name (letters, digits, - _ . only)");
}

std::string patchFile(const std::string& id) { return id + ".png"; }
std::string maskFile(const std::string& id) { return id + "-mask.png"; }

// Writes a PNG beside `path` and renames it over, so `path` is whole or as before.
void writeImageReplacing(const std::string& path, const cv::Mat& image, const std::string& lesionId)
{
    const std::string partial = path + ".partial.png";
    std::error_code error;
    if (!cv::imwrite(partial, image)) {
        fs::remove(partial, error);
        throw core::Error("cannot write the lesion " + lesionId + " to " + path);
    }
    fs::rename(partial, path, error);
    if (error)
        throw core::Error("cannot write the lesion " + lesionId + " to " + path + ": " + error.message());
}

} // namespace

LesionLibrary LesionLibrary::fromMias(const core::MiasCatalog& catalog, const std::string& datasetDirectory,
                                      const std::vector<std::string>& onlyImages,
                                      const LesionExtractionOptions& options)
{
    for (const std::string& reference : onlyImages)
        catalog.at(reference);   // throws on an unknown image
    LesionLibrary library;
    for (const core::MiasImage& image : catalog.images()) {
        if (!onlyImages.empty() && std::find(onlyImages.begin(), onlyImages.end(), image.reference) == onlyImages.end())
            continue;
        if (!image.hasMass())
            continue;
        cv::Mat grey;
        int row = 0;
        for (const core::MiasAbnormality& abnormality : image.abnormalities) {
            if (!core::isMiasMassClass(abnormality.abnormalityClass) || !abnormality.circle)
                continue;
            if (grey.empty()) {
                const std::string path = (fs::path(datasetDirectory) / image.fileName()).string();
                grey = cv::imread(path, cv::IMREAD_ANYDEPTH | cv::IMREAD_GRAYSCALE);
                if (grey.empty())
                    throw core::Error("cannot read the mini-MIAS image " + path);
            }
            const core::MiasCircle& circle = *abnormality.circle;
            LesionPatch lesion = extractLesion(grey, cv::Point2d(circle.x, circle.y), circle.radius,
                                               core::kMiasPixelSpacingMm, options);
            lesion.id = image.reference + "-" + std::to_string(++row);
            lesion.sourceImage = image.reference;
            lesion.lesionClass = core::miasClassCode(abnormality.abnormalityClass);
            lesion.severity = severityOf(abnormality.severity);
            library.add(std::move(lesion));
        }
    }
    return library;
}

void LesionLibrary::add(LesionPatch lesion)
{
    checkId(lesion.id);
    checkLesionPatch(lesion);
    if (find(lesion.id))
        throw core::Error("the lesion library already holds a lesion \"" + lesion.id + "\"");
    m_lesions.push_back(std::move(lesion));
}

const LesionPatch* LesionLibrary::find(const std::string& id) const
{
    const auto it = std::find_if(m_lesions.begin(), m_lesions.end(), [&](const LesionPatch& l) { return l.id == id; });
    return it == m_lesions.end() ? nullptr : &*it;
}

void LesionLibrary::save(const std::string& folder) const
{
    std::error_code error;
    fs::create_directories(folder, error);
    if (error)
        throw core::Error("cannot create the lesion library folder " + folder + ": " + error.message());

    nlohmann::json lesions = nlohmann::json::array();
    for (const LesionPatch& lesion : m_lesions) {
        // 16-bit PNG of the [0, 1] grey: an 8-bit source survives exactly (x 257).
        cv::Mat grey16;
        lesion.grey.convertTo(grey16, CV_16U, 65535.0);
        const std::string greyPath = (fs::path(folder) / patchFile(lesion.id)).string();
        const std::string maskPath = (fs::path(folder) / maskFile(lesion.id)).string();
        writeImageReplacing(greyPath, grey16, lesion.id);
        writeImageReplacing(maskPath, lesion.mask, lesion.id);
        lesions.push_back({
            {"id", lesion.id},
            {"source_image", lesion.sourceImage},
            {"class", lesion.lesionClass},
            {"severity", lesionSeverityName(lesion.severity)},
            {"patch", patchFile(lesion.id)},
            {"mask", maskFile(lesion.id)},
            {"mask_source", lesionMaskSourceName(lesion.maskSource)},
            {"centre_px", {lesion.centre.x, lesion.centre.y}},
            {"radius_px", lesion.radiusPx},
            {"radius_mm", lesion.radiusMm()},
            {"pixel_size_mm", lesion.pixelSizeMm},
        });
    }
    const nlohmann::json document = {
        {"format", "mammoscope-lesion-library"},
        {"version", kFormatVersion},
        {"grey_encoding", "16-bit PNG, value / 65535 = fraction of the source's full scale"},
        {"lesions", lesions},
    };
    // The index last, written beside and renamed over like every image: a crash
    // mid-save leaves the previous library whole.
    const std::string path = (fs::path(folder) / kLesionLibraryFile).string();
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::trunc);
        out << document.dump(2) << '\n';
        out.close();
        if (!out) {
            fs::remove(partial, error);
            throw core::Error("cannot write " + path);
        }
    }
    fs::rename(partial, path, error);
    if (error)
        throw core::Error("cannot write " + path + ": " + error.message());
}

LesionLibrary LesionLibrary::load(const std::string& folder)
{
    const std::string path = (fs::path(folder) / kLesionLibraryFile).string();
    std::ifstream in(path);
    if (!in)
        throw core::Error("cannot open the lesion library " + path);
    LesionLibrary library;
    try {
        const nlohmann::json document = nlohmann::json::parse(in);
        if (document.at("format").get<std::string>() != "mammoscope-lesion-library")
            throw core::Error(path + " is not a lesion library");
        if (document.at("version").get<int>() > kFormatVersion)
            throw core::Error(path + " was written by a newer version of Mammoscope");
        for (const nlohmann::json& entry : document.at("lesions")) {
            LesionPatch lesion;
            lesion.id = entry.at("id").get<std::string>();
            checkId(lesion.id);
            lesion.sourceImage = entry.at("source_image").get<std::string>();
            lesion.lesionClass = entry.at("class").get<std::string>();
            lesion.severity = lesionSeverityFromName(entry.at("severity").get<std::string>());
            lesion.maskSource = lesionMaskSourceFromName(entry.at("mask_source").get<std::string>());
            lesion.centre = {entry.at("centre_px").at(0).get<double>(), entry.at("centre_px").at(1).get<double>()};
            lesion.radiusPx = entry.at("radius_px").get<double>();
            lesion.pixelSizeMm = entry.at("pixel_size_mm").get<double>();
            // File names come from the id, never from the JSON: no path escapes the folder.
            const std::string greyPath = (fs::path(folder) / patchFile(lesion.id)).string();
            const std::string maskPath = (fs::path(folder) / maskFile(lesion.id)).string();
            const cv::Mat grey16 = cv::imread(greyPath, cv::IMREAD_ANYDEPTH | cv::IMREAD_GRAYSCALE);
            if (grey16.empty() || grey16.depth() != CV_16U)
                throw core::Error("cannot read the 16-bit lesion patch " + greyPath);
            grey16.convertTo(lesion.grey, CV_32F, 1.0 / 65535.0);
            const cv::Mat mask = cv::imread(maskPath, cv::IMREAD_GRAYSCALE);
            if (mask.empty())
                throw core::Error("cannot read the lesion mask " + maskPath);
            lesion.mask = mask > 0;
            library.add(std::move(lesion));
        }
    } catch (const nlohmann::json::exception& e) {
        throw core::Error("the lesion library " + path + " is malformed: " + e.what());
    }
    return library;
}

} // namespace mammo::ai::synthesis
