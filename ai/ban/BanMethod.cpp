#include "BanMethod.h"

#include "core/Error.h"

namespace mammo::ai::ban {

std::string banMethodName(BanMethod method)
{
    switch (method) {
    case BanMethod::Ban: return "ban";
    case BanMethod::NoPrior: return "no_prior";
    case BanMethod::VanillaGan: return "vanilla_gan";
    }
    return "ban";
}

BanMethod banMethodFromName(const std::string& name)
{
    for (BanMethod method : {BanMethod::Ban, BanMethod::NoPrior, BanMethod::VanillaGan})
        if (banMethodName(method) == name)
            return method;
    throw core::Error("unknown blending method \"" + name + "\" (ban, no_prior or vanilla_gan)");
}

std::vector<std::string> banMethodNames()
{
    return {"ban", "no_prior", "vanilla_gan"};
}

bool usesShapeLoss(BanMethod method)
{
    return method == BanMethod::Ban;
}

bool usesBackgroundLoss(BanMethod method)
{
    return method != BanMethod::VanillaGan;
}

} // namespace mammo::ai::ban
