// COIN's adversarial augmentation on two small synthetic classes (32 x 32
// blobs and stripes): the radii from the data, the counts, the conditions of
// eq. (2) for positive neighbours and eq. (3) for negative ones, checked again
// on the ROIs as returned, determinism, and the contact sheet.
#include "ai/coin/AdversarialAugmentation.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

using namespace mammo::ai::coin;

namespace {

constexpr int kSide = 32;
constexpr int kPerClass = 8;
// Float32 ROIs and features: distances recomputed from a returned ROI differ
// from the search's by a few 1e-7.
constexpr double kTolerance = 1e-4;

// Class 0: a bright round blob somewhere near the centre. Class 1: stripes at
// some angle. Both on a little texture, so that no two ROIs are the same.
cv::Mat pattern(int label, std::mt19937& engine)
{
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::normal_distribution<double> texture(0.0, 0.15);
    cv::Mat roi(kSide, kSide, CV_32F);
    const double cx = 12 + 8 * uniform(engine), cy = 12 + 8 * uniform(engine), radius = 4 + 5 * uniform(engine);
    const double angle = M_PI / 3 * uniform(engine), period = 6 + 3 * uniform(engine);
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) {
            const double value = label == 0
                ? std::exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * radius * radius))
                : 0.5 + 0.5 * std::sin(2 * M_PI * (x * std::cos(angle) + y * std::sin(angle)) / period);
            roi.at<float>(y, x) = float(value + texture(engine));
        }
    return roi;
}

struct Data {
    std::vector<cv::Mat> rois;
    std::vector<int> labels;
};

Data syntheticClasses()
{
    std::mt19937 engine(5);
    Data data;
    for (int label = 0; label < 2; ++label)
        for (int i = 0; i < kPerClass; ++i) {
            data.rois.push_back(pattern(label, engine));
            data.labels.push_back(label);
        }
    return data;
}

std::vector<cv::Mat> ofClass(const Data& data, int label)
{
    std::vector<cv::Mat> rois;
    for (std::size_t i = 0; i < data.rois.size(); ++i)
        if (data.labels[i] == label)
            rois.push_back(data.rois[i]);
    return rois;
}

AdversarialAugmentationOptions smallOptions()
{
    AdversarialAugmentationOptions options;   // the paper's T, gamma and radii
    options.featureSize = 16;
    options.noiseGrid = 4;
    options.positivesPerOriginal = 2;
    options.negativesPerOriginal = 1;
    options.seed = 7;
    return options;
}

// The cosine distance written out, not through the library's.
double distance(const cv::Mat& a, const cv::Mat& b)
{
    return 1.0 - a.dot(b) / (cv::norm(a) * cv::norm(b));
}

std::vector<cv::Mat> features(const std::vector<cv::Mat>& rois, int size)
{
    std::vector<cv::Mat> out;
    for (const auto& roi : rois)
        out.push_back(augmentationFeature(roi, size));
    return out;
}

std::vector<cv::Mat> features(const std::vector<GeneratedRoi>& made, int size)
{
    std::vector<cv::Mat> out;
    for (const auto& g : made)
        out.push_back(augmentationFeature(g.roi, size));
    return out;
}

double minimumTo(const cv::Mat& x, const std::vector<cv::Mat>& set, std::size_t count)
{
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t j = 0; j < count; ++j)
        best = std::min(best, distance(x, set[j]));
    return best;
}

double minimumPairwise(const std::vector<cv::Mat>& set)
{
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < set.size(); ++i)
        for (std::size_t j = i + 1; j < set.size(); ++j)
            best = std::min(best, distance(set[i], set[j]));
    return best;
}

} // namespace

class TestAdversarialAugmentation : public QObject {
    Q_OBJECT

    Data m_data;
    AdversarialAugmentationOptions m_options;
    std::vector<ClassAugmentation> m_result;

private Q_SLOTS:
    void initTestCase()
    {
        m_data = syntheticClasses();
        m_options = smallOptions();
        m_result = augmentClasses(m_data.rois, m_data.labels, m_options);
    }

    void testDefaultsAreThePapers()
    {
        const AdversarialAugmentationOptions options;
        QCOMPARE(options.batchSize, 200);
        QCOMPARE(options.gamma, 1e-2);
        QCOMPARE(options.r1Factor, 1.0);
        QCOMPARE(options.r2Factor, 1.0);
        QCOMPARE(options.r3Factor, 3.0);
        QVERIFY(options.radiusRule == RadiusRule::MinimumPairwise);
    }

    void testRadiiFromTheData()
    {
        QCOMPARE(int(m_result.size()), 2);
        for (const auto& c : m_result) {
            const double rho = minimumPairwise(features(ofClass(m_data, c.label), m_options.featureSize));
            QVERIFY(rho > 0);
            QVERIFY(std::abs(c.rho - rho) < 1e-6);
            QCOMPARE(c.r1, c.rho);
            QCOMPARE(c.r2, c.rho);
            QCOMPARE(c.r3, 3 * c.rho);
            QCOMPARE(c.originalCount, kPerClass);
        }
    }

