// RACOS: finds known minima within a stated budget, stays inside the box,
// spends exactly its budget and repeats itself for a seed.
#include "ai/coin/Racos.h"

#include <QtTest>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace mammo::ai::coin;

namespace {

// The sphere around an off-centre point, so a search biased to the centre fails.
std::vector<double> offCentre(int dimension)
{
    std::vector<double> c;
    for (int k = 0; k < dimension; ++k)
        c.push_back(0.3 + 0.05 * k * (k % 2 == 0 ? 1 : -1));
    return c;
}

double distance(const std::vector<double>& a, const std::vector<double>& b)
{
    double s = 0;
    for (std::size_t k = 0; k < a.size(); ++k)
        s += (a[k] - b[k]) * (a[k] - b[k]);
    return std::sqrt(s);
}

// Ackley shifted to `centre`: many local minima around one global 0 there.
double ackley(const std::vector<double>& x, const std::vector<double>& centre)
{
    const double pi = std::acos(-1.0);
    double squares = 0, cosines = 0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        const double c = x[k] - centre[k];
        squares += c * c;
        cosines += std::cos(2 * pi * c);
    }
    const double n = double(x.size());
    return -20 * std::exp(-0.2 * std::sqrt(squares / n)) - std::exp(cosines / n) + 20 + std::exp(1.0);
}

} // namespace

