// The detector's building blocks against hand-computed answers.
#include "ai/AnchorGenerator.h"
#include "ai/BoxOps.h"
#include "ai/DetectionTargets.h"
#include "ai/Nms.h"
#include "ai/RoiAlign.h"

#include <QtTest>

#include <torch/torch.h>

using namespace mammo::ai;

namespace {
torch::Tensor boxes(std::vector<float> values)
{
    return torch::tensor(values).view({-1, 4});
}
bool near(const torch::Tensor& a, const torch::Tensor& b, double tolerance = 1e-5)
{
    return a.sizes() == b.sizes() && (a - b).abs().max().item<double>() < tolerance;
}
} // namespace

class TestDetectorOps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void anchorsAreCentredOnCellsInHeadOrder()
    {
        // 2x3 cells of stride 8, two sizes: (row, column, size) order, centres at (i + 0.5) * stride.
        const auto anchors = anchorsForLevel(2, 3, 8.0, {16.0, 32.0}, torch::kCPU);
        QCOMPARE(anchors.size(0), 12);
        QVERIFY(near(anchors[0], torch::tensor({-4.f, -4.f, 12.f, 12.f})));     // row 0, col 0, size 16
        QVERIFY(near(anchors[1], torch::tensor({-12.f, -12.f, 20.f, 20.f})));   // row 0, col 0, size 32
        QVERIFY(near(anchors[2], torch::tensor({4.f, -4.f, 20.f, 12.f})));      // row 0, col 1, size 16
        QVERIFY(near(anchors[6], torch::tensor({-4.f, 4.f, 12.f, 20.f})));      // row 1, col 0, size 16
    }

    void iouOfKnownBoxes()
    {
        const auto iou = boxIou(boxes({0, 0, 10, 10, 5, 0, 15, 10}), boxes({0, 0, 10, 10, 20, 20, 30, 30}));
        QVERIFY(near(iou, torch::tensor({1.f, 0.f, 50.f / 150.f, 0.f}).view({2, 2})));
    }

    void boxCodingRoundTripsAndMatchesTheFormula()
    {
        const BoxCoder coder({10.0, 10.0, 5.0, 5.0});
        const auto reference = boxes({10, 10, 30, 50});   // centre (20, 30), 20 x 40
        const auto target = boxes({12, 20, 52, 60});      // centre (32, 40), 40 x 40
        const auto deltas = coder.encode(target, reference);
        const auto expected = torch::tensor({10 * 12.f / 20, 10 * 10.f / 40, 5 * std::log(2.f), 5 * std::log(1.f)}).view({1, 4});
        QVERIFY(near(deltas, expected));
        QVERIFY(near(coder.decode(deltas, reference), target, 1e-4));
    }

    void nmsKeepsTheBestOfEachCluster()
    {
        const auto b = boxes({0, 0, 10, 10, 1, 1, 11, 11, 50, 50, 60, 60, 0, 0, 10, 9});
        const auto s = torch::tensor({0.8f, 0.9f, 0.5f, 0.7f});
        const auto kept = nms(b, s, 0.5);
        // Box 1 (0.9) suppresses 0 (IoU 0.68) and 3 (IoU 0.61); box 2 stands alone.
        QCOMPARE(kept.size(0), 2);
        QCOMPARE(kept[0].item<long>(), 1L);
        QCOMPARE(kept[1].item<long>(), 2L);
        // In separate groups nothing is suppressed across groups.
        const auto grouped = batchedNms(b, s, torch::tensor({0L, 1L, 0L, 1L}), 0.5);
        QCOMPARE(grouped.size(0), 3);
    }

    void nmsAgreesWithTheGreedyDefinitionOnManyBoxes()
    {
        // The CPU pass computes overlaps lazily; it must keep exactly what the
        // textbook greedy pass over the full IoU matrix keeps.
        torch::manual_seed(7);
        const auto corner = torch::rand({400, 2}) * 200;
        const auto size = torch::rand({400, 2}) * 40 + 2;
        const auto b = torch::cat({corner, corner + size}, 1);
        const auto s = torch::rand({400});
        const auto order = std::get<1>(s.sort(0, true));
        const auto iou = boxIou(b.index_select(0, order), b.index_select(0, order));
        std::vector<long> expected;
        std::vector<bool> suppressed(400, false);
        for (int i = 0; i < 400; ++i) {
            if (suppressed[std::size_t(i)])
                continue;
            expected.push_back(order[i].item<long>());
            for (int j = i + 1; j < 400; ++j)
                if (iou[i][j].item<float>() > 0.3f)
                    suppressed[std::size_t(j)] = true;
        }
        const auto kept = nms(b, s, 0.3);
        QCOMPARE(std::size_t(kept.size(0)), expected.size());
        for (std::size_t k = 0; k < expected.size(); ++k)
            QCOMPARE(kept[long(k)].item<long>(), expected[k]);
        QVERIFY(expected.size() > 50 && expected.size() < 390);   // the case really suppresses, and keeps many
    }

    void roiAlignOfALinearRampIsItsValueAtBinCentres()
    {
        // feature(x, y) = x + 4y on a 4x4 map; bilinear sampling of a linear function is exact, so
        // each bin's mean is the ramp at the bin centre, in feature coordinates (pixel i centred at i + 0.5).
        const auto feature = (torch::arange(16, torch::kFloat)).view({1, 1, 4, 4});
        const auto rois = torch::tensor({0.f, 0.f, 0.f, 4.f, 4.f}).view({1, 5});
        const auto pooled = roiAlign(feature, rois, 2, 1.0, 2);
        // Bin (0, 0) covers [0, 2)^2: samples at 0.5 and 1.5, i.e. indices 0 and 1 -> mean of 0, 1, 4, 5 = 2.5.
        QVERIFY(near(pooled.view({2, 2}), torch::tensor({2.5f, 4.5f, 10.5f, 12.5f}).view({2, 2})));
        // A fractional box at half scale: box [2, 6) x [0, 4) on the input is [1, 3) x [0, 2) on
        // the feature map; one bin, samples at x = 1.5, 2.5 and y = 0.5, 1.5 -> indices x 1, 2 / y 0, 1.
        const auto half = roiAlign(feature, torch::tensor({0.f, 2.f, 0.f, 6.f, 4.f}).view({1, 5}), 1, 0.5, 2);
        QVERIFY(near(half.view({1}), torch::tensor({(1 + 2 + 5 + 6) / 4.f})));
    }

    void roiAlignPassesGradientsToTheFeatures()
    {
        auto feature = torch::rand({1, 2, 8, 8}).requires_grad_(true);
        const auto pooled = roiAlign(feature, torch::tensor({0.f, 1.f, 1.f, 7.f, 5.f}).view({1, 5}), 3, 1.0, 2);
        pooled.sum().backward();
        QVERIFY(feature.grad().abs().sum().item<double>() > 0);
    }

    void roisGoToTheLevelOfTheirSize()
    {
        const auto levels = roiLevels(boxes({0, 0, 64, 64, 0, 0, 32, 32, 0, 0, 200, 200, 0, 0, 8, 8}), 4, 64.0, 3, 5);
        QVERIFY(torch::equal(levels, torch::tensor({4L, 3L, 5L, 3L})));
    }

    void matchingKeepsTheBestAnchorOfASmallMass()
    {
        // No anchor reaches 0.7 with the truth, but the best one still becomes positive.
        const auto iou = torch::tensor({0.2f, 0.5f, 0.1f}).view({3, 1});
        const auto matches = matchToTargets(iou, 0.7, 0.3, true);
        QVERIFY(torch::equal(matches, torch::tensor({kBackground, 0L, kBackground})));
        const auto strict = matchToTargets(iou, 0.7, 0.3, false);
        QVERIFY(torch::equal(strict, torch::tensor({kBackground, kIgnored, kBackground})));
    }

    void discMaskFillsTheCircleInsideItsBox()
    {
        const auto mask = discMasks(torch::tensor({10.f, 10.f, 5.f}).view({1, 3}), boxes({5, 5, 15, 15}), 10);
        QCOMPARE(mask.sum().item<double>(), 80.0);   // pixel centres within radius 5 of the centre: 80 of 100
        QCOMPARE(mask[0][0][0].item<double>(), 0.0);
        QCOMPARE(mask[0][5][5].item<double>(), 1.0);
    }
};

QTEST_APPLESS_MAIN(TestDetectorOps)
#include "test_detector_ops.moc"