    void testCountsAndTypes()
    {
        for (int k = 0; k < 2; ++k) {
            const auto& c = m_result[std::size_t(k)];
            QCOMPARE(c.label, k);
            QCOMPARE(int(c.positives.size()), kPerClass * m_options.positivesPerOriginal);
            QCOMPARE(int(c.negatives.size()), kPerClass * m_options.negativesPerOriginal);
            std::vector<int> positivesOf(kPerClass, 0), negativesOf(kPerClass, 0);
            for (const auto* set : {&c.positives, &c.negatives})
                for (const auto& g : *set) {
                    QCOMPARE(g.roi.type(), CV_32F);
                    QCOMPARE(g.roi.size(), cv::Size(kSide, kSide));
                    QCOMPARE(g.label, k);
                    QVERIFY(g.seedIndex >= 0 && g.seedIndex < kPerClass);
                    // Normalised as the originals the network sees: zero mean, unit deviation.
                    cv::Scalar mean, deviation;
                    cv::meanStdDev(g.roi, mean, deviation);
                    QVERIFY(std::abs(mean[0]) < 1e-4 && std::abs(deviation[0] - 1) < 1e-3);
                }
            for (const auto& g : c.positives) {
                QVERIFY(g.kind == SampleKind::PositiveNeighbour);
                ++positivesOf[std::size_t(g.seedIndex)];
            }
            for (const auto& g : c.negatives) {
                QVERIFY(g.kind == SampleKind::NegativeNeighbour);
                ++negativesOf[std::size_t(g.seedIndex)];
            }
            // Each original is the seed of the same number of neighbours.
            for (int i = 0; i < kPerClass; ++i) {
                QCOMPARE(positivesOf[std::size_t(i)], m_options.positivesPerOriginal);
                QCOMPARE(negativesOf[std::size_t(i)], m_options.negativesPerOriginal);
            }
        }
    }

    // Eq. (2): P_D high, at least r1 from every other positive; and, from the
    // generator, within positiveReach * rho = r1 of its seed. P_D is compared
    // over the class: a single neighbour may have to give some up to keep r1,
    // which comes first.
    void testPositiveNeighboursKeepEq2()
    {
        for (const auto& c : m_result) {
            const auto originals = features(ofClass(m_data, c.label), m_options.featureSize);
            const auto made = features(c.positives, m_options.featureSize);
            double meanProbability = 0, batchProbability = 0;
            for (std::size_t i = 0; i < made.size(); ++i) {
                const GeneratedRoi& g = c.positives[i];
                const double seedDistance = distance(made[i], originals[std::size_t(g.seedIndex)]);
                QVERIFY(std::abs(seedDistance - g.seedDistance) < kTolerance);
                QVERIFY2(seedDistance <= c.r1 + kTolerance, qPrintable(QString::number(seedDistance)));
                QVERIFY(seedDistance > 0);   // a neighbour, not a copy
                const double earlier = minimumTo(made[i], made, i);
                QVERIFY(i == 0 ? std::isinf(g.neighbourDistance)
                               : std::abs(earlier - g.neighbourDistance) < kTolerance);
                QVERIFY2(i == 0 || earlier >= c.r1 - kTolerance, qPrintable(QString::number(earlier)));
                const double hinge = std::max(0.0, c.r1 - g.neighbourDistance);
                QVERIFY(std::abs(g.objective - (g.probability - m_options.gamma * hinge)) < 1e-12);
                meanProbability += g.probability / double(made.size());
                batchProbability += g.batchMeanProbability / double(made.size());
            }
            // Above the batches' random candidates, on the originals' side of the hyperplane.
            QVERIFY2(meanProbability > batchProbability && meanProbability > 0.5,
                     qPrintable(QString("%1 vs %2").arg(meanProbability).arg(batchProbability)));
            QVERIFY(minimumPairwise(made) >= c.r1 - kTolerance);
        }
    }

    // Eq. (3): P_D low, at least r2 from every other negative, at most r3 from
    // the nearest original.
    void testNegativeNeighboursKeepEq3()
    {
        for (const auto& c : m_result) {
            const auto originals = features(ofClass(m_data, c.label), m_options.featureSize);
            const auto made = features(c.negatives, m_options.featureSize);
            double meanProbability = 0, batchProbability = 0;
            for (std::size_t i = 0; i < made.size(); ++i) {
                const GeneratedRoi& g = c.negatives[i];
                const double toOriginals = minimumTo(made[i], originals, originals.size());
                QVERIFY(std::abs(toOriginals - g.originalDistance) < kTolerance);
                QVERIFY2(toOriginals <= c.r3 + kTolerance, qPrintable(QString::number(toOriginals)));
                QVERIFY(distance(made[i], originals[std::size_t(g.seedIndex)]) <= c.r3 + kTolerance);
                const double earlier = minimumTo(made[i], made, i);
                QVERIFY2(i == 0 || earlier >= c.r2 - kTolerance, qPrintable(QString::number(earlier)));
                const double hinge = std::max(0.0, c.r2 - g.neighbourDistance) + std::max(0.0, g.originalDistance - c.r3);
                QVERIFY(std::abs(g.objective - (g.probability + m_options.gamma * hinge)) < 1e-12);
                meanProbability += g.probability / double(made.size());
                batchProbability += g.batchMeanProbability / double(made.size());
            }
            // Below the batches' random candidates, on the generated side.
            QVERIFY2(meanProbability < batchProbability && meanProbability < 0.5,
                     qPrintable(QString("%1 vs %2").arg(meanProbability).arg(batchProbability)));
            QVERIFY(minimumPairwise(made) >= c.r2 - kTolerance);
        }
    }

