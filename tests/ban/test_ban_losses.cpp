// The BAN losses against values worked out by hand on 3 x 3 images, and the
// gradient discretisation against ai/synthesis's Poisson guidance.
#include "ai/ban/BanLosses.h"
#include "ai/synthesis/PoissonGuidance.h"

#include <QtTest/QtTest>
#include <torch/torch.h>

#include <cmath>

using namespace mammo::ai::ban;
namespace synthesis = mammo::ai::synthesis;

namespace {

torch::Tensor image3(std::initializer_list<float> values)
{
    return torch::tensor(std::vector<float>(values)).reshape({1, 1, 3, 3});
}

cv::Mat toMat(const torch::Tensor& t)
{
    auto c = t.contiguous();
    return cv::Mat(int(c.size(2)), int(c.size(3)), CV_32F, c.data_ptr<float>()).clone();
}

double value(const torch::Tensor& t)
{
    return t.item<double>();
}

} // namespace

class TestBanLosses : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void forwardGradientByHand()
    {
        // f = 1 2 4 / 0 0 0 / 3 1 2
        const auto g = forwardGradient(image3({1, 2, 4, 0, 0, 0, 3, 1, 2}));
        QVERIFY(torch::equal(g.x, image3({1, 2, 0, 0, 0, 0, -2, 1, 0})));
        QVERIFY(torch::equal(g.y, image3({-1, -2, -4, 3, 1, 2, 0, 0, 0})));
    }

    // The same discretisation and tie rule as PoissonGuidance (forwardGradient, mixedGuidance).
    void sameDiscretisationAsPoissonGuidance()
    {
        torch::manual_seed(3);
        auto target = torch::rand({1, 1, 5, 7});
        auto source = torch::rand({1, 1, 5, 7});
        // A tie at (1, 1): target (1, 0), source (0, 1): the target's wins.
        target[0][0][1][1] = 0.0f;
        target[0][0][1][2] = 1.0f;
        target[0][0][2][1] = 0.0f;
        source[0][0][1][1] = 0.0f;
        source[0][0][1][2] = 0.0f;
        source[0][0][2][1] = 1.0f;

        cv::Mat gx, gy;
        synthesis::forwardGradient(toMat(target), gx, gy);
        const auto g = forwardGradient(target);
        QCOMPARE(cv::norm(toMat(g.x), gx, cv::NORM_INF), 0.0);
        QCOMPARE(cv::norm(toMat(g.y), gy, cv::NORM_INF), 0.0);

        synthesis::mixedGuidance(toMat(target), toMat(source), gx, gy);
        const auto v = mixedGradient(target, source);
        QCOMPARE(cv::norm(toMat(v.x), gx, cv::NORM_INF), 0.0);
        QCOMPARE(cv::norm(toMat(v.y), gy, cv::NORM_INF), 0.0);
        QCOMPARE(v.x[0][0][1][1].item<float>(), 1.0f);
        QCOMPARE(v.y[0][0][1][1].item<float>(), 0.0f);
    }

    void shapeLossByHand()
    {
        // E = 0 0 0 / 0 2 0 / 0 0 0; G = 0 0 0 / 0 1 0 / 0 0 0; Omega = {(0,1), (1,1)}.
        const auto lesion = image3({0, 0, 0, 0, 2, 0, 0, 0, 0});
        const auto generated = image3({0, 0, 0, 0, 1, 0, 0, 0, 0});
        const auto mask = image3({0, 1, 0, 0, 1, 0, 0, 0, 0});
        // Flat X: v = grad E. At (0,1): grad G = (0, 1), v = (0, 2) -> 1. At (1,1):
        // grad G = (-1, -1), v = (-2, -2) -> 2. Mean over the 2 pixels: 1.5.
        QCOMPARE(value(shapeLoss(generated, torch::zeros({1, 1, 3, 3}), lesion, mask)), 1.5);

        // X = 0 0 0 / 0 0 3 / 0 0 0: at (1,1) grad X = (3, 0), |3| > |(-2, -2)| = 2.83,
        // so v = (3, 0) and the error is (-4, -1) -> 17; at (0,1) still 1. Mean 9.
        const auto normal = image3({0, 0, 0, 0, 0, 3, 0, 0, 0});
        QCOMPARE(value(shapeLoss(generated, normal, lesion, mask)), 9.0);

        // An empty mask gives 0, not a division by zero.
        QCOMPARE(value(shapeLoss(generated, normal, lesion, torch::zeros({1, 1, 3, 3}))), 0.0);
    }

    void backgroundLossByHand()
    {
        // X flat 0; G = 0 0 0 / 0 1 0 / 0 0 0.5; Omega = {(1,1)}, B = the other 8 pixels.
        const auto normal = torch::zeros({1, 1, 3, 3});
        const auto generated = image3({0, 0, 0, 0, 1, 0, 0, 0, 0.5f}).requires_grad_(true);
        const auto mask = image3({0, 0, 0, 0, 1, 0, 0, 0, 0});
        // L1 over B: 0.5 / 8 = 0.0625. |grad G| on B: (0,1) 1, (1,0) 1, (1,2) 0.5, (2,1) 0.5,
        // else 0; squared: 2.5, / 8 = 0.3125. LB = 0.375.
        const auto loss = backgroundLoss(generated, normal, mask);
        QVERIFY(std::abs(value(loss) - 0.375) < 1e-5);
        // Flat tissue has no gradient magnitude to differentiate: the backward pass must stay finite.
        loss.backward();
        QVERIFY(torch::isfinite(generated.grad()).all().item<bool>());

        // G = X everywhere: nothing to pay.
        const auto x = image3({1, 2, 4, 0, 0, 0, 3, 1, 2});
        QVERIFY(value(backgroundLoss(x, x, mask)) < 1e-9);
    }

    void adversarialLossesByHand()
    {
        const double ln2 = std::log(2.0), ln3 = std::log(3.0);
        // Logit 0: D = 0.5 on both sides, each BCE is ln 2.
        QVERIFY(std::abs(value(discriminatorLoss(torch::zeros({1, 1, 2, 2}), torch::zeros({1, 1, 2, 2}))) - ln2) < 1e-6);
        // Real logit ln 3 (D = 0.75), fake ln(1/3) (D = 0.25): each side -ln 0.75; half their sum.
        const auto real = torch::full({1, 1, 1, 1}, ln3), fake = torch::full({1, 1, 1, 1}, -ln3);
        QVERIFY(std::abs(value(discriminatorLoss(real, fake)) + std::log(0.75)) < 1e-6);
        // The generator pays -ln D(G) = -ln 0.25.
        QVERIFY(std::abs(value(generatorAdversarialLoss(fake)) + std::log(0.25)) < 1e-6);
        // Per patch, then averaged: patches at logit 0 and ln 3 -> (ln 2 - ln 0.75) / 2.
        const auto patches = torch::tensor({0.0, ln3}, torch::kFloat).reshape({1, 1, 1, 2});
        QVERIFY(std::abs(value(generatorAdversarialLoss(patches)) - (ln2 - std::log(0.75)) / 2) < 1e-6);
    }

    // Which terms each method counts, with lambda_p = 10.
    void methodsCombineTheTerms()
    {
        const auto lesion = image3({0, 0, 0, 0, 2, 0, 0, 0, 0});
        const auto generated = image3({0, 0, 0, 0, 1, 0, 0, 0, 0.5f});
        const auto mask = image3({0, 1, 0, 0, 1, 0, 0, 0, 0});
        const auto normal = torch::zeros({1, 1, 3, 3});
        const auto fakeLogits = torch::zeros({1, 1, 2, 2});
        const double adversarial = std::log(2.0);
        const auto ban = generatorLoss(BanMethod::Ban, fakeLogits, generated, normal, lesion, mask, 10.0);
        const double shape = value(ban.shape), background = value(ban.background);
        // LS: at (0,1) 1 and at (1,1) 2 as above, mean 1.5. LB on the 7 background pixels:
        // L1 0.5 / 7; |grad G|^2 at (1,0) 1, (1,2) 0.25, (2,1) 0.25 -> 1.5 / 7.
        QVERIFY(std::abs(shape - 1.5) < 1e-6);
        QVERIFY(std::abs(background - 2.0 / 7.0) < 1e-5);
        QVERIFY(std::abs(value(ban.adversarial) - adversarial) < 1e-6);
        QVERIFY(std::abs(value(ban.total) - (adversarial + 10.0 * (shape + background))) < 1e-4);
        const auto noPrior = generatorLoss(BanMethod::NoPrior, fakeLogits, generated, normal, lesion, mask, 10.0);
        QVERIFY(std::abs(value(noPrior.total) - (adversarial + 10.0 * background)) < 1e-4);
        const auto vanilla = generatorLoss(BanMethod::VanillaGan, fakeLogits, generated, normal, lesion, mask, 10.0);
        QVERIFY(std::abs(value(vanilla.total) - adversarial) < 1e-6);
    }
};

QTEST_APPLESS_MAIN(TestBanLosses)
#include "test_ban_losses.moc"
