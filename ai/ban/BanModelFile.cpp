#include "BanModelFile.h"

#include "core/Error.h"

#include <torch/torch.h>

#include <filesystem>

namespace mammo::ai::ban {

namespace {
const char* const kPresetKey = "mammoscope_ban_preset";
const char* const kMethodKey = "mammoscope_ban_method";
const char* const kRoiSizeKey = "mammoscope_ban_roi_size";
} // namespace

void saveBanModel(const BanModel& model, const std::string& path)
{
    if (!model.generator)
        throw core::Error("no BAN generator to save");
    torch::serialize::OutputArchive archive;
    archive.write(kPresetKey, c10::IValue(model.preset));
    archive.write(kMethodKey, c10::IValue(banMethodName(model.method)));
    archive.write(kRoiSizeKey, c10::IValue(std::int64_t(model.roiSize)));
    torch::NoGradGuard noGrad;
    for (const auto& item : model.generator->named_parameters())
        archive.write(item.key(), item.value().detach().to(torch::kCPU, torch::kFloat));
    for (const auto& item : model.generator->named_buffers())
        archive.write(item.key(), item.value().to(torch::kCPU), /*is_buffer=*/true);
    const std::string partial = path + ".part";
    archive.save_to(partial);
    std::filesystem::rename(partial, path);
}

BanModel loadBanModel(const std::string& path)
{
    if (!std::filesystem::is_regular_file(path))
        throw core::Error("the BAN model " + path + " does not exist");
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path, torch::kCPU);
        c10::IValue preset, method, roiSize;
        if (!archive.try_read(kPresetKey, preset) || !preset.isString() || !archive.try_read(kMethodKey, method)
            || !method.isString() || !archive.try_read(kRoiSizeKey, roiSize) || !roiSize.isInt())
            throw core::Error("the file " + path + " is not a Mammoscope BAN model");
        BanModel model;
        model.preset = preset.toStringRef();
        model.method = banMethodFromName(method.toStringRef());
        model.roiSize = int(roiSize.toInt());
        model.generator = BanGenerator(banGeneratorPreset(model.preset, model.method));
        if (model.roiSize <= 0 || model.roiSize % model.generator->sizeMultiple() != 0)
            throw core::Error("the BAN model " + path + " records an impossible ROI size");
        torch::NoGradGuard noGrad;
        auto restore = [&](const std::string& key, torch::Tensor& target, bool isBuffer) {
            torch::Tensor stored;
            if (!archive.try_read(key, stored, isBuffer))
                throw core::Error("the BAN model " + path + " lacks the weights " + key);
            if (stored.sizes() != target.sizes())
                throw core::Error("the BAN model " + path + " has weights " + key + " of the wrong shape");
            target.copy_(stored);
        };
        for (auto& item : model.generator->named_parameters())
            restore(item.key(), item.value(), false);
        for (auto& item : model.generator->named_buffers())
            restore(item.key(), item.value(), true);
        model.generator->eval();
        return model;
    } catch (const c10::Error& error) {
        throw core::Error("the BAN model " + path + " is damaged or incompatible: " + error.what_without_backtrace());
    }
}

} // namespace mammo::ai::ban
