#include "TrainingDevice.h"

#include "core/Error.h"

namespace mammo::ai {

torch::Device torchDevice(ComputeDevice device)
{
    if (device == ComputeDevice::Cuda && !cudaAvailable())
        throw core::Error("CUDA was asked for but LibTorch sees no CUDA GPU on this machine");
    const bool useCuda = device == ComputeDevice::Cuda || (device == ComputeDevice::Automatic && cudaAvailable());
    return useCuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

torch::Device trainingDevice(const std::string& name)
{
    if (name == "cpu")
        return torchDevice(ComputeDevice::Cpu);
    if (name == "cuda")
        return torchDevice(ComputeDevice::Cuda);
    if (name == "auto")
        return torchDevice(ComputeDevice::Automatic);
    throw core::Error("unknown device \"" + name + "\" (cpu, cuda or auto)");
}

} // namespace mammo::ai
