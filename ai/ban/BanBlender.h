#pragma once
// The BAN generator behind ai/synthesis's Blender interface, so the app's
// live preview and the batch synthesis use BAN, Poisson and paste alike.
//
// blend(): the ROI is padded (mirrored normal tissue, no lesion, mask 0) up
// to the network's training ROI size, or when larger up to the generator's
// size multiple, and run as given (fully convolutional): the caller gives
// pixels of pixelSizeMm(), mini-MIAS's, e.g. through ResampledBlender for
// images of other pixel sizes. The output is then composited:
// the generator's result within featherInnerPx of the mask, the normal ROI
// bit for bit beyond featherOuterPx, a linear ramp between. So no pixel
// farther than featherOuterPx from the lesion ever changes, whatever the
// network does there. No torch types here (for app/ and tools/).
#include "ai/synthesis/Blender.h"

#include <memory>
#include <string>

namespace mammo::ai::ban {

enum class BanDevice { Cpu, Cuda };

struct BanBlenderOptions {
    BanDevice device = BanDevice::Cpu;
    // The grey value of full scale: 0 = by the normal ROI's type (255 for 8-bit,
    // 65535 for 16-bit, 1 for float); give 4095 for 12-bit data in 16 bits.
    double fullScale = 0.0;
    double featherInnerPx = 4.0;
    double featherOuterPx = 8.0;   // synthesizeLesion's default ROI margin
    std::uint64_t noiseSeed = 1;   // the input noise of no_prior and vanilla_gan models
};

class BanBlender final : public synthesis::Blender {
public:
    // Loads a model file (saveBanModel). Throws core::Error when it cannot be
    // read, or CUDA is asked for and LibTorch sees no GPU.
    explicit BanBlender(const std::string& modelPath, BanBlenderOptions options = {});
    ~BanBlender() override;
    BanBlender(const BanBlender&) = delete;
    BanBlender& operator=(const BanBlender&) = delete;

    // "ban", "ban-no_prior" or "ban-vanilla_gan".
    std::string name() const override;
    // The Blender contract; one call at a time per blender (the network is not re-entrant).
    cv::Mat blend(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi) const override;
    // The generator's raw output for the ROI, before the composite (same units); for tests and inspection.
    cv::Mat generate(const cv::Mat& normalRoi, const cv::Mat& lesionRoi, const cv::Mat& maskRoi) const;

    // mini-MIAS's 0.2 mm: the pixels the network was trained on.
    double pixelSizeMm() const override;
    std::string method() const;   // banMethodName
    std::string preset() const;
    int roiSize() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace mammo::ai::ban
