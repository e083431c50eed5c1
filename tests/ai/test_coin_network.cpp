// COIN's network: the paper's sizes at every stage for a 224 x 224 ROI (and the cpu preset's), the
// 3 x 1 / 1 x 3 factoring of its separable convolutions, identity shortcuts
// in the residual layers, and gradients that reach every parameter.
#include "ai/coin/CoinNetwork.h"
#include "core/Error.h"

#include <QtTest>

#include <torch/torch.h>

#include <array>
#include <string>
#include <vector>

using namespace mammo::ai::coin;

namespace {

bool endsWith(const std::string& text, const std::string& tail)
{
    return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// The same topology, narrow, for the tests that train.
CoinNetworkOptions narrow()
{
    CoinNetworkOptions options;
    options.blockChannels = {8, 12, 16, 16};
    options.featureSize = 32;
    return options;
}

} // namespace

class TestCoinNetwork : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::manual_seed(3); }

    void paperSizesAtEveryStageForABatchOfTwo()
    {
        CoinNetwork network;
        network->eval();
        c10::InferenceMode inference;
        const auto images = torch::randn({2, 1, 224, 224});
        const auto maps = network->featureMaps(images);
        QCOMPARE(int(maps.size()), 5);
        const std::vector<std::vector<std::int64_t>> expected{
            {2, 128, 112, 112}, {2, 256, 56, 56}, {2, 728, 28, 28}, {2, 728, 14, 14}, {2, 728, 14, 14}};
        for (std::size_t k = 0; k < maps.size(); ++k)
            QVERIFY2(maps[k].sizes().vec() == expected[k], qPrintable(QString("stage %1").arg(k)));
        // Each DC block ends in a ReLU, and so does each residual layer.
        for (const auto& map : maps)
            QVERIFY(map.min().item<float>() >= 0.0f);

        const auto output = network->classify(maps.back());
        QCOMPARE(output.features.sizes().vec(), (std::vector<std::int64_t>{2, 1024}));
        QCOMPARE(output.logits.sizes().vec(), (std::vector<std::int64_t>{2, 2}));
        QVERIFY(torch::isfinite(output.logits).all().item<bool>());
        QVERIFY(output.features.min().item<float>() >= 0.0f);   // h(x) is a ReLU output
        // The two images differ, so do their outputs.
        QVERIFY((output.features[0] - output.features[1]).abs().max().item<float>() > 0.0f);
        const auto p = CoinNetworkImpl::malignantProbability(output.logits);
        QCOMPARE(p.sizes().vec(), (std::vector<std::int64_t>{2}));
        const auto expectedP = torch::softmax(output.logits, 1).select(1, 1);
        QVERIFY(torch::allclose(p, expectedP));
    }

    void forwardIsTheStagesThenTheClassifier()
    {
        CoinNetwork network(narrow());
        network->eval();
        c10::InferenceMode inference;
        const auto images = torch::randn({2, 1, 224, 224});
        const auto output = network->forward(images);
        const auto staged = network->classify(network->featureMaps(images).back());
        QVERIFY(torch::equal(output.logits, staged.logits));
        QVERIFY(torch::equal(output.features, staged.features));
        QCOMPARE(output.features.sizes().vec(), (std::vector<std::int64_t>{2, 32}));
    }

    void layersAreThoseOfThePaper()
    {
        CoinNetwork network;
        int depthwise3x1 = 0, depthwise1x3 = 0, pointwise = 0, linear = 0, residual = 0;
        std::int64_t parameters = 0;
        for (const auto& item : network->named_parameters()) {
            const std::string& name = item.key();
            const auto shape = item.value().sizes().vec();
            parameters += item.value().numel();
            if (endsWith(name, "depthwise3x1.weight")) {
                ++depthwise3x1;
                QCOMPARE(shape[1], std::int64_t(1));   // one filter per channel
                QCOMPARE(shape[2], std::int64_t(3));
                QCOMPARE(shape[3], std::int64_t(1));
            } else if (endsWith(name, "depthwise1x3.weight")) {
                ++depthwise1x3;
                QCOMPARE(shape[2], std::int64_t(1));
                QCOMPARE(shape[3], std::int64_t(3));
            } else if (endsWith(name, "pointwise.weight")) {
                ++pointwise;
                QCOMPARE(shape[2], std::int64_t(1));
                QCOMPARE(shape[3], std::int64_t(1));
            } else if (name.rfind("fc.", 0) == 0 && endsWith(name, ".weight")) {
                ++linear;
                QCOMPARE(shape[0], std::int64_t(1024));
            }
            if (name.rfind("residual.", 0) == 0 && endsWith(name, "pointwise.weight")) {
                ++residual;
                QCOMPARE(shape, (std::vector<std::int64_t>{728, 728, 1, 1}));
            }
        }
        // 4 DC blocks x 2 separable convolutions + 7 residual ones.
        QCOMPARE(depthwise3x1, 15);
        QCOMPARE(depthwise1x3, 15);
        QCOMPARE(pointwise, 15);
        QCOMPARE(residual, 7);
        QCOMPARE(linear, 3);
        const auto classifier = network->named_parameters()["classifier.weight"];
        QCOMPARE(classifier.sizes().vec(), (std::vector<std::int64_t>{2, 1024}));
        // Small enough to train on a CPU (the header quotes the figure).
        QVERIFY2(parameters > 8'000'000 && parameters < 9'000'000, qPrintable(QString::number(parameters)));
    }

    void residualLayersHaveIdentityShortcuts()
    {
        // With every residual layer's batch norm scaled to zero its branch adds
        // nothing: the stack must hand the last DC block's output through.
        CoinNetwork network(narrow());
        {
            torch::NoGradGuard noGrad;
            for (auto& item : network->named_parameters())
                if (item.key().rfind("residual.", 0) == 0 && item.key().find(".norm.") != std::string::npos)
                    item.value().zero_();
        }
        network->eval();
        c10::InferenceMode inference;
        const auto maps = network->featureMaps(torch::randn({2, 1, 64, 64}));
        QCOMPARE(maps[4].sizes().vec(), (std::vector<std::int64_t>{2, 16, 4, 4}));
        QVERIFY(torch::equal(maps[3], maps[4]));
    }

    void gradientsReachEveryParameter()
    {
        CoinNetwork network(narrow());
        network->train();
        const auto output = network->forward(torch::randn({4, 1, 64, 64}));
        const auto loss = torch::nn::functional::cross_entropy(output.logits, torch::tensor({0L, 1L, 0L, 1L}))
                          + output.features.pow(2).mean();
        loss.backward();
        for (const auto& item : network->named_parameters()) {
            QVERIFY2(item.value().grad().defined(), item.key().c_str());
            QVERIFY2(torch::isfinite(item.value().grad()).all().item<bool>(), item.key().c_str());
        }
    }

    void cpuPresetHalvesTheRoiThenKeepsTheTopology()
    {
        CoinNetwork network(coinNetworkPreset("cpu"));
        network->eval();
        c10::InferenceMode inference;
        const auto images = torch::randn({2, 1, 224, 224});
        const auto maps = network->featureMaps(images);
        const std::vector<std::vector<std::int64_t>> expected{
            {2, 48, 56, 56}, {2, 96, 28, 28}, {2, 192, 14, 14}, {2, 192, 7, 7}, {2, 192, 7, 7}};
        QCOMPARE(int(maps.size()), 5);
        for (std::size_t k = 0; k < maps.size(); ++k)
            QVERIFY2(maps[k].sizes().vec() == expected[k], qPrintable(QString("stage %1").arg(k)));
        QCOMPARE(network->forward(images).features.sizes().vec(), (std::vector<std::int64_t>{2, 1024}));
        // Halving needs sides that are multiples of 32.
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, network->forward(torch::zeros({1, 1, 208, 208})));
        // The halving is a 2 x 2 average: the same weights on the averaged ROI,
        // without the halving, give the same output.
        auto options = coinNetworkPreset("cpu");
        options.inputHalvings = 0;
        CoinNetwork unhalved(options);
        {
            torch::NoGradGuard noGrad;
            auto from = network->named_parameters(), to = unhalved->named_parameters();
            for (auto& item : to)
                item.value().copy_(from[item.key()]);
            auto fromBuffers = network->named_buffers(), toBuffers = unhalved->named_buffers();
            for (auto& item : toBuffers)
                item.value().copy_(fromBuffers[item.key()]);
        }
        unhalved->eval();
        QVERIFY(torch::allclose(network->forward(images).logits,
                                unhalved->forward(torch::avg_pool2d(images, 2)).logits, 1e-4, 1e-5));
    }

    void presetsByName()
    {
        QCOMPARE(coinNetworkPreset("full").blockChannels, (std::array<int, 4>{128, 256, 728, 728}));
        QCOMPARE(coinNetworkPreset("full").inputHalvings, 0);
        QCOMPARE(coinNetworkPreset("cpu").inputHalvings, 1);
        QCOMPARE(coinNetworkPresetNames(), (std::vector<std::string>{"cpu", "full"}));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, coinNetworkPreset("tiny"));
    }

    void rejectsInputsOfTheWrongShape()
    {
        CoinNetwork network(narrow());
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, network->forward(torch::zeros({1, 3, 224, 224})));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, network->forward(torch::zeros({1, 224, 224})));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, network->forward(torch::zeros({1, 1, 100, 224})));
    }
};

QTEST_APPLESS_MAIN(TestCoinNetwork)
#include "test_coin_network.moc"
