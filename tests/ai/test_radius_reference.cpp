// The lesion-radius reference of COIN's ablation on constructed lesions whose
// thresholds and fold results are counted by hand.
#include "ai/coin/RadiusReference.h"
#include "core/Error.h"

#include <QtTest>

using namespace mammo::ai;
using namespace mammo::ai::coin;

namespace {

LesionRoi lesion(const std::string& reference, double radius, int label)
{
    LesionRoi roi;
    roi.reference = reference;
    roi.radius = radius;
    roi.label = label;
    return roi;
}

} // namespace

class TestRadiusReference : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void thresholdSeparatesWhenSizeDoes()
    {
        const std::vector<LesionRoi> training{lesion("a", 10, 0), lesion("b", 20, 0), lesion("c", 30, 0),
                                              lesion("d", 40, 1), lesion("e", 50, 1)};
        QCOMPARE(fittedRadiusThreshold(training), 35.0);
    }

    void thresholdClassifiesTheMostTrainingLesions()
    {
        // Benign {10, 40}, malignant {20, 30}. Correct per candidate: 9 -> 2, 15 -> 3, 25 -> 2, 35 -> 1, 41 -> 2.
        const std::vector<LesionRoi> training{lesion("a", 10, 0), lesion("b", 40, 0), lesion("c", 20, 1),
                                              lesion("d", 30, 1)};
        QCOMPARE(fittedRadiusThreshold(training), 15.0);
    }

    void tiesTakeTheSmallestThreshold()
    {
        // Benign {10, 50}, malignant {30}: 20 and 51 each classify two correctly (9 and 40 one).
        const std::vector<LesionRoi> training{lesion("a", 10, 0), lesion("b", 50, 0), lesion("c", 30, 1)};
        QCOMPARE(fittedRadiusThreshold(training), 20.0);
    }

    void noTrainingLesionsIsAnError()
    {
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, fittedRadiusThreshold({}));
    }

    void eachFoldIsScoredWithTheOtherFoldsThreshold()
    {
        FoldSplit split;
        split.folds = {{"mdb001", "mdb002"}, {"mdb003", "mdb004"}};
        const std::vector<LesionRoi> lesions{lesion("mdb001", 10, 0), lesion("mdb002", 50, 1),
                                             lesion("mdb003", 12, 0), lesion("mdb004", 45, 1),
                                             lesion("mdb099", 500, 0)};   // in no fold: left out
        const auto folds = lesionRadiusReference(lesions, split);
        QCOMPARE(folds.size(), std::size_t(2));
        // Fold 1 held out: threshold (12 + 45) / 2 = 28.5 from fold 2.
        QCOMPARE(folds[0].fold, 1);
        QCOMPARE(folds[0].labels, (std::vector<int>{0, 1}));
        QCOMPARE(folds[0].probabilities[0], 10.0 / 38.5);
        QCOMPARE(folds[0].probabilities[1], 50.0 / 78.5);
        QCOMPARE(folds[0].accuracy, 1.0);
        QCOMPARE(*folds[0].auc, 1.0);
        // Fold 2 held out: threshold 30 from fold 1; P = 0.5 exactly at the threshold.
        QCOMPARE(folds[1].probabilities[0], 12.0 / 42.0);
        QCOMPARE(folds[1].probabilities[1], 45.0 / 75.0);
        QCOMPARE(lesionRadiusReference({lesion("mdb001", 30, 1), lesion("mdb003", 10, 0), lesion("mdb004", 50, 1)},
                                       split)
                     .front()
                     .probabilities.front(),
                 0.5);
    }

    void aFoldWhereSizeMisleadsScoresBelowChance()
    {
        FoldSplit split;
        split.folds = {{"mdb001", "mdb002"}, {"mdb003", "mdb004"}};
        // Fold 2 says large is malignant; fold 1 has the large lesion benign.
        const auto folds = lesionRadiusReference({lesion("mdb001", 60, 0), lesion("mdb002", 15, 1),
                                                  lesion("mdb003", 10, 0), lesion("mdb004", 40, 1)},
                                                 split);
        QCOMPARE(folds[0].accuracy, 0.0);
        QCOMPARE(*folds[0].auc, 0.0);
    }
};

QTEST_APPLESS_MAIN(TestRadiusReference)
#include "test_radius_reference.moc"
