// The SVM discriminator of COIN: separates what is separable, its distance is
// the Euclidean one to its hyperplane, positive on the original side, and its
// probability is the sigmoid of that distance (eq. (1) of the paper).
#include "ai/coin/SvmDiscriminator.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

using namespace mammo::ai::coin;

namespace {

using Samples = std::vector<std::vector<float>>;

// Two unit-variance clouds 6 sigma apart along the diagonal, centred far from
// the origin so that a bias pulled towards 0 would show.
constexpr int kDimension = 8;
std::vector<double> cloudMean(bool original)
{
    std::vector<double> mean;
    for (int k = 0; k < kDimension; ++k)
        mean.push_back((k % 2 == 0 ? 4.0 : -2.0) + (original ? 3.0 : -3.0) / std::sqrt(double(kDimension)));
    return mean;
}

Samples cloud(bool original, int count, std::mt19937& engine)
{
    std::normal_distribution<double> noise(0.0, 1.0);
    const auto mean = cloudMean(original);
    Samples samples;
    for (int i = 0; i < count; ++i) {
        std::vector<float> x;
        for (double m : mean)
            x.push_back(float(m + noise(engine)));
        samples.push_back(x);
    }
    return samples;
}

SvmDiscriminator trainedOnClouds()
{
    std::mt19937 engine(11);
    const auto original = cloud(true, 200, engine), generated = cloud(false, 200, engine);
    SvmDiscriminator svm;
    svm.train(original, generated);
    return svm;
}

double dot(const std::vector<double>& w, const std::vector<float>& x)
{
    double s = 0;
    for (std::size_t k = 0; k < w.size(); ++k)
        s += w[k] * x[k];
    return s;
}

double norm(const std::vector<double>& w)
{
    double s = 0;
    for (double v : w)
        s += v * v;
    return std::sqrt(s);
}

} // namespace

