#include "DetectorConfig.h"

#include "core/Error.h"

namespace mammo::ai {

DetectorConfig cpuDetectorConfig()
{
    DetectorConfig config;
    config.name = "cpu";
    config.bottleneck = false;
    config.stemChannels = 32;
    config.stageWidths = {32, 64, 128, 256};   // ResNet-18 at half width
    config.stageBlocks = {2, 2, 2, 2};
    config.fpnChannels = 64;
    config.fpnLevels = {3, 4, 5};
    // mini-MIAS masses are 17-197 px in diameter at 0.4 mm.
    config.anchorSizes = {{12, 16, 23}, {32, 45, 64}, {90, 128, 181}};
    config.rpnPreNmsTopN = 600;
    config.rpnPostNmsTopNTrain = 300;
    config.rpnPostNmsTopNTest = 100;
    config.roiBatchPerImage = 128;
    config.boxHeadDim = 256;
    config.maskHeadConvs = 2;
    config.maskHeadChannels = 64;
    return config;
}

DetectorConfig fullDetectorConfig()
{
    DetectorConfig config;
    config.name = "full";
    config.bottleneck = true;
    config.stemChannels = 64;
    config.stageWidths = {64, 128, 256, 512};   // ResNet-50
    config.stageBlocks = {3, 4, 6, 3};
    config.fpnChannels = 256;
    config.fpnLevels = {2, 3, 4, 5};
    config.anchorSizes = {{8, 12, 16}, {23, 32, 45}, {64, 90, 128}, {181, 256, 362}};
    config.rpnPreNmsTopN = 1000;
    config.rpnPostNmsTopNTrain = 1000;
    config.rpnPostNmsTopNTest = 1000;
    config.roiBatchPerImage = 512;
    config.boxHeadDim = 1024;
    config.maskHeadConvs = 4;
    config.maskHeadChannels = 256;
    config.detectionsPerImage = 100;
    return config;
}

DetectorConfig detectorConfigNamed(const std::string& name)
{
    if (name == "cpu")
        return cpuDetectorConfig();
    if (name == "full")
        return fullDetectorConfig();
    throw core::Error("unknown detector configuration \"" + name + "\" (choose cpu or full)");
}

} // namespace mammo::ai
