// COIN's signed graph (eq. (4)) and its loss (eqs. (5)-(7)) against answers
// worked out by hand on a few points.
#include "ai/coin/ContrastiveLoss.h"
#include "ai/coin/SignedGraph.h"
#include "core/Error.h"

#include <QtTest>

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace mammo::ai::coin;

namespace {

constexpr auto O = std::int64_t(SampleKind::Original);
constexpr auto P = std::int64_t(SampleKind::PositiveNeighbour);
constexpr auto N = std::int64_t(SampleKind::NegativeNeighbour);

torch::Tensor longs(std::vector<std::int64_t> values)
{
    return torch::tensor(values, torch::kLong);
}

// Points on a line, (x, 0).
torch::Tensor onLine(const std::vector<float>& xs)
{
    return torch::stack({torch::tensor(xs), torch::zeros({std::int64_t(xs.size())})}, 1);
}

bool near(const torch::Tensor& a, const torch::Tensor& b, double tolerance = 1e-5)
{
    return a.sizes() == b.sizes() && (a - b).abs().max().item<double>() < tolerance;
}

} // namespace

class TestCoinGraphLoss : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsAreThePapers()
    {
        const CoinLossOptions options;
        QCOMPARE(options.graph.positiveNeighbours, 1);
        QCOMPARE(options.graph.negativeNeighbours, 4);
        QCOMPARE(options.lambda, 1.0);
        QVERIFY(options.margin > 0);
    }

    void distancesOfKnownVectors()
    {
        const auto a = torch::tensor({1.f, 0.f, 1.f, 0.f, 1.f, 0.f, 3.f, 4.f}).view({4, 2});
        const auto b = torch::tensor({0.f, 1.f, 1.f, 1.f, -1.f, 0.f, 0.f, 0.f}).view({4, 2});
        const double r = 1 / std::sqrt(2.0);
        QVERIFY(near(featureDistance(a.narrow(0, 0, 3), b.narrow(0, 0, 3), FeatureDistance::Cosine),
                     torch::tensor({1.f, float(1 - r), 2.f})));
        QVERIFY(near(featureDistance(a.narrow(0, 0, 3), b.narrow(0, 0, 3), FeatureDistance::Angular),
                     torch::tensor({0.5f, 0.25f, 1.f}), 1e-3));
        QVERIFY(near(featureDistance(a, b, FeatureDistance::Euclidean),
                     torch::tensor({float(std::sqrt(2.0)), 1.f, 2.f, 5.f})));
        // The pairwise matrix agrees with the row-wise distance.
        const auto all = pairwiseFeatureDistances(a, FeatureDistance::Cosine);
        QVERIFY(near(all[0][3], featureDistance(a[0].unsqueeze(0), a[3].unsqueeze(0), FeatureDistance::Cosine)[0]));
        QVERIFY(near(all.diagonal(), torch::zeros({4})));
    }

    void graphOfEightPointsOnALine()
    {
        // index:       0    1    2    3    4    5    6    7
        // class:       0    0    0    0    1    1    1    1
        // kind:        O    O    P    N    O    O    P    N
        // x:           0    1   0.4  0.2   3    5   3.5   2
        const auto features = onLine({0.f, 1.f, 0.4f, 0.2f, 3.f, 5.f, 3.5f, 2.f});
        const auto labels = longs({0, 0, 0, 0, 1, 1, 1, 1});
        const auto kinds = longs({O, O, P, N, O, O, P, N});
        SignedGraphOptions options;   // n+ = 1, n- = 4
        options.distance = FeatureDistance::Euclidean;
        const auto phi = signedGraph(features, labels, kinds, options);

        // +1: the nearest of {same class, original or positive}, self excluded.
        // -1: the 4 nearest of {own class's negatives} U {the other class}.
        // Row 3 (a negative neighbour at 0.2) is 0.2 from both 0 and 2: the lower index wins.
        const auto expected = torch::tensor({
            //  0   1   2   3   4   5   6   7
            0.f, 0.f, 1.f, -1.f, -1.f, 0.f, -1.f, -1.f,    // 0 at 0
            0.f, 0.f, 1.f, -1.f, -1.f, 0.f, -1.f, -1.f,    // 1 at 1
            1.f, 0.f, 0.f, -1.f, -1.f, 0.f, -1.f, -1.f,    // 2 at 0.4
            1.f, 0.f, 0.f, 0.f, -1.f, -1.f, -1.f, -1.f,    // 3 at 0.2: no other class-0 negative
            0.f, -1.f, -1.f, -1.f, 0.f, 0.f, 1.f, -1.f,    // 4 at 3
            0.f, -1.f, -1.f, -1.f, 0.f, 0.f, 1.f, -1.f,    // 5 at 5
            0.f, -1.f, -1.f, -1.f, 1.f, 0.f, 0.f, -1.f,    // 6 at 3.5
            -1.f, -1.f, -1.f, -1.f, 1.f, 0.f, 0.f, 0.f,    // 7 at 2
        }).view({8, 8});
        QVERIFY2(torch::equal(phi, expected), qPrintable(QString::fromStdString(torch::str(phi))));
    }

    void graphKeepsTheNearestOfEachSetAtEveryCount_data()
    {
        QTest::addColumn<int>("positives");
        QTest::addColumn<int>("negatives");
        QTest::addColumn<int>("distance");
        QTest::newRow("paper (1, 4), cosine") << 1 << 4 << int(FeatureDistance::Cosine);
        QTest::newRow("(1, 4) euclidean") << 1 << 4 << int(FeatureDistance::Euclidean);
        QTest::newRow("Table I (5, 0)") << 5 << 0 << int(FeatureDistance::Cosine);
        QTest::newRow("(0, 4)") << 0 << 4 << int(FeatureDistance::Angular);
        QTest::newRow("more than there are (30, 30)") << 30 << 30 << int(FeatureDistance::Euclidean);
    }

    void graphKeepsTheNearestOfEachSetAtEveryCount()
    {
        QFETCH(int, positives);
        QFETCH(int, negatives);
        QFETCH(int, distance);
        torch::manual_seed(5);
        const int n = 14;
        const auto features = torch::randn({n, 6});
        const auto labels = longs({0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1});
        const auto kinds = longs({O, O, O, P, P, N, N, O, O, P, P, P, N, N});
        SignedGraphOptions options;
        options.positiveNeighbours = positives;
        options.negativeNeighbours = negatives;
        options.distance = FeatureDistance(distance);
        const auto phi = signedGraph(features, labels, kinds, options);
        const auto d = pairwiseFeatureDistances(features, options.distance);

        for (int i = 0; i < n; ++i) {
            std::vector<int> positiveSet, negativeSet;
            for (int j = 0; j < n; ++j) {
                if (j == i)
                    continue;
                const bool same = labels[j].item<std::int64_t>() == labels[i].item<std::int64_t>();
                const bool negativeKind = kinds[j].item<std::int64_t>() == N;
                (same && !negativeKind ? positiveSet : negativeSet).push_back(j);
            }
            QCOMPARE(phi[i][i].item<float>(), 0.f);
            const auto check = [&](const std::vector<int>& set, float sign, int wanted) {
                int chosen = 0;
                float farthestChosen = 0, nearestLeft = INFINITY;
                for (int j : set) {
                    const float value = phi[i][j].item<float>();
                    QVERIFY(value == sign || value == 0.f);   // a set's members get its sign or nothing
                    if (value == sign) {
                        ++chosen;
                        farthestChosen = std::max(farthestChosen, d[i][j].item<float>());
                    } else {
                        nearestLeft = std::min(nearestLeft, d[i][j].item<float>());
                    }
                }
                QCOMPARE(chosen, std::min(wanted, int(set.size())));
                QVERIFY(farthestChosen <= nearestLeft);   // the nearest ones
            };
            check(positiveSet, 1.f, positives);
            check(negativeSet, -1.f, negatives);
        }
    }

    void graphRejectsBadInput()
    {
        const auto features = torch::randn({3, 2});
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, signedGraph(features, longs({0, 1}), longs({O, O, O})));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, signedGraph(features, longs({0, 1, 1}), longs({O, 3, O})));
    }

    void euclideanLossEqualsTheHandComputedSum()
    {
        // h0 = (0, 0), h1 = (3, 4), h2 = (1, 0), h3 = (0, 2); m = 3.
        const auto h = torch::tensor({0.f, 0.f, 3.f, 4.f, 1.f, 0.f, 0.f, 2.f}).view({4, 2}).requires_grad_();
        auto phi = torch::zeros({4, 4});
        phi[0][1] = 1;    // +1 * |h0 - h1| = 5
        phi[0][2] = -1;   // max(0, 3 - 1) = 2
        phi[0][3] = -1;   // max(0, 3 - 2) = 1
        phi[2][0] = 1;    // +1 * 1 = 1
        phi[3][2] = -1;   // max(0, 3 - sqrt 5)
        phi[3][1] = -1;   // max(0, 3 - sqrt 13) = 0: the hinge is off
        const auto jg = signedGraphLoss(h, phi, 3.0, FeatureDistance::Euclidean);
        const double expected = 5 + 2 + 1 + 1 + (3 - std::sqrt(5.0));
        QVERIFY2(std::abs(jg.item<double>() - expected) < 1e-5, qPrintable(QString::number(jg.item<double>())));

        // d/dh1: only phi_01 pulls (h1 - h0) / 5; phi_31's hinge is inactive.
        // d/dh0: (h0 - h1)/5 - (h0 - h2)/1 - (h0 - h3)/2 + (h0 - h2)/1 = (-0.6, 0.2).
        jg.backward();
        QVERIFY(near(h.grad()[1], torch::tensor({0.6f, 0.8f})));
        QVERIFY(near(h.grad()[0], torch::tensor({-0.6f, 0.2f})));
    }

    void cosineLossEqualsTheHandComputedSum()
    {
        // h0 = (1, 0), h1 = (0, 1), h2 = (1, 1); m = 0.5.
        const auto h = torch::tensor({1.f, 0.f, 0.f, 1.f, 1.f, 1.f}).view({3, 2});
        auto phi = torch::zeros({3, 3});
        phi[0][2] = 1;    // 1 - 1/sqrt 2
        phi[0][1] = -1;   // max(0, 0.5 - 1) = 0
        phi[1][2] = -1;   // max(0, 0.5 - (1 - 1/sqrt 2))
        const double r = 1 / std::sqrt(2.0);
        const double expected = (1 - r) + 0 + (0.5 - (1 - r));
        QVERIFY(std::abs(signedGraphLoss(h, phi, 0.5, FeatureDistance::Cosine).item<double>() - expected) < 1e-6);
    }

    void zeroEntriesAddNothing()
    {
        // max(0, m + 0 * dist) would be m: eq. (5) has no term for phi_ij = 0.
        const auto h = torch::randn({5, 3}).requires_grad_();
        const auto jg = signedGraphLoss(h, torch::zeros({5, 5}), 1.0, FeatureDistance::Cosine);
        QCOMPARE(jg.item<double>(), 0.0);
        jg.backward();
        QVERIFY(h.grad().defined());
    }

    void equalFeaturesGiveFiniteGradients()
    {
        const auto h = torch::tensor({1.f, 2.f, 1.f, 2.f, 0.f, 0.f, 0.f, 0.f}).view({4, 2}).requires_grad_();
        auto phi = torch::zeros({4, 4});
        phi[0][1] = 1;
        phi[2][3] = -1;
        for (auto distance : {FeatureDistance::Cosine, FeatureDistance::Angular, FeatureDistance::Euclidean}) {
            h.mutable_grad() = torch::Tensor();
            const auto jg = signedGraphLoss(h, phi, 0.5, distance);
            jg.backward();
            QVERIFY(torch::isfinite(jg).item<bool>());
            QVERIFY(torch::isfinite(h.grad()).all().item<bool>());
        }
    }

    void totalIsClassificationPlusLambdaTimesGraph()
    {
        const auto h = torch::tensor({0.f, 0.f, 3.f, 4.f, 1.f, 0.f, 0.f, 2.f}).view({4, 2});
        auto phi = torch::zeros({4, 4});
        phi[0][1] = 1;    // 5
        phi[0][2] = -1;   // max(0, 3 - 1) = 2
        const double log3 = std::log(3.0);
        const auto logits = torch::tensor({0.f, 0.f, float(log3), 0.f, float(log3), 0.f, 0.f, 0.f}).view({4, 2});
        const auto labels = longs({0, 1, 0, 1});
        // Eq. (6): -(log 1/2 + log 1/4 + log 3/4 + log 1/2) / 4 = log(64/3) / 4.
        const double jl = std::log(64.0 / 3.0) / 4;
        CoinLossOptions options;
        options.graph.distance = FeatureDistance::Euclidean;
        options.margin = 3.0;
        auto losses = coinLoss(logits, h, labels, phi, options);   // lambda = 1
        QVERIFY(std::abs(losses.classification.item<double>() - jl) < 1e-5);
        QVERIFY(std::abs(losses.graph.item<double>() - 7.0) < 1e-5);
        QVERIFY(std::abs(losses.total.item<double>() - (jl + 7.0)) < 1e-5);
        options.lambda = 0.25;
        losses = coinLoss(logits, h, labels, phi, options);
        QVERIFY(std::abs(losses.total.item<double>() - (jl + 0.25 * 7.0)) < 1e-5);
    }

    void batchGraphLossUsesTheGraphOfTheBatch()
    {
        torch::manual_seed(9);
        const auto h = torch::relu(torch::randn({8, 16})).requires_grad_();
        const auto logits = torch::randn({8, 2}).requires_grad_();
        const auto labels = longs({0, 0, 0, 0, 1, 1, 1, 1});
        const auto kinds = longs({O, P, N, O, O, P, N, O});
        const CoinLossOptions options;
        const auto losses = coinLossOnBatchGraph(logits, h, labels, kinds, options);
        const auto phi = signedGraph(h.detach(), labels, kinds, options.graph);
        QCOMPARE(phi.eq(1).sum().item<std::int64_t>(), std::int64_t(8));       // n+ = 1 per sample
        QCOMPARE(phi.eq(-1).sum().item<std::int64_t>(), std::int64_t(8 * 4));  // n- = 4 per sample
        const auto jg = signedGraphLoss(h, phi, options.margin, options.graph.distance);
        QVERIFY(std::abs(losses.graph.item<double>() - jg.item<double>()) < 1e-6);
        losses.total.backward();
        QVERIFY(h.grad().defined() && logits.grad().defined());
        QVERIFY(h.grad().abs().sum().item<double>() > 0);
    }
};

QTEST_APPLESS_MAIN(TestCoinGraphLoss)
#include "test_coin_graph_loss.moc"
