// ROC AUC by the rank statistic on constructed examples whose answers are
// counted by hand: perfect and inverted rankings, ties, a missing class.
#include "ai/coin/RocAuc.h"
#include "core/Error.h"

#include <QtTest>

#include <random>

using namespace mammo::ai::coin;

class TestRocAuc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void knownAreas_data()
    {
        QTest::addColumn<std::vector<double>>("scores");
        QTest::addColumn<std::vector<int>>("labels");
        QTest::addColumn<double>("area");
        QTest::newRow("perfect") << std::vector<double>{0.9, 0.8, 0.3, 0.1} << std::vector<int>{1, 1, 0, 0} << 1.0;
        QTest::newRow("inverted") << std::vector<double>{0.9, 0.8, 0.3, 0.1} << std::vector<int>{0, 0, 1, 1} << 0.0;
        QTest::newRow("all tied") << std::vector<double>{0.5, 0.5, 0.5, 0.5, 0.5} << std::vector<int>{1, 0, 0, 1, 0}
                                  << 0.5;
        // Pairs (positive, negative): (0.8, 0.6) win, (0.8, 0.4) win, (0.4, 0.6) lose, (0.4, 0.4) tie: 2.5 / 4.
        QTest::newRow("one tie") << std::vector<double>{0.8, 0.4, 0.6, 0.4} << std::vector<int>{1, 1, 0, 0} << 0.625;
        // 3 positives {0.9, 0.7, 0.2}, 2 negatives {0.7, 0.1}: wins 0.9>0.7, 0.9>0.1, 0.7>0.1, 0.2>0.1,
        // tie 0.7=0.7, loss 0.2<0.7: (4 + 0.5) / 6.
        QTest::newRow("mixed") << std::vector<double>{0.9, 0.7, 0.7, 0.2, 0.1} << std::vector<int>{1, 1, 0, 1, 0}
                               << 0.75;
        QTest::newRow("unsorted input") << std::vector<double>{0.1, 0.7, 0.2, 0.9, 0.7}
                                        << std::vector<int>{0, 0, 1, 1, 1} << 0.75;
    }
    void knownAreas()
    {
        QFETCH(std::vector<double>, scores);
        QFETCH(std::vector<int>, labels);
        QFETCH(double, area);
        const auto auc = rocAuc(scores, labels);
        QVERIFY(auc.has_value());
        QCOMPARE(*auc, area);
        // The trapezoids under the curve (diagonal steps at ties) give the same area.
        const auto curve = rocCurve(scores, labels);
        QCOMPARE(curve.front().falsePositiveRate, 0.0);
        QCOMPARE(curve.front().truePositiveRate, 0.0);
        QCOMPARE(curve.back().falsePositiveRate, 1.0);
        QCOMPARE(curve.back().truePositiveRate, 1.0);
        QVERIFY(std::abs(areaUnderCurve(curve) - area) < 1e-12);
    }

    void curvePointsOfTheMixedExample()
    {
        const auto curve = rocCurve({0.9, 0.7, 0.7, 0.2, 0.1}, {1, 1, 0, 1, 0});
        QCOMPARE(curve.size(), std::size_t(5));   // (0,0), then 0.9, 0.7 (tied pair), 0.2, 0.1
        QCOMPARE(curve[1].threshold, 0.9);
        QCOMPARE(curve[1].truePositiveRate, 1.0 / 3.0);
        QCOMPARE(curve[2].falsePositiveRate, 0.5);
        QCOMPARE(curve[2].truePositiveRate, 2.0 / 3.0);
        QCOMPARE(curve[3].truePositiveRate, 1.0);
        QCOMPARE(curve[3].falsePositiveRate, 0.5);
    }

    void matchesPairCountingOnRandomData()
    {
        std::mt19937 random(7);
        std::uniform_int_distribution<int> coarse(0, 9);   // many ties
        for (int trial = 0; trial < 20; ++trial) {
            std::vector<double> scores;
            std::vector<int> labels;
            for (int i = 0; i < 40; ++i) {
                scores.push_back(coarse(random) / 10.0);
                labels.push_back(i % 3 == 0 ? 1 : 0);
            }
            double wins = 0, pairs = 0;
            for (std::size_t p = 0; p < scores.size(); ++p)
                for (std::size_t n = 0; n < scores.size(); ++n)
                    if (labels[p] == 1 && labels[n] == 0) {
                        wins += scores[p] > scores[n] ? 1.0 : scores[p] == scores[n] ? 0.5 : 0.0;
                        pairs += 1;
                    }
            QVERIFY(std::abs(*rocAuc(scores, labels) - wins / pairs) < 1e-12);
        }
    }

    void undefinedWithoutBothClasses()
    {
        QVERIFY(!rocAuc({0.2, 0.9}, {1, 1}).has_value());
        QVERIFY(!rocAuc({}, {}).has_value());
        QVERIFY(rocCurve({0.2, 0.9}, {0, 0}).empty());
    }

    void accuracyAtAThreshold()
    {
        // 0.5 counts as malignant.
        QCOMPARE(accuracy({0.9, 0.5, 0.4, 0.1}, {1, 0, 1, 0}), 0.5);
        QCOMPARE(accuracy({0.9, 0.6, 0.4, 0.1}, {1, 1, 0, 0}), 1.0);
        QCOMPARE(accuracy({0.9, 0.6, 0.4, 0.1}, {1, 1, 0, 0}, 0.95), 0.5);
        QCOMPARE(accuracy({}, {}), 0.0);
    }

    void rejectsBadInput()
    {
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, rocAuc({0.1}, {1, 0}));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, rocAuc({0.1, 0.2}, {1, 2}));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, rocAuc({0.1, std::nan("")}, {1, 0}));
    }
};

QTEST_APPLESS_MAIN(TestRocAuc)
#include "test_roc_auc.moc"
