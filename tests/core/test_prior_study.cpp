#include <core/PriorStudy.h>

#include <QtTest>

using namespace mammo::core;

namespace {

DicomHeader mammogram(const std::string& patientId, const std::string& studyUid, const std::string& date,
                      const std::string& time, const std::string& modality = "MG")
{
    static int instance = 0;
    DicomHeader h;
    h.kind = DicomObjectKind::Image;
    ImageAttributes& a = h.attributes;
    a.patientId = patientId;
    a.studyInstanceUid = studyUid;
    a.studyDate = date;
    a.studyTime = time;
    a.modality = modality;
    a.seriesInstanceUid = studyUid + ".1";
    a.sopInstanceUid = studyUid + ".1." + std::to_string(++instance);
    return h;
}

} // namespace

class TestPriorStudy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void earlierComparesDateThenTime_data()
    {
        QTest::addColumn<QString>("date");
        QTest::addColumn<QString>("time");
        QTest::addColumn<bool>("earlier");
        QTest::newRow("day before") << "20240301" << "235959" << true;
        QTest::newRow("day after") << "20240303" << "000000" << false;
        QTest::newRow("same day, earlier hour") << "20240302" << "08" << true;
        QTest::newRow("same day, fraction only later") << "20240302" << "093000.5" << false;
        QTest::newRow("same moment") << "20240302" << "093000" << false;
        QTest::newRow("no date") << "" << "080000" << false;
    }
    void earlierComparesDateThenTime()
    {
        QFETCH(QString, date);
        QFETCH(QString, time);
        QFETCH(bool, earlier);
        QCOMPARE(isEarlierStudy(date.toStdString(), time.toStdString(), "20240302", "093000"), earlier);
    }

    void priorIsTheNewestOlderMammographyStudyOfTheSamePatient()
    {
        StudyCatalog catalog;
        catalog.addHeader(mammogram("P1", "1.1", "20240302", "0900"));   // current
        catalog.addHeader(mammogram("P1", "1.2", "20220115", "1000"));   // older prior
        catalog.addHeader(mammogram("P1", "1.3", "20230220", "1000"));   // the prior
        catalog.addHeader(mammogram("P1", "1.4", "20230901", "1000", "US"));   // newer, but ultrasound
        catalog.addHeader(mammogram("P1", "1.5", "20250101", "1000"));   // newer than current
        catalog.addHeader(mammogram("P2", "2.1", "20231201", "1000"));   // another patient
        const StudyEntry* current = catalog.findStudy("1.1");
        QVERIFY(current);
        const StudyEntry* prior = findPriorStudy(catalog, *current);
        QVERIFY(prior);
        QCOMPARE(QString::fromStdString(prior->studyInstanceUid), QStringLiteral("1.3"));

        const StudyEntry* oldest = catalog.findStudy("1.2");
        QVERIFY(!findPriorStudy(catalog, *oldest));
        QVERIFY(!findPriorStudy(catalog, *catalog.findStudy("2.1")));
    }
};

QTEST_APPLESS_MAIN(TestPriorStudy)
#include "test_prior_study.moc"
