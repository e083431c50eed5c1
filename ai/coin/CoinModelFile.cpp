#include "CoinModelFile.h"

#include "core/Error.h"

#include <torch/torch.h>

#include <filesystem>

namespace mammo::ai::coin {

namespace {
const char* const kRoiSizeKey = "mammoscope_coin_roi_size";
const char* const kConfigurationKey = "mammoscope_coin_configuration";
const char* const kNetworkKey = "mammoscope_coin_network";
}

void saveCoinModel(CoinModel& model, const std::string& path)
{
    torch::serialize::OutputArchive archive;
    archive.write(kRoiSizeKey, c10::IValue(std::int64_t(model.roiSize)));
    archive.write(kConfigurationKey, c10::IValue(model.configuration));
    archive.write(kNetworkKey, c10::IValue(model.networkPreset));
    torch::NoGradGuard noGrad;
    for (const auto& item : model.network->named_parameters())
        archive.write(item.key(), item.value().detach().to(torch::kCPU));
    for (const auto& item : model.network->named_buffers())
        archive.write(item.key(), item.value().to(torch::kCPU), /*is_buffer=*/true);
    const std::string partial = path + ".part";
    archive.save_to(partial);
    std::filesystem::rename(partial, path);
}

CoinModel loadCoinModel(const std::string& path)
{
    if (!std::filesystem::is_regular_file(path))
        throw core::Error("the COIN model " + path + " does not exist");
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path, torch::kCPU);
        c10::IValue preset, configuration, roiSize;
        if (!archive.try_read(kNetworkKey, preset) || !preset.isString() ||
            !archive.try_read(kConfigurationKey, configuration) || !configuration.isString() ||
            !archive.try_read(kRoiSizeKey, roiSize) || !roiSize.isInt())
            throw core::Error("the file " + path + " is not a Mammoscope COIN model");
        CoinModel model;
        model.networkPreset = preset.toStringRef();
        model.configuration = configuration.toStringRef();
        model.roiSize = int(roiSize.toInt());
        model.network = CoinNetwork(coinNetworkPreset(model.networkPreset));
        torch::NoGradGuard noGrad;
        auto restore = [&](const std::string& key, torch::Tensor& target, bool isBuffer) {
            torch::Tensor stored;
            if (!archive.try_read(key, stored, isBuffer))
                throw core::Error("the COIN model " + path + " lacks the weights " + key);
            if (stored.sizes() != target.sizes())
                throw core::Error("the COIN model " + path + " has weights " + key + " of the wrong shape");
            target.copy_(stored);
        };
        for (auto& item : model.network->named_parameters())
            restore(item.key(), item.value(), false);
        for (auto& item : model.network->named_buffers())
            restore(item.key(), item.value(), true);
        model.network->eval();
        return model;
    } catch (const c10::Error& error) {
        throw core::Error("the COIN model " + path + " is damaged or incompatible: " + error.what_without_backtrace());
    }
}

} // namespace mammo::ai::coin
