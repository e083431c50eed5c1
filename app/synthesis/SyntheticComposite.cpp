#include "SyntheticComposite.h"

#include <ai/ban/BanBlender.h>
#include <ai/synthesis/LesionSynthesis.h>
#include <ai/synthesis/PasteBlender.h>
#include <ai/synthesis/PoissonBlender.h>
#include <ai/synthesis/ResampledBlender.h>
#include <core/Error.h>
#include <core/MiasCatalog.h>

#include <algorithm>
#include <optional>

namespace mammo::app {

std::unique_ptr<ai::synthesis::Blender> makeSynthesisBlender(const QString& method, const QString& banModelPath)
{
    if (method == "paste")
        return std::make_unique<ai::synthesis::PasteBlender>();
    if (method == "poisson")
        return std::make_unique<ai::synthesis::PoissonBlender>(ai::synthesis::GuidanceField::Mixed);
    if (method != "ban")
        throw core::Error("unknown blending method " + method.toStdString());
    if (banModelPath.isEmpty())
        throw core::Error("no BAN model is installed (no ban-cpu in the models' manifest): choose Poisson or paste");
    return std::make_unique<ai::ban::BanBlender>(banModelPath.toStdString());
}

double imagePixelSizeMm(const core::ImageAttributes& a)
{
    if (a.pixelSpacing && a.pixelSpacing->columnMm > 0)
        return a.pixelSpacing->columnMm;
    if (a.imagerPixelSpacing && a.imagerPixelSpacing->columnMm > 0)
        return a.imagerPixelSpacing->columnMm;
    return core::kMiasPixelSpacingMm;
}

SyntheticComposite composeSyntheticImage(const core::Image& base, const std::vector<PlacedLesion>& lesions,
                                         const ai::synthesis::LesionLibrary& library,
                                         const ai::synthesis::Blender& blender)
{
    const core::ImageAttributes& a = base.attributes();
    if (a.frames != 1 || a.samplesPerPixel != 1 || a.pixelFormat.isSigned)
        throw core::Error("synthetic cases are made on single-frame, unsigned grey-scale images only");
    const double fullScale = double((1u << std::clamp(a.pixelFormat.bitsStored, 1, 16)) - 1u);
    const bool inverted = a.photometric == core::Photometric::Monochrome1;

    // Blend in [0, 1] floats: every blender (BAN's network too) sees the grey scale it was
    // made for, whatever Bits Stored is; no intermediate rounding between lesions.
    cv::Mat stored(a.rows, a.columns, CV_16U);
    std::copy(base.frame(0), base.frame(0) + base.pixelsPerFrame(), stored.ptr<std::uint16_t>());
    cv::Mat work;
    stored.convertTo(work, CV_32F, 1.0 / fullScale);
    if (inverted)
        work = 1.0 - work;

    // A learnt blender sees the pixel size it was trained on, whatever the image's.
    const ai::synthesis::Blender* used = &blender;
    std::optional<ai::synthesis::ResampledBlender> resampled;
    if (blender.pixelSizeMm() > 0) {
        resampled.emplace(blender, imagePixelSizeMm(a), blender.pixelSizeMm());
        used = &*resampled;
    }

    SyntheticComposite result;
    for (const PlacedLesion& placed : lesions) {
        const ai::synthesis::LesionPatch* lesion = library.find(placed.lesionId);
        if (!lesion)
            throw core::Error("the lesion " + placed.lesionId + " is not in the library");
        const ai::synthesis::PastePlacement placement{{placed.centre.x(), placed.centre.y()}, placed.scale, placed.rotationDeg};
        auto synthetic = ai::synthesis::synthesizeLesion(work, *lesion, placement, *used, 1.0);
        work = synthetic.image;
        result.masks.push_back(synthetic.lesionMask);
    }
    if (inverted)
        work = 1.0 - work;
    // Saturated to the stored range: values beyond Bits Stored would wrap when masked.
    work = cv::max(cv::min(work, 1.0), 0.0);
    work.convertTo(result.stored, CV_16U, fullScale);
    const cv::Mat& out = result.stored;

    core::ImageAttributes attributes = a;
    attributes.imageType = {"DERIVED", "SECONDARY", "SYNTHETIC"};
    std::vector<std::uint16_t> pixels(out.ptr<std::uint16_t>(), out.ptr<std::uint16_t>() + base.pixelsPerFrame());
    result.image = std::make_shared<core::Image>(std::move(attributes), std::move(pixels));
    return result;
}

} // namespace mammo::app