class TestRacos : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsTheSphereMinimum_data()
    {
        QTest::addColumn<int>("dimension");
        QTest::addColumn<int>("budget");
        QTest::addColumn<double>("tolerance");
        // Worst distances over seeds 0-19: 3.3e-3 (2-D) and 6.1e-3 (10-D).
        QTest::newRow("2-D, 2000 evaluations") << 2 << 2000 << 1e-2;
        QTest::newRow("10-D, 10000 evaluations") << 10 << 10000 << 3e-2;
    }
    void findsTheSphereMinimum()
    {
        QFETCH(int, dimension);
        QFETCH(int, budget);
        QFETCH(double, tolerance);
        const auto centre = offCentre(dimension);
        auto sphere = [&](const std::vector<double>& x) {
            const double d = distance(x, centre);
            return d * d;
        };
        for (std::uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
            RacosParameters parameters;
            parameters.budget = budget;
            parameters.seed = seed;
            const auto result = racosMinimise(sphere, dimension, -1.0, 1.0, parameters);
            QVERIFY2(distance(result.best, centre) < tolerance,
                     qPrintable(QString("seed %1: %2 from the minimum").arg(seed).arg(distance(result.best, centre))));
            QCOMPARE(result.value, sphere(result.best));
        }
    }

    void findsTheAckleyMinimum_data()
    {
        QTest::addColumn<int>("dimension");
        QTest::addColumn<int>("budget");
        // Worst distances over seeds 0-19: 1.7e-2 (2-D) and 1.9e-2 (3-D);
        // the nearest local minimum lies about 1 away, so 0.1 tells the basins apart.
        QTest::newRow("2-D") << 2 << 2000;
        QTest::newRow("3-D") << 3 << 3000;
    }
    void findsTheAckleyMinimum()
    {
        QFETCH(int, dimension);
        QFETCH(int, budget);
        const std::vector<double> centre(std::size_t(dimension), 0.7);
        for (std::uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
            RacosParameters parameters;
            parameters.budget = budget;
            parameters.seed = seed;
            const auto result = racosMinimise([&](const auto& x) { return ackley(x, centre); }, dimension,
                                              -5.0, 5.0, parameters);
            QVERIFY2(distance(result.best, centre) < 0.1,
                     qPrintable(QString("seed %1: %2 from the minimum").arg(seed).arg(distance(result.best, centre))));
        }
    }

    void sameSeedSameRun()
    {
        const auto centre = offCentre(4);
        auto run = [&](std::uint32_t seed, std::vector<std::vector<double>>& calls) {
            RacosParameters parameters;
            parameters.budget = 500;
            parameters.seed = seed;
            return racosMinimise(
                [&](const std::vector<double>& x) {
                    calls.push_back(x);
                    return ackley(x, centre);
                },
                4, -5.0, 5.0, parameters);
        };
        std::vector<std::vector<double>> first, second, other;
        const auto a = run(7, first), b = run(7, second), c = run(8, other);
        QCOMPARE(first, second);
        QCOMPARE(a.best, b.best);
        QCOMPARE(a.value, b.value);
        QVERIFY(first != other);
        QVERIFY(a.best != c.best);
    }

    void neverLeavesTheBox()
    {
        // Uneven per-coordinate bounds, one of them a single point, and the
        // minimum of f outside the box so that the search presses on its walls.
        const std::vector<double> lower{-3.0, 0.5, 10.0, -1e-3};
        const std::vector<double> upper{-1.0, 0.75, 10.0, 1e-3};
        // Both ways of sampling a region: one free coordinate, and all of them.
        for (int uncertain : {1, 4}) {
            int outside = 0;
            auto f = [&](const std::vector<double>& x) {
                for (std::size_t k = 0; k < x.size(); ++k)
                    if (!(x[k] >= lower[k] && x[k] <= upper[k]))
                        ++outside;
                return x[0] + x[1] - x[3];
            };
            RacosParameters parameters;
            parameters.budget = 3000;
            parameters.lambda = 0.9;
            parameters.uncertainCoordinates = uncertain;
            const auto result = racosMinimise(f, lower, upper, parameters);
            QCOMPARE(outside, 0);
            QCOMPARE(result.best[2], 10.0);
            // The corner it presses towards is found too.
            QVERIFY(result.best[0] < -3.0 + 1e-2);
            QVERIFY(result.best[1] < 0.5 + 1e-2);
            QVERIFY(result.best[3] > 1e-3 - 1e-4);
        }
    }

    void spendsExactlyTheBudget_data()
    {
        QTest::addColumn<int>("budget");
        QTest::newRow("one") << 1;
        QTest::newRow("less than the sample") << 7;
        QTest::newRow("the sample") << 20;
        QTest::newRow("one more than the sample") << 21;
        QTest::newRow("not a whole number of batches") << 1001;
    }
    void spendsExactlyTheBudget()
    {
        QFETCH(int, budget);
        int calls = 0;
        RacosParameters parameters;
        parameters.budget = budget;
        const auto result = racosMinimise(
            [&](const std::vector<double>& x) {
                ++calls;
                return x[0] * x[0] + x[1] * x[1];
            },
            2, -1.0, 1.0, parameters);
        QCOMPARE(calls, budget);
        QCOMPARE(result.evaluations, budget);
        QCOMPARE(result.best.size(), std::size_t(2));
    }

    void nanCountsAsWorst()
    {
        // Half the box answers NaN; the best must come from the other half.
        RacosParameters parameters;
        parameters.budget = 400;
        const auto result = racosMinimise(
            [](const std::vector<double>& x) { return x[0] < 0 ? std::nan("") : x[0]; }, 1, -1.0, 1.0,
            parameters);
        QVERIFY(result.best[0] >= 0);
        QVERIFY(result.value < 0.05);
    }

    void rejectsBadInput()
    {
        const auto f = [](const std::vector<double>& x) { return x[0]; };
        RacosParameters parameters;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, racosMinimise(f, 2, 1.0, -1.0, parameters));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, racosMinimise(f, 0, -1.0, 1.0, parameters));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 racosMinimise(f, std::vector<double>{0.0}, std::vector<double>{1.0, 2.0}, parameters));
        parameters.positiveCount = parameters.sampleSize;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, racosMinimise(f, 2, -1.0, 1.0, parameters));
        parameters = {};
        parameters.budget = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, racosMinimise(f, 2, -1.0, 1.0, parameters));
        parameters = {};
        parameters.lambda = 1.5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, racosMinimise(f, 2, -1.0, 1.0, parameters));
    }
};

QTEST_APPLESS_MAIN(TestRacos)
#include "test_racos.moc"