    // Negatives go further from the class than positives: the point of the two kinds.
    void testNegativesLieFurtherOutThanPositives()
    {
        for (const auto& c : m_result) {
            double positive = 0, negative = 0;
            for (const auto& g : c.positives)
                positive += g.seedDistance / double(c.positives.size());
            for (const auto& g : c.negatives)
                negative += g.seedDistance / double(c.negatives.size());
            QVERIFY2(negative > positive, qPrintable(QString("%1 vs %2").arg(negative).arg(positive)));
        }
    }

    void testDeterministicForASeed()
    {
        const auto rois = ofClass(m_data, 1);
        AdversarialAugmentationOptions options = smallOptions();
        options.batchSize = 40;
        options.positivesPerOriginal = 1;
        const ClassAugmentation a = augmentClass(rois, 1, options), b = augmentClass(rois, 1, options);
        QCOMPARE(a.positives.size(), b.positives.size());
        for (std::size_t i = 0; i < a.positives.size(); ++i) {
            QCOMPARE(cv::norm(a.positives[i].roi, b.positives[i].roi, cv::NORM_INF), 0.0);
            QCOMPARE(a.positives[i].seedIndex, b.positives[i].seedIndex);
        }
        for (std::size_t i = 0; i < a.negatives.size(); ++i)
            QCOMPARE(cv::norm(a.negatives[i].roi, b.negatives[i].roi, cv::NORM_INF), 0.0);

        options.seed += 1;
        const ClassAugmentation other = augmentClass(rois, 1, options);
        double difference = 0;
        for (std::size_t i = 0; i < a.positives.size(); ++i)
            difference += cv::norm(a.positives[i].roi, other.positives[i].roi, cv::NORM_INF);
        QVERIFY(difference > 0);
    }

    void testSameClassSameResultAlone()
    {
        // augmentClasses gave class 1 the same stream as augmentClass alone.
        const ClassAugmentation alone = augmentClass(ofClass(m_data, 1), 1, m_options);
        QCOMPARE(alone.negatives.size(), m_result[1].negatives.size());
        for (std::size_t i = 0; i < alone.negatives.size(); ++i)
            QCOMPARE(cv::norm(alone.negatives[i].roi, m_result[1].negatives[i].roi, cv::NORM_INF), 0.0);
    }

    void testContactSheets()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        ContactSheetOptions sheet;
        sheet.tileSize = 48;
        const auto paths =
            writeContactSheets(directory.path().toStdString(), m_data.rois, m_data.labels, m_result, sheet);
        QCOMPARE(int(paths.size()), 2);
        const int columns = 1 + m_options.positivesPerOriginal + m_options.negativesPerOriginal;
        for (const auto& path : paths) {
            const cv::Mat image = cv::imread(path, cv::IMREAD_UNCHANGED);
            QVERIFY2(!image.empty(), path.c_str());
            QCOMPARE(image.type(), CV_8UC3);
            QCOMPARE(image.cols, sheet.gap + columns * (sheet.tileSize + sheet.gap));
            QCOMPARE(image.rows,
                     sheet.headerHeight + kPerClass * (sheet.captionHeight + sheet.tileSize + sheet.gap) + sheet.gap);
        }
        QVERIFY(QFileInfo(directory.filePath("adversarial-augmentation-class0.png")).isFile());
        QVERIFY(QFileInfo(directory.filePath("adversarial-augmentation-class1.png")).isFile());
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 writeContactSheet("/nonexistent-directory/x.png", ofClass(m_data, 0), m_result[0]));
    }

    void testRejectsWhatItCannotUse()
    {
        const auto rois = ofClass(m_data, 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, augmentClass({rois[0]}, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, augmentClass({rois[0], rois[0].clone()}, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 augmentClass({rois[0], cv::Mat::zeros(kSide, kSide, CV_32F)}, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, augmentClass({rois[0], cv::Mat::ones(16, 16, CV_32F)}, 0));
        AdversarialAugmentationOptions options = smallOptions();
        options.noiseGrid = options.featureSize + 1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, augmentClass(rois, 0, options));
    }
};

QTEST_GUILESS_MAIN(TestAdversarialAugmentation)
#include "test_adversarial_augmentation.moc"
