// MiasCatalog against the real mini-MIAS Info.txt and against small hand-made texts.
#include "core/Error.h"
#include "core/MiasCatalog.h"

#include <QtTest>

#include <algorithm>

using mammo::core::Laterality;
using mammo::core::MiasCatalog;
using mammo::core::MiasClass;
using mammo::core::MiasImage;
using mammo::core::MiasSeverity;

class TestMiasCatalog : public QObject {
    Q_OBJECT

private:
    MiasCatalog m_catalog;

private Q_SLOTS:
    void initTestCase()
    {
        const std::string directory = mammo::core::miasDatasetDirectory(MAMMO_MIAS_DIR);
        m_catalog = MiasCatalog::fromDirectory(directory);
    }

    void countsImagesAndClasses()
    {
        QCOMPARE(int(m_catalog.size()), 322);
        const auto& images = m_catalog.images();
        QCOMPARE(int(std::count_if(images.begin(), images.end(), [](const MiasImage& i) { return i.isNormal(); })), 207);
        QCOMPARE(images.front().reference, std::string("mdb001"));
        QCOMPARE(images.back().reference, std::string("mdb322"));
        for (int index = 0; index < int(images.size()); ++index)
            QCOMPARE(images[index].number, index + 1);
    }

    void countsMassesWithCoordinates()
    {
        int massRows = 0, massRowsWithCircle = 0, benign = 0, malignant = 0, imagesWithMassCircle = 0, circles = 0;
        for (const MiasImage& image : m_catalog.images()) {
            bool hasMassCircle = false;
            for (const auto& abnormality : image.abnormalities) {
                circles += abnormality.circle ? 1 : 0;
                if (!mammo::core::isMiasMassClass(abnormality.abnormalityClass))
                    continue;
                ++massRows;
                if (!abnormality.circle)
                    continue;
                ++massRowsWithCircle;
                hasMassCircle = true;
                benign += abnormality.severity == MiasSeverity::Benign ? 1 : 0;
                malignant += abnormality.severity == MiasSeverity::Malignant ? 1 : 0;
            }
            imagesWithMassCircle += hasMassCircle ? 1 : 0;
        }
        QCOMPARE(massRows, 59);
        QCOMPARE(massRowsWithCircle, 58);
        QCOMPARE(benign, 38);
        QCOMPARE(malignant, 20);
        QCOMPARE(imagesWithMassCircle, 55);
        QCOMPARE(circles, 119);   // every class, every row with coordinates
    }

    void flipsYToTopLeftOrigin()
    {
        // Info.txt: "mdb001 G CIRC B 535 425 197", y counted from the bottom.
        const MiasImage& image = m_catalog.at("mdb001");
        QCOMPARE(int(image.abnormalities.size()), 1);
        QVERIFY(image.abnormalities[0].circle.has_value());
        QCOMPARE(image.abnormalities[0].circle->x, 535);
        QCOMPARE(image.abnormalities[0].circle->y, 1023 - 425);
        QCOMPARE(image.abnormalities[0].circle->radius, 197);
        QCOMPARE(image.imageClass, MiasClass::CircumscribedMass);
        QCOMPARE(image.severity, MiasSeverity::Benign);
        QCOMPARE(image.tissue, mammo::core::MiasTissue::FattyGlandular);
    }

    void keepsRowsWithoutCoordinates()
    {
        const MiasImage& mdb059 = m_catalog.at("mdb059");
        QCOMPARE(int(mdb059.abnormalities.size()), 1);
        QVERIFY(!mdb059.abnormalities[0].circle.has_value());
        QCOMPARE(mdb059.imageClass, MiasClass::CircumscribedMass);
        QCOMPARE(mdb059.severity, MiasSeverity::Benign);
        QVERIFY(mdb059.hasMass());

        // "mdb216 D CALC M *NOTE 3*": widely distributed calcifications.
        const MiasImage& mdb216 = m_catalog.at("mdb216");
        QCOMPARE(int(mdb216.abnormalities.size()), 1);
        QVERIFY(!mdb216.abnormalities[0].circle.has_value());
        QCOMPARE(mdb216.severity, MiasSeverity::Malignant);
        QVERIFY(!mdb216.hasMass());
    }

