#include "TrainingDevice.h"

#include "MassDetector.h"
#include "core/Error.h"

namespace mammo::ai {

torch::Device trainingDevice(const std::string& name)
{
    if (name == "cuda" || (name == "auto" && cudaAvailable())) {
        if (!cudaAvailable())
            throw core::Error("CUDA was asked for but LibTorch sees no CUDA GPU on this machine");
        return torch::Device(torch::kCUDA);
    }
    if (name != "cpu" && name != "auto")
        throw core::Error("unknown device \"" + name + "\" (cpu, cuda or auto)");
    return torch::Device(torch::kCPU);
}

} // namespace mammo::ai
