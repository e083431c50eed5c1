#include "DetectorModelFile.h"

#include "core/Error.h"

#include <torch/torch.h>

#include <filesystem>

namespace mammo::ai {

namespace {
const char* const kConfigKey = "mammoscope_detector_config";
}

void saveDetector(MaskRcnn& model, const std::string& path)
{
    // Weights in half precision: half the size in the repository, and the
    // detector's scores move by less than 1e-3 (checked by the model-file test).
    torch::serialize::OutputArchive archive;
    archive.write(kConfigKey, c10::IValue(model->config().name));
    torch::NoGradGuard noGrad;
    for (const auto& item : model->named_parameters())
        archive.write(item.key(), item.value().detach().to(torch::kCPU, torch::kHalf));
    for (const auto& item : model->named_buffers()) {
        const auto& value = item.value();
        archive.write(item.key(), value.is_floating_point() ? value.to(torch::kCPU, torch::kHalf) : value.to(torch::kCPU),
                      /*is_buffer=*/true);
    }
    const std::string partial = path + ".part";
    archive.save_to(partial);
    std::filesystem::rename(partial, path);
}

MaskRcnn loadDetector(const std::string& path)
{
    if (!std::filesystem::is_regular_file(path))
        throw core::Error("the detector model " + path + " does not exist");
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path, torch::kCPU);
        c10::IValue name;
        if (!archive.try_read(kConfigKey, name) || !name.isString())
            throw core::Error("the file " + path + " is not a Mammoscope detector model");
        MaskRcnn model(detectorConfigNamed(name.toStringRef()));
        torch::NoGradGuard noGrad;
        auto restore = [&](const std::string& key, torch::Tensor& target, bool isBuffer) {
            torch::Tensor stored;
            if (!archive.try_read(key, stored, isBuffer))
                throw core::Error("the detector model " + path + " lacks the weights " + key);
            if (stored.sizes() != target.sizes())
                throw core::Error("the detector model " + path + " has weights " + key + " of the wrong shape");
            target.copy_(stored);
        };
        for (auto& item : model->named_parameters())
            restore(item.key(), item.value(), false);
        for (auto& item : model->named_buffers())
            restore(item.key(), item.value(), true);
        model->eval();
        return model;
    } catch (const c10::Error& error) {
        throw core::Error("the detector model " + path + " is damaged or incompatible: " +
                          error.what_without_backtrace());
    }
}

} // namespace mammo::ai