    void mergesImagesWithSeveralRows()
    {
        const MiasImage& mdb005 = m_catalog.at("mdb005");
        QCOMPARE(int(mdb005.abnormalities.size()), 2);
        QCOMPARE(mdb005.abnormalities[0].circle->x, 477);
        QCOMPARE(mdb005.abnormalities[0].circle->y, 1023 - 133);
        QCOMPARE(mdb005.abnormalities[1].circle->x, 500);
        QCOMPARE(mdb005.abnormalities[1].circle->y, 1023 - 168);
        QCOMPARE(int(m_catalog.at("mdb226").abnormalities.size()), 3);

        // mdb144 has a benign and a malignant mass: the image is as bad as its worst.
        const MiasImage& mdb144 = m_catalog.at("mdb144");
        QCOMPARE(int(mdb144.abnormalities.size()), 2);
        QCOMPARE(mdb144.abnormalities[0].severity, MiasSeverity::Benign);
        QCOMPARE(mdb144.abnormalities[1].severity, MiasSeverity::Malignant);
        QCOMPARE(mdb144.severity, MiasSeverity::Malignant);

        int multiRowImages = 0;
        for (const MiasImage& image : m_catalog.images())
            multiRowImages += image.abnormalities.size() > 1 ? 1 : 0;
        QCOMPARE(multiRowImages, 7);
    }

    void pairsAndLateralityFollowNoteOne()
    {
        const MiasImage& mdb001 = m_catalog.at("mdb001");
        const MiasImage& mdb002 = m_catalog.at("mdb002");
        QCOMPARE(mdb001.laterality, Laterality::Right);
        QCOMPARE(mdb002.laterality, Laterality::Left);
        QCOMPARE(mdb001.patientNumber, 1);
        QCOMPARE(mdb002.patientNumber, 1);
        QCOMPARE(m_catalog.at("mdb322").patientNumber, 161);
        const auto pair = m_catalog.patientImages(1);
        QCOMPARE(int(pair.size()), 2);
        QCOMPARE(pair[0]->reference, std::string("mdb001"));
        QCOMPARE(pair[1]->reference, std::string("mdb002"));
        QCOMPARE(mammo::core::miasReference(7), std::string("mdb007"));
        QCOMPARE(m_catalog.at("mdb003").fileName(), std::string("mdb003.png"));
        QVERIFY(m_catalog.find("mdb999") == nullptr);
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, m_catalog.at("mdb999"));
    }

    void rejectsMalformedRows_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown tissue") << "mdb001 X CIRC B 1 2 3\n";
        QTest::newRow("unknown class") << "mdb001 G BLOB B 1 2 3\n";
        QTest::newRow("two coordinates") << "mdb001 G CIRC B 1 2\n";
        QTest::newRow("centre outside") << "mdb001 G CIRC B 1024 2 3\n";
        QTest::newRow("NORM with coordinates") << "mdb001 G NORM 1 2 3\n";
        QTest::newRow("no rows") << "just notes\n";
    }

    void rejectsMalformedRows()
    {
        QFETCH(QString, text);
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, MiasCatalog::fromText(text.toStdString()));
    }

    void readsDirectoryFromEnvironment()
    {
        qputenv("MAMMO_MIAS_DIR", "/somewhere/else");
        QCOMPARE(mammo::core::miasDatasetDirectory("/default"), std::string("/somewhere/else"));
        qputenv("MAMMO_MIAS_DIR", "");
        QCOMPARE(mammo::core::miasDatasetDirectory("/default"), std::string("/default"));
        qunsetenv("MAMMO_MIAS_DIR");
        QCOMPARE(mammo::core::miasDatasetDirectory("/default"), std::string("/default"));
        QVERIFY_THROWS_EXCEPTION(mammo::core::Error, MiasCatalog::fromDirectory("/no/such/directory"));
    }
};

QTEST_GUILESS_MAIN(TestMiasCatalog)
#include "test_mias_catalog.moc"
