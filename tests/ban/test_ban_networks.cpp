// The BAN generator's presets and skip, and the patch discriminator's 16 x 16 patches.
#include "ai/ban/BanGenerator.h"
#include "ai/ban/PatchDiscriminator.h"
#include "core/Error.h"

#include <QtTest/QtTest>
#include <torch/torch.h>

using namespace mammo::ai::ban;

class TestBanNetworks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::manual_seed(7); }

    void cpuPresetShapes()
    {
        torch::NoGradGuard noGrad;
        BanGenerator generator(banGeneratorPreset("cpu"));
        QCOMPARE(generator->sizeMultiple(), 8);
        const auto output = generator->forward(torch::rand({2, 3, 256, 256}));
        QCOMPARE(output.sizes().vec(), (std::vector<std::int64_t>{2, 1, 256, 256}));
        QVERIFY(torch::isfinite(output).all().item<bool>());
        // Fully convolutional: another multiple of 8 works too.
        QCOMPARE(generator->forward(torch::rand({1, 3, 72, 40})).sizes().vec(), (std::vector<std::int64_t>{1, 1, 72, 40}));
    }

    void fullPresetShapes()
    {
        torch::NoGradGuard noGrad;
        BanGenerator generator(banGeneratorPreset("full"));
        QCOMPARE(generator->sizeMultiple(), 16);
        QCOMPARE(generator->options().widths, (std::vector<int>{64, 128, 256, 512, 1024}));
        const auto output = generator->forward(torch::rand({1, 3, 64, 64}));
        QCOMPARE(output.sizes().vec(), (std::vector<std::int64_t>{1, 1, 64, 64}));
        std::int64_t parameters = 0;
        for (const auto& p : generator->parameters())
            parameters += p.numel();
        // U-Net's widths: ~31 M parameters (Ronneberger et al.'s network has 31 M too).
        QVERIFY2(parameters > 25'000'000 && parameters < 40'000'000, std::to_string(parameters).c_str());
    }

    void badInputThrows()
    {
        BanGenerator generator(banGeneratorPreset("cpu"));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, generator->forward(torch::rand({1, 3, 60, 64})));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, generator->forward(torch::rand({1, 2, 64, 64})));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, banGeneratorPreset("huge"));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, patchDiscriminatorPreset("huge"));
    }

    // With the last layer silenced the output is the pasted channel exactly: the global skip.
    void residualSkipFromPasted()
    {
        torch::NoGradGuard noGrad;
        BanGenerator generator(banGeneratorPreset("cpu", BanMethod::Ban));
        for (auto& item : generator->named_parameters())
            if (item.key().rfind("output.", 0) == 0)
                item.value().zero_();
        const auto input = torch::rand({1, 3, 32, 32});
        QVERIFY(torch::equal(generator->forward(input), input.narrow(1, 1, 1)));

        BanGenerator vanilla(banGeneratorPreset("cpu", BanMethod::VanillaGan));
        QVERIFY(!vanilla->options().residualFromPasted);
        for (auto& item : vanilla->named_parameters())
            if (item.key().rfind("output.", 0) == 0)
                item.value().zero_();
        QVERIFY(torch::equal(vanilla->forward(input), torch::zeros({1, 1, 32, 32})));
    }

    void generatorInputs()
    {
        const auto normal = torch::full({1, 1, 8, 8}, 0.25);
        const auto pasted = torch::full({1, 1, 8, 8}, 0.75);
        auto mask = torch::zeros({1, 1, 8, 8});
        mask.narrow(2, 2, 3).narrow(3, 2, 3).fill_(1);
        const auto ban = generatorInput(BanMethod::Ban, normal, pasted, mask, 1);
        QVERIFY(torch::equal(ban, torch::cat({normal, pasted, mask}, 1)));

        const auto noPrior = generatorInput(BanMethod::NoPrior, normal, pasted, mask, 1);
        QVERIFY(torch::equal(noPrior.narrow(1, 0, 1), normal));
        QVERIFY(torch::equal(noPrior.narrow(1, 2, 1), mask));
        const auto lesionChannel = noPrior.narrow(1, 1, 1);
        // Outside the mask the pasted image (= normal there); inside, noise that is not the lesion.
        QVERIFY(torch::equal(lesionChannel * (1 - mask), pasted * (1 - mask)));
        QVERIFY(!torch::allclose(lesionChannel * mask, pasted * mask));
        // The same seed gives the same noise, another seed other noise.
        QVERIFY(torch::equal(noPrior, generatorInput(BanMethod::NoPrior, normal, pasted, mask, 1)));
        QVERIFY(!torch::equal(noPrior, generatorInput(BanMethod::NoPrior, normal, pasted, mask, 2)));

        const auto vanilla = generatorInput(BanMethod::VanillaGan, normal, pasted, mask, 3);
        QCOMPARE(vanilla.sizes().vec(), (std::vector<std::int64_t>{1, 3, 8, 8}));
        QVERIFY(vanilla.min().item<float>() >= 0.0f && vanilla.max().item<float>() < 1.0f);
        QVERIFY(vanilla.std().item<float>() > 0.2f);   // uniform [0, 1): std 0.29
    }

    void discriminatorShapes()
    {
        torch::NoGradGuard noGrad;
        for (const char* preset : {"cpu", "full"}) {
            PatchDiscriminator discriminator(patchDiscriminatorPreset(preset));
            const auto logits = discriminator->forward(torch::rand({2, 1, 128, 96}));
            QCOMPARE(logits.sizes().vec(), (std::vector<std::int64_t>{2, 1, 64, 48}));
            const auto probability = PatchDiscriminatorImpl::averagedProbability(logits);
            QCOMPARE(probability.sizes().vec(), (std::vector<std::int64_t>{2}));
            QVERIFY(torch::allclose(probability, torch::sigmoid(logits).mean({1, 2, 3})));
        }
        // Four convolution layers.
        PatchDiscriminator discriminator(patchDiscriminatorPreset("cpu"));
        int convolutions = 0;
        for (const auto& module : discriminator->modules(false))
            convolutions += module->as<torch::nn::Conv2d>() != nullptr;
        QCOMPARE(convolutions, 4);
    }

    // N = 16: one patch logit depends on exactly a 16 x 16 window of the ROI.
    void discriminatorSeesSixteenBySixteenPatches()
    {
        PatchDiscriminator discriminator(patchDiscriminatorPreset("cpu"));
        // Positive weights and inputs: no gradient cancels by chance inside the window.
        {
            torch::NoGradGuard noGrad;
            for (auto& p : discriminator->parameters())
                p.abs_();
        }
        auto image = (torch::rand({1, 1, 64, 64}) + 0.5).requires_grad_(true);
        const auto logits = discriminator->forward(image);
        logits[0][0][16][20].backward();
        const auto support = image.grad()[0][0].ne(0).nonzero();
        const auto rows = support.select(1, 0), cols = support.select(1, 1);
        QCOMPARE(rows.max().item<std::int64_t>() - rows.min().item<std::int64_t>() + 1, std::int64_t(kPatchSize));
        QCOMPARE(cols.max().item<std::int64_t>() - cols.min().item<std::int64_t>() + 1, std::int64_t(kPatchSize));
        QCOMPARE(support.size(0), std::int64_t(kPatchSize * kPatchSize));
        // The window of output (i, j) starts at 2i - 7 (stride 2, padding 1 + 3).
        QCOMPARE(rows.min().item<std::int64_t>(), std::int64_t(2 * 16 - 7));
        QCOMPARE(cols.min().item<std::int64_t>(), std::int64_t(2 * 20 - 7));
    }
};

QTEST_APPLESS_MAIN(TestBanNetworks)
#include "test_ban_networks.moc"
