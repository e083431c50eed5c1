// The Query PACS dialog against a real Orthanc: find, retrieve by C-GET and
// by C-MOVE with the prior, and a server that is down. The network work runs
// on the dialog's worker thread; the test only waits for its signals.
#include <app/pacs/PacsDialog.h>

#include <net/OrthancServer.h>
#include <support/TestDicom.h>

#include <core/DicomReader.h>
#include <core/cad/CadResultsExport.h>
#include <core/net/PacsClient.h>

#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace mammo;

namespace {

const char* kOurAe = "MAMMOSCOPE";

// Four views on 2024-03-05 and three (no LMLO) on 2023-03-01 of one patient.
QStringList writeTwoStudies(const QString& dir)
{
    QStringList files;
    int n = 0;
    for (const char* date : {"20240305", "20230301"}) {
        const std::string study = std::string("1.2.826.0.1.3680043.10.1234.9.") + date;
        for (const char* side : {"R", "L"})
            for (const char* view : {"CC", "MLO"}) {
                if (std::string(date) == "20230301" && std::string(side) == "L" && std::string(view) == "MLO")
                    continue;
                test::TestImageSpec spec;
                spec.patientId = "PACS-TEST-7";
                spec.studyDate = date;
                spec.studyUid = study;
                spec.seriesUid = study + ".1";
                spec.sopUid = study + ".1." + std::to_string(++n);
                spec.laterality = side;
                spec.viewPosition = view;
                const QString path = QDir(dir).filePath(QStringLiteral("%1.dcm").arg(n));
                test::writeTestImage(path.toStdString(), spec);
                files << path;
            }
    }
    return files;
}

int dicomFilesIn(const QString& folder)
{
    return int(QDir(folder).entryList({QStringLiteral("*.dcm")}, QDir::Files).size());
}

} // namespace

class TestPacsDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_scpPort = test::freeTcpPort();
        test::OrthancOptions options;
        options.modalities = {{"mammoscope", kOurAe, "127.0.0.1", m_scpPort}};
        m_server = std::make_unique<test::OrthancServer>(options);
        m_server->start(kOurAe);
        QVERIFY(m_uploads.isValid());
        std::vector<std::string> paths;
        for (const QString& f : writeTwoStudies(m_uploads.path()))
            paths.push_back(f.toStdString());
        const auto stored = core::net::PacsClient(m_server->node(kOurAe)).store(paths);
        QCOMPARE(stored.stored.size(), paths.size());
    }
    void cleanupTestCase() { m_server.reset(); }

    void findsAndRetrievesTheStudyWithItsPrior_data()
    {
        QTest::addColumn<bool>("byMove");
        QTest::newRow("C-GET") << false;
        QTest::newRow("C-MOVE") << true;
    }
    void findsAndRetrievesTheStudyWithItsPrior()
    {
        QFETCH(bool, byMove);
        QTemporaryDir storage;
        app::PacsConfiguration configuration;
        configuration.nodes = {m_server->node(kOurAe)};
        configuration.retrieveMethod = byMove ? app::RetrieveMethod::Move : app::RetrieveMethod::Get;
        configuration.storageAeTitle = QString::fromLatin1(kOurAe);
        configuration.storagePort = m_scpPort;
        configuration.storageDirectory = storage.path();
        configuration.retrievePrior = true;
        app::PacsDialog dialog(configuration);
        dialog.show();

        core::net::StudyQuery query;
        query.patientId = "PACS-TEST-7";
        dialog.setQuery(query);
        dialog.search();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy(), 20000);
        QCOMPARE(dialog.results()->topLevelItemCount(), 2);
        QTreeWidgetItem* current = nullptr;
        for (int i = 0; i < 2; ++i)
            if (dialog.results()->topLevelItem(i)->text(2) == QStringLiteral("2024-03-05"))
                current = dialog.results()->topLevelItem(i);
        QVERIFY(current);
        dialog.results()->setCurrentItem(current);

        QSignalSpy retrieved(&dialog, &app::PacsDialog::studiesRetrieved);
        dialog.retrieveSelected();
        QVERIFY(dialog.busy());
        QVERIFY2(retrieved.wait(30000), qPrintable(dialog.statusText()));
        const QStringList folders = retrieved.first().first().toStringList();
        QCOMPARE(folders.size(), 2);   // the current study, then its prior
        QVERIFY(folders[0].endsWith(QStringLiteral("1.2.826.0.1.3680043.10.1234.9.20240305")));
        QVERIFY(folders[1].endsWith(QStringLiteral("1.2.826.0.1.3680043.10.1234.9.20230301")));
        QCOMPARE(dicomFilesIn(folders[0]), 4);
        QCOMPARE(dicomFilesIn(folders[1]), 3);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("prior")), qPrintable(dialog.statusText()));
    }

    void ourCadReportGoesToThePacsAndCanBeFoundThere()
    {
        // A CAD SR over the current study's images, as Assistant → Send results to PACS writes it.
        std::vector<core::ImageAttributes> images;
        for (const QString& f : QDir(m_uploads.path()).entryList({QStringLiteral("*.dcm")}, QDir::Files)) {
            const auto a = core::readDicomHeader(QDir(m_uploads.path()).filePath(f).toStdString()).attributes;
            if (a.studyDate == "20240305")
                images.push_back(a);
        }
        QCOMPARE(images.size(), std::size_t(4));
        core::Finding mark;
        mark.sopInstanceUid = images.front().sopInstanceUid;
        mark.contour = {{10, 10}, {20, 10}, {20, 18}, {10, 18}};
        mark.box = {10, 10, 10, 8};
        mark.score = 0.9;
        mark.label = "mass";
        QTemporaryDir out;
        core::cad::CadProducer producer;
        producer.algorithmName = "test";
        producer.algorithmVersion = "1";
        const QString sr = out.filePath(QStringLiteral("sr.dcm"));
        core::cad::exportCadResults(images, {mark}, producer, sr.toStdString(), {});

        app::PacsConfiguration configuration;
        configuration.nodes = {m_server->node(kOurAe)};
        configuration.storageDirectory = out.path();
        app::PacsDialog dialog(configuration);
        QSignalSpy stored(&dialog, &app::PacsDialog::storeFinished);
        dialog.storeFiles({sr});
        QVERIFY(stored.wait(20000));
        QVERIFY2(stored.first().at(0).toBool(), qPrintable(stored.first().at(1).toString()));

        core::net::StudyQuery query;
        query.patientId = "PACS-TEST-7";
        query.modality = "SR";
        const auto found = core::net::PacsClient(m_server->node(kOurAe)).findStudies(query);
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(found[0].studyInstanceUid), QStringLiteral("1.2.826.0.1.3680043.10.1234.9.20240305"));
    }

    void aServerThatIsDownGivesAClearErrorAndNothingElse()
    {
        QTemporaryDir storage;
        app::PacsConfiguration configuration;
        core::net::PacsNode down = m_server->node(kOurAe);
        down.port = test::freeTcpPort();   // nobody listens there
        configuration.nodes = {down};
        configuration.storageDirectory = storage.path();
        app::PacsDialog dialog(configuration);
        dialog.show();
        QSignalSpy retrieved(&dialog, &app::PacsDialog::studiesRetrieved);
        dialog.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy(), 20000);
        const QString port = QString::number(down.port);
        QVERIFY2(dialog.statusText().contains(port), qPrintable(dialog.statusText()));
        dialog.search();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.busy(), 20000);
        QVERIFY2(dialog.statusText().contains(port), qPrintable(dialog.statusText()));
        QCOMPARE(dialog.results()->topLevelItemCount(), 0);
        QCOMPARE(retrieved.count(), 0);
        QCOMPARE(QDir(storage.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size(), 0);
    }

private:
    std::unique_ptr<test::OrthancServer> m_server;
    QTemporaryDir m_uploads;
    int m_scpPort = 0;
};

QTEST_MAIN(TestPacsDialog)
#include "test_pacs_dialog.moc"
