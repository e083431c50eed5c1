#include "FuzzSeeds.h"

#include "HostileDicom.h"

#include <core/DicomImageWriter.h>
#include <core/DicomReader.h>
#include <support/TestDicom.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;

namespace mammo::fuzz {

std::vector<std::uint8_t> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<Seed> seedsInFolder(const std::string& folder, const std::string& extension)
{
    std::vector<Seed> seeds;
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return seeds;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (!entry.is_regular_file() || (!extension.empty() && entry.path().extension() != extension))
            continue;
        if (entry.path().filename() == "README.md")
            continue;
        seeds.push_back({entry.path().filename().string(), readBytes(entry.path().string())});
    }
    std::sort(seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) { return a.name < b.name; });
    return seeds;
}

std::vector<Seed> generatedSeeds(const std::string& scratch)
{
    fs::create_directories(scratch);
    std::vector<Seed> seeds;
    const auto keep = [&](const std::string& name, const std::string& path) {
        seeds.push_back({name, readBytes(path)});
    };
    const auto at = [&](const std::string& name) { return (fs::path(scratch) / name).string(); };

    test::TestImageSpec base;
    base.rows = 16;
    base.columns = 24;
    keep("support-16bit.dcm", test::writeTestImage(at("support-16bit.dcm"), base));
    test::TestImageSpec eight = base;
    eight.bitsAllocated = eight.bitsStored = 8;
    keep("support-8bit.dcm", test::writeTestImage(at("support-8bit.dcm"), eight));
    test::TestImageSpec frames = base;
    frames.frames = 3;
    frames.isSigned = true;
    keep("support-signed-3-frames.dcm", test::writeTestImage(at("support-signed-3-frames.dcm"), frames));
    test::TestImageSpec display = base;
    display.photometric = "MONOCHROME1";
    display.windows = {{2048, 4096}, {1000, 200}};
    display.voiLutFunction = "SIGMOID";
    display.voiLut = {0, 100, 1000, 4000, 16000, 65535};
    display.voiLutFirstMapped = 100;
    display.rescaleSlope = 2.0;
    display.rescaleIntercept = -1024;
    display.presentationLutShape = "INVERSE";
    keep("support-display-chain.dcm", test::writeTestImage(at("support-display-chain.dcm"), display));
    keep("support-jpeg2000.dcm", test::writeJpeg2000Image(at("support-jpeg2000.dcm")));
    keep("support-sr.dcm", test::writeTestStructuredReport(at("support-sr.dcm")));

    // The same images in every syntax our writer (and so DCMTK's codecs) produces.
    for (const auto& [source, syntaxes] :
         std::vector<std::pair<std::string, std::vector<core::DicomOutputSyntax>>>{
             {"support-16bit.dcm",
              {core::DicomOutputSyntax::RleLossless, core::DicomOutputSyntax::JpegLosslessSv1,
               core::DicomOutputSyntax::JpegLsLossless}},
             {"support-8bit.dcm", {core::DicomOutputSyntax::RleLossless, core::DicomOutputSyntax::JpegBaseline}}}) {
        const core::ImagePtr image = core::readDicomImage(at(source));
        for (core::DicomOutputSyntax syntax : syntaxes) {
            core::MammographyWriteOptions options;
            options.syntax = syntax;
            const std::string name = fs::path(source).stem().string() + "-" + core::outputSyntaxName(syntax) + ".dcm";
            core::DicomImageWriter(options).write(*image, at(name));
            keep(name, at(name));
        }
    }
    return seeds;
}

std::vector<Seed> allSeeds(const std::string& sourceDir, const std::string& scratch)
{
    std::vector<Seed> seeds = generatedSeeds(scratch);
    for (HostileCase& c : hostileCases())
        if (c.name.find("nested-sequences-100000") == std::string::npos)   // bombs are replayed, not mutated
            seeds.push_back({"hostile-" + c.name, std::move(c.bytes)});
    for (Seed& s : seedsInFolder(sourceDir + "/tests/fuzz/regressions"))
        seeds.push_back(std::move(s));
    for (Seed& s : seedsInFolder(sourceDir + "/resources/demo", ".dcm"))
        seeds.push_back(std::move(s));
    std::stable_sort(seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) { return a.bytes.size() < b.bytes.size(); });
    return seeds;
}

} // namespace mammo::fuzz