class TestSvmDiscriminator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void separatesTwoGaussianClouds()
    {
        const auto svm = trainedOnClouds();
        std::mt19937 engine(12);   // fresh samples, not the training ones
        int right = 0, total = 0;
        for (bool original : {true, false})
            for (const auto& x : cloud(original, 1000, engine)) {
                right += (svm.signedDistance(x) > 0) == original ? 1 : 0;
                ++total;
            }
        const double accuracy = double(right) / total;
        // The Bayes accuracy is 99.87%.
        QVERIFY2(accuracy > 0.98, qPrintable(QString("accuracy %1").arg(accuracy)));

        // The normal points along the diagonal, from generated to original; not
        // exactly, since a few support vectors set it (cosine 0.934 for this draw).
        double alongDiagonal = 0;
        for (double v : svm.weights())
            alongDiagonal += v / std::sqrt(double(kDimension));
        const double cosine = alongDiagonal / norm(svm.weights());
        QVERIFY2(cosine > 0.9, qPrintable(QString("cosine %1").arg(cosine)));
    }

    void originalSideIsPositive()
    {
        const auto svm = trainedOnClouds();
        std::vector<float> originalMean, generatedMean;
        for (double m : cloudMean(true))
            originalMean.push_back(float(m));
        for (double m : cloudMean(false))
            generatedMean.push_back(float(m));
        QVERIFY(svm.signedDistance(originalMean) > 1.0);
        QVERIFY(svm.probability(originalMean) > 0.7);
        QVERIFY(svm.signedDistance(generatedMean) < -1.0);
        QVERIFY(svm.probability(generatedMean) < 0.3);
    }

    void knownMaxMarginHyperplane()
    {
        // Three points each at x = 11 (original) and x = 9 (generated): the widest
        // margin is the line x = 10, so w = (1, 0), b = -10 for a margin of 1.
        const Samples original{{11, -1}, {11, 0}, {11, 1}}, generated{{9, -1}, {9, 0}, {9, 1}};
        SvmDiscriminator svm;
        SvmOptions options;
        options.c = 10;
        svm.train(original, generated, options);
        QCOMPARE(svm.dimension(), 2);
        QVERIFY(std::abs(svm.weights()[0] - 1.0) < 1e-3);
        QVERIFY(std::abs(svm.weights()[1]) < 1e-3);
        QVERIFY(std::abs(svm.bias() + 10.0) < 1e-2);
        QVERIFY(std::abs(svm.signedDistance(std::vector<float>{13, 5}) - 3.0) < 1e-3);
        QVERIFY(std::abs(svm.signedDistance(std::vector<float>{7, -2}) + 3.0) < 1e-3);
        QVERIFY(std::abs(svm.probability(std::vector<float>{10, 4}) - 0.5) < 1e-3);
    }

    void signedDistanceIsTheDistanceToTheHyperplane()
    {
        const auto svm = trainedOnClouds();
        const auto& w = svm.weights();
        const double b = svm.bias(), length = norm(w);
        std::mt19937 engine(13);
        std::uniform_real_distribution<double> coordinate(-10.0, 10.0);
        for (int i = 0; i < 100; ++i) {
            std::vector<float> x;
            for (int k = 0; k < kDimension; ++k)
                x.push_back(float(coordinate(engine)));
            const double value = dot(w, x) + b;
            // The foot of the perpendicular from x lies on the hyperplane...
            std::vector<double> foot(x.begin(), x.end());
            for (int k = 0; k < kDimension; ++k)
                foot[std::size_t(k)] -= value / (length * length) * w[std::size_t(k)];
            double onPlane = b, gap = 0;
            for (int k = 0; k < kDimension; ++k) {
                onPlane += w[std::size_t(k)] * foot[std::size_t(k)];
                gap += (x[std::size_t(k)] - foot[std::size_t(k)]) * (x[std::size_t(k)] - foot[std::size_t(k)]);
            }
            QVERIFY(std::abs(onPlane) < 1e-9 * (1 + std::abs(value)));
            // ...and the signed distance is how far x is from it, signed as w.x + b.
            const double d = svm.signedDistance(x);
            QVERIFY(std::abs(std::abs(d) - std::sqrt(gap)) < 1e-9 * (1 + std::abs(d)));
            QVERIFY((d > 0) == (value > 0));
            QVERIFY(std::abs(svm.decisionValue(x) - value) < 1e-9 * (1 + std::abs(value)));
        }
    }

    void probabilityIsTheSigmoidOfTheDistance()
    {
        const auto svm = trainedOnClouds();
        const auto& w = svm.weights();
        const double length = norm(w);
        // A point on the hyperplane: -b w / ||w||^2; then steps along the unit normal.
        std::vector<double> onPlane;
        for (double v : w)
            onPlane.push_back(-svm.bias() * v / (length * length));
        double previous = -1;
        for (int step = -40; step <= 40; ++step) {
            const double t = step / 8.0;
            std::vector<float> x;
            for (std::size_t k = 0; k < w.size(); ++k)
                x.push_back(float(onPlane[k] + t * w[k] / length));
            const double d = svm.signedDistance(x), p = svm.probability(x);
            QVERIFY2(std::abs(d - t) < 1e-5, qPrintable(QString("distance %1 at %2").arg(d).arg(t)));
            QVERIFY(std::abs(p - 1.0 / (1.0 + std::exp(-d))) < 1e-12);
            QVERIFY2(p > previous, "the probability must rise with the distance");
            previous = p;
            if (step == 0)
                QVERIFY(std::abs(p - 0.5) < 1e-5);
        }
        QVERIFY(previous > 0.99);
    }

    void matAndVectorInputsAgree()
    {
        std::mt19937 engine(14);
        const auto original = cloud(true, 50, engine), generated = cloud(false, 50, engine);
        auto toMat = [](const Samples& samples) {
            cv::Mat m(int(samples.size()), kDimension, CV_32F);
            for (int r = 0; r < m.rows; ++r)
                std::copy(samples[std::size_t(r)].begin(), samples[std::size_t(r)].end(), m.ptr<float>(r));
            return m;
        };
        SvmDiscriminator fromVectors, fromMats;
        fromVectors.train(original, generated);
        fromMats.train(toMat(original), toMat(generated));
        QCOMPARE(fromMats.weights(), fromVectors.weights());
        QCOMPARE(fromMats.bias(), fromVectors.bias());
        const cv::Mat row = toMat({original.front()});
        QCOMPARE(fromMats.probability(row), fromVectors.probability(original.front()));
        QCOMPARE(fromMats.signedDistance(row.t()), fromVectors.signedDistance(original.front()));
    }

    void noHyperplaneGivesOneHalf()
    {
        // Every sample the same point: nothing to separate, w stays 0.
        SvmDiscriminator svm;
        svm.train(Samples{{1, 2}, {1, 2}}, Samples{{1, 2}});
        QCOMPARE(svm.weights(), (std::vector<double>{0, 0}));
        QCOMPARE(svm.signedDistance(std::vector<float>{5, -7}), 0.0);
        QCOMPARE(svm.probability(std::vector<float>{5, -7}), 0.5);
    }

    void rejectsMisuse()
    {
        SvmDiscriminator svm;
        QVERIFY_THROWS_EXCEPTION(std::logic_error, svm.signedDistance(std::vector<float>{1, 2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, svm.train(Samples{}, Samples{{1, 2}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, svm.train(Samples{{1, 2}}, Samples{{1, 2, 3}}));
        svm.train(Samples{{1, 2}}, Samples{{-1, -2}});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, svm.probability(std::vector<float>{1, 2, 3}));
    }
};

QTEST_APPLESS_MAIN(TestSvmDiscriminator)
#include "test_svm_discriminator.moc"
