#include "CadResultsExport.h"

#include "MammographyCadSrWriter.h"
#include "SegmentationWriter.h"
#include "core/Error.h"

#include <algorithm>
#include <filesystem>

namespace mammo::core::cad {

CadExportResult exportCadResults(const std::vector<ImageAttributes>& images, const std::vector<Finding>& findings,
                                 const CadProducer& producer, const std::string& srPath, const std::string& segDirectory)
{
    CadExportResult result;
    if (!srPath.empty()) {
        const std::filesystem::path parent = std::filesystem::path(srPath).parent_path();
        std::error_code error;
        if (!parent.empty())
            std::filesystem::create_directories(parent, error);
        if (error)
            throw Error("Cannot create the folder " + parent.string() + " for the CAD report: " + error.message());
        CadSrOptions options;
        options.modelName = producer.productName;
        options.softwareVersions = producer.softwareVersion;
        options.algorithmName = producer.algorithmName;
        options.algorithmVersion = producer.algorithmVersion;
        const CadSrWriteResult written = MammographyCadSrWriter(options).write(images, findings, srPath);
        result.srPath = srPath;
        result.findingsWritten = written.findingsWritten;
        result.readerRegionsSkipped = written.readerRegionsSkipped;
    }
    if (segDirectory.empty())
        return result;
    std::error_code error;
    std::filesystem::create_directories(segDirectory, error);
    if (error)
        throw Error("Cannot create the folder " + segDirectory + " for the segmentations: " + error.message());
    SegmentationOptions options;
    options.modelName = producer.productName;
    options.softwareVersions = producer.softwareVersion.empty() ? "unknown" : producer.softwareVersion;
    options.algorithmName = producer.algorithmName;
    for (const ImageAttributes& image : images) {
        const bool hasRegion = std::any_of(findings.begin(), findings.end(),
                                           [&](const Finding& f) { return f.sopInstanceUid == image.sopInstanceUid; });
        if (!hasRegion)
            continue;
        const std::string path = (std::filesystem::path(segDirectory) / (image.sopInstanceUid + ".seg.dcm")).string();
        SegmentationWriter(options).write(image, findings, path);
        result.segPaths.push_back(path);
    }
    return result;
}

} // namespace mammo::core::cad
