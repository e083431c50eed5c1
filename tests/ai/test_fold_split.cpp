// The committed 5-fold split: patient level, complete, masses spread; and the generator reproduces it.
#include "ai/FoldSplit.h"
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <QtTest>

#include <set>

using namespace mammo;

class TestFoldSplit : public QObject {
    Q_OBJECT
private:
    core::MiasCatalog catalog() const { return core::MiasCatalog::fromDirectory(core::miasDatasetDirectory(MAMMO_MIAS_DIR)); }
    std::string committedPath() const { return std::string(MAMMO_SOURCE_DIR) + "/resources/splits/mias-5fold.json"; }

private Q_SLOTS:
    void everyImageInExactlyOneFold()
    {
        const auto split = ai::readFoldSplit(committedPath());
        QCOMPARE(split.foldCount(), 5);
        std::set<std::string> seen;
        std::size_t total = 0;
        for (const auto& fold : split.folds) {
            total += fold.size();
            seen.insert(fold.begin(), fold.end());
        }
        QCOMPARE(total, std::size_t(322));
        QCOMPARE(seen.size(), std::size_t(322));
    }

    void noPatientInTwoFolds()
    {
        const auto split = ai::readFoldSplit(committedPath());
        const auto images = catalog();
        for (const auto& image : images.images())
            for (const auto* sibling : images.patientImages(image.patientNumber))
                QCOMPARE(split.foldOf(sibling->reference), split.foldOf(image.reference));
    }

    void massesSpreadEvenly()
    {
        const auto split = ai::readFoldSplit(committedPath());
        const auto images = catalog();
        std::vector<int> masses;
        for (int k = 1; k <= split.foldCount(); ++k) {
            int count = 0;
            for (const auto& reference : split.testImages(k))
                count += images.at(reference).hasMass() ? 1 : 0;
            masses.push_back(count);
        }
        const auto [low, high] = std::minmax_element(masses.begin(), masses.end());
        QVERIFY2(*high - *low <= 1, "mass images differ by more than one between folds");
        QVERIFY(*low >= 10);
    }

    void generatorReproducesTheCommittedSplit()
    {
        const auto committed = ai::readFoldSplit(committedPath());
        const auto regenerated = ai::makeMiasSplit(catalog(), 5, committed.seed);
        QCOMPARE(regenerated.folds, committed.folds);
    }

    void trainingAndTestAreDisjoint()
    {
        const auto split = ai::readFoldSplit(committedPath());
        const auto training = split.trainingImages(2);
        for (const auto& reference : split.testImages(2))
            QVERIFY(std::find(training.begin(), training.end(), reference) == training.end());
        QCOMPARE(training.size() + split.testImages(2).size(), std::size_t(322));
        QVERIFY_THROWS_EXCEPTION(core::Error, split.testImages(6));
    }
};

QTEST_APPLESS_MAIN(TestFoldSplit)
#include "test_fold_split.moc"
