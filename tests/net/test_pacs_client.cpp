// Integration tests of core/net against a real Orthanc (label: integration):
// C-ECHO, C-STORE, C-FIND, C-GET, C-MOVE into our StorageScp, failures and
// cancel. Data: the demo study (mini-MIAS, converted) and synthetic files.
#include "core/Error.h"
#include "core/net/PacsClient.h"
#include "core/net/StorageScp.h"
#include "net/OrthancServer.h"
#include "support/TestDicom.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>

using namespace mammo;
using core::net::PacsClient;

namespace {

const std::string kOurAe = "MAMMOSCOPE";
const std::string kStudyP001 = "2.25.167109282651974524324100666065807212996";
const std::string kStudyP002 = "2.25.283631473892288559253472600606015799530";
const std::string kStudyP091 = "2.25.44580331216082940607369814227231550709";

struct DicomFacts {
    std::string sopInstanceUid;
    std::string studyInstanceUid;
    std::string transferSyntax;
    std::vector<Uint8> pixels;   // decoded, little endian
};

// Reads the UIDs and decodes the pixel data with DCMTK (not with our code).
DicomFacts readFacts(const std::string& path)
{
    DcmFileFormat file;
    if (file.loadFile(path.c_str()).bad())
        throw std::runtime_error("cannot read " + path);
    DcmDataset& dataset = *file.getDataset();
    DicomFacts facts;
    OFString value;
    dataset.findAndGetOFString(DCM_SOPInstanceUID, value);
    facts.sopInstanceUid = value.c_str();
    dataset.findAndGetOFString(DCM_StudyInstanceUID, value);
    facts.studyInstanceUid = value.c_str();
    facts.transferSyntax = DcmXfer(dataset.getOriginalXfer()).getXferID();
    if (dataset.chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad())
        throw std::runtime_error("cannot decode " + path);
    DcmElement* element = nullptr;
    if (dataset.findAndGetElement(DCM_PixelData, element).good() && element) {
        Uint8* bytes = nullptr;
        Uint16* words = nullptr;
        if (element->getUint8Array(bytes).good() && bytes)
            facts.pixels.assign(bytes, bytes + element->getLength());
        else if (element->getUint16Array(words).good() && words)
            facts.pixels.assign(reinterpret_cast<Uint8*>(words), reinterpret_cast<Uint8*>(words) + element->getLength());
    }
    return facts;
}

std::vector<std::string> demoFiles()
{
    std::vector<std::string> files;
    const QDir dir(QStringLiteral(MAMMO_SOURCE_DIR "/resources/demo"));
    for (const QString& name : dir.entryList({"*.dcm"}, QDir::Files, QDir::Name))
        files.push_back(dir.filePath(name).toStdString());
    return files;
}

// Files under dir (recursively), temporary ones included.
QStringList allFiles(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

std::set<std::string> studyUids(const std::vector<core::net::StudyRecord>& studies)
{
    std::set<std::string> uids;
    for (const auto& study : studies)
        uids.insert(study.studyInstanceUid);
    return uids;
}

// Writes a synthetic MG file, then sets what TestImageSpec does not cover.
std::string writeSynthetic(const QString& dir, const std::string& name, const test::TestImageSpec& spec,
                           const std::string& studyDate)
{
    const std::string path = QDir(dir).filePath(QString::fromStdString(name)).toStdString();
    test::writeTestImage(path, spec);
    DcmFileFormat file;
    file.loadFile(path.c_str());
    file.getDataset()->putAndInsertString(DCM_StudyDate, studyDate.c_str());
    file.getDataset()->putAndInsertString(DCM_PatientName, spec.patientName.c_str());
    if (file.saveFile(path.c_str(), EXS_LittleEndianExplicit).bad())
        throw std::runtime_error("cannot save " + path);
    return path;
}

} // namespace

class TestPacsClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void echoAnswers();
    void findByPatientId();
    void findByNameWildcard();
    void findByDateRange();
    void findByModality();
    void findPatients();
    void getStudyBringsIdenticalInstances();
    void getStudyTwiceKeepsExistingFiles();
    void moveStudyToOurScp();
    void storeReportAndFindIt();
    void serverDownGivesClearError();
    void silentServerTimesOut();
    void unknownMoveDestinationIsNamed();
    void callingAeRefusedIsNamed();
    void calledAeRefusedIsNamed();
    void invalidSettingsAreRefused();
    void scpRefusesUnknownCaller();
    void scpNeverOverwritesAndLeavesNoTempFiles();
    void scpStopsPromptlyAndRestarts();
    void cancelStopsGet();
    void cancelStopsMove();

private:
    PacsClient client() const { return PacsClient(orthanc_->node(kOurAe)); }
    void uploadCancelStudy();

    std::unique_ptr<QTemporaryDir> work_;
    std::unique_ptr<test::OrthancServer> orthanc_;
    std::unique_ptr<core::net::StorageScp> scp_;
    int scpPort_ = 0;
    std::mutex receivedMutex_;
    std::vector<core::net::ReceivedInstance> received_;
    std::map<std::string, DicomFacts> originals_;   // by SOP Instance UID
    std::string cancelStudyUid_;
    int cancelStudySize_ = 0;
};

void TestPacsClient::initTestCase()
{
    work_ = std::make_unique<QTemporaryDir>();
    QVERIFY(work_->isValid());
    scpPort_ = test::freeTcpPort();

    core::net::StorageScpConfig scpConfig;
    scpConfig.aeTitle = kOurAe;
    scpConfig.port = scpPort_;
    scpConfig.storageDirectory = work_->filePath("scp").toStdString();
    scpConfig.allowedCallingAeTitles = {"ORTHANC", "SCPTEST"};
    scp_ = std::make_unique<core::net::StorageScp>(scpConfig, [this](const core::net::ReceivedInstance& instance) {
        std::lock_guard<std::mutex> lock(receivedMutex_);
        received_.push_back(instance);
    });
    scp_->start();
    QVERIFY(scp_->isRunning());

    test::OrthancOptions options;
    options.modalities = {{"mammoscope", kOurAe, "127.0.0.1", scpPort_}};
    orthanc_ = std::make_unique<test::OrthancServer>(options);
    QElapsedTimer timer;
    timer.start();
    try {
        orthanc_->start(kOurAe);
    } catch (const std::exception& error) {
        QFAIL(error.what());
    }
    qInfo("Orthanc up in %lld ms", static_cast<long long>(timer.elapsed()));

    // Upload the demo study with our C-STORE.
    const auto files = demoFiles();
    QCOMPARE(files.size(), std::size_t(6));
    for (const auto& path : files) {
        DicomFacts facts = readFacts(path);
        originals_[facts.sopInstanceUid] = std::move(facts);
    }
    int lastCompleted = -1;
    int lastRemaining = -1;
    const auto result = client().store(files, [&](int completed, int remaining, int failed) {
        QCOMPARE(failed, 0);
        lastCompleted = completed;
        lastRemaining = remaining;
    });
    QCOMPARE(result.stored.size(), std::size_t(6));
    QVERIFY(result.failedFiles.empty());
    QVERIFY(!result.cancelled);
    QCOMPARE(lastCompleted, 6);
    QCOMPARE(lastRemaining, 0);
}

void TestPacsClient::cleanupTestCase()
{
    orthanc_.reset();
    scp_.reset();
}

void TestPacsClient::echoAnswers()
{
    client().echo();
}

void TestPacsClient::findByPatientId()
{
    core::net::StudyQuery query;
    query.patientId = "MIAS-P001";
    const auto studies = client().findStudies(query);
    QCOMPARE(studies.size(), std::size_t(1));
    const auto& study = studies.front();
    QCOMPARE(study.studyInstanceUid, kStudyP001);
    QCOMPARE(study.patientId, std::string("MIAS-P001"));
    QCOMPARE(study.patientName, std::string("MIAS^P001"));
    QCOMPARE(study.numberOfInstances, 2);
    QCOMPARE(study.modalitiesInStudy, std::vector<std::string>{"MG"});
}

void TestPacsClient::findByNameWildcard()
{
    core::net::StudyQuery query;
    query.patientName = "MIAS^P00*";
    QCOMPARE(studyUids(client().findStudies(query)), (std::set<std::string>{kStudyP001, kStudyP002}));
    query.patientName = "MIAS^P09?";
    QCOMPARE(studyUids(client().findStudies(query)), (std::set<std::string>{kStudyP091}));
    query.patientName = "NOBODY*";
    QVERIFY(client().findStudies(query).empty());
}

void TestPacsClient::findByDateRange()
{
    // A synthetic dated study (the demo studies carry no date).
    test::TestImageSpec spec;
    spec.patientId = "SYNTH-DATED";
    spec.patientName = "Synthetic^Dated";
    spec.studyUid = "1.2.826.0.1.3680043.10.1234.7";
    spec.seriesUid = spec.studyUid + ".1";
    spec.sopUid = spec.studyUid + ".1.1";
    const std::string path = writeSynthetic(work_->path(), "dated.dcm", spec, "20190315");
    QCOMPARE(client().store({path}).stored.size(), std::size_t(1));

    core::net::StudyQuery query;
    query.studyDateFrom = "20190301";
    query.studyDateTo = "20190331";
    auto studies = client().findStudies(query);
    QCOMPARE(studyUids(studies), (std::set<std::string>{spec.studyUid}));
    QCOMPARE(studies.front().studyDate, std::string("20190315"));

    query.studyDateFrom = "20180101";
    query.studyDateTo = "20181231";
    QVERIFY(studyUids(client().findStudies(query)).count(spec.studyUid) == 0);

    query.studyDateFrom = "20190315";   // open end
    query.studyDateTo.clear();
    QVERIFY(studyUids(client().findStudies(query)).count(spec.studyUid) == 1);

    query.studyDateFrom.clear();        // open start
    query.studyDateTo = "20190314";
    QVERIFY(studyUids(client().findStudies(query)).count(spec.studyUid) == 0);

    query.studyDateTo = "2019-03-14";
    QVERIFY_THROWS_EXCEPTION(core::Error, client().findStudies(query));
}

void TestPacsClient::findByModality()
{
    core::net::StudyQuery query;
    query.patientName = "MIAS^*";
    query.modality = "MG";
    QCOMPARE(studyUids(client().findStudies(query)), (std::set<std::string>{kStudyP001, kStudyP002, kStudyP091}));
    query.modality = "CT";
    QVERIFY(client().findStudies(query).empty());
}

void TestPacsClient::findPatients()
{
    core::net::PatientQuery query;
    query.patientId = "MIAS-P091";
    const auto patients = client().findPatients(query);
    QCOMPARE(patients.size(), std::size_t(1));
    QCOMPARE(patients.front().patientName, std::string("MIAS^P091"));
    QCOMPARE(patients.front().numberOfStudies, 1);

    query.patientId.clear();
    query.patientName = "MIAS^P00*";
    QCOMPARE(client().findPatients(query).size(), std::size_t(2));
}

void TestPacsClient::getStudyBringsIdenticalInstances()
{
    QTemporaryDir destination;
    std::vector<std::array<int, 3>> progress;
    const auto result = client().retrieveStudyByGet(kStudyP001, destination.path().toStdString(),
                                                    [&](int completed, int remaining, int failed) {
                                                        progress.push_back({completed, remaining, failed});
                                                    });
    QCOMPARE(result.filesWritten.size(), std::size_t(2));
    QCOMPARE(result.completed, 2);
    QCOMPARE(result.failed, 0);
    QCOMPARE(result.duplicates, 0);
    QVERIFY(!result.cancelled);
    QVERIFY(!progress.empty());
    QCOMPARE(progress.back(), (std::array<int, 3>{2, 0, 0}));

    std::set<std::string> seen;
    for (const auto& path : result.filesWritten) {
        const DicomFacts got = readFacts(path);
        QVERIFY(originals_.count(got.sopInstanceUid));
        const DicomFacts& original = originals_.at(got.sopInstanceUid);
        QCOMPARE(got.studyInstanceUid, kStudyP001);
        QCOMPARE(QString::fromStdString(path),
                 destination.filePath(QString::fromStdString(kStudyP001 + "/" + got.sopInstanceUid + ".dcm")));
        QCOMPARE(got.transferSyntax, original.transferSyntax);   // sent as stored: JPEG lossless
        QVERIFY(!got.pixels.empty());
        QVERIFY(got.pixels == original.pixels);
        seen.insert(got.sopInstanceUid);
    }
    QCOMPARE(seen.size(), std::size_t(2));
    QCOMPARE(allFiles(destination.path()).size(), 2);   // no temporary files left
}

void TestPacsClient::getStudyTwiceKeepsExistingFiles()
{
    QTemporaryDir destination;
    const auto first = client().retrieveStudyByGet(kStudyP002, destination.path().toStdString());
    QCOMPARE(first.filesWritten.size(), std::size_t(2));
    const auto second = client().retrieveStudyByGet(kStudyP002, destination.path().toStdString());
    QCOMPARE(second.filesWritten.size(), std::size_t(0));
    QCOMPARE(second.duplicates, 2);
    QCOMPARE(allFiles(destination.path()).size(), 2);
}

void TestPacsClient::moveStudyToOurScp()
{
    {
        std::lock_guard<std::mutex> lock(receivedMutex_);
        received_.clear();
    }
    const auto before = scp_->counters();
    const auto result = client().retrieveStudyByMove(kStudyP091, kOurAe);
    QCOMPARE(result.completed, 2);
    QCOMPARE(result.failed, 0);
    QVERIFY(result.filesWritten.empty());
    QCOMPARE(scp_->counters().received - before.received, 2);

    std::vector<core::net::ReceivedInstance> received;
    {
        std::lock_guard<std::mutex> lock(receivedMutex_);
        received = received_;
    }
    QCOMPARE(received.size(), std::size_t(2));
    for (const auto& instance : received) {
        QCOMPARE(instance.callingAeTitle, std::string("ORTHANC"));
        QVERIFY(!instance.duplicate);
        QCOMPARE(instance.studyInstanceUid, kStudyP091);
        const QString expected = work_->filePath(QString::fromStdString("scp/" + kStudyP091 + "/"
                                                                          + instance.sopInstanceUid + ".dcm"));
        QCOMPARE(QString::fromStdString(instance.path), expected);
        const DicomFacts got = readFacts(instance.path);
        QCOMPARE(got.sopInstanceUid, instance.sopInstanceUid);
        QVERIFY(originals_.count(got.sopInstanceUid));
        QCOMPARE(got.transferSyntax, originals_.at(got.sopInstanceUid).transferSyntax);
        QVERIFY(got.pixels == originals_.at(got.sopInstanceUid).pixels);
    }
    QCOMPARE(allFiles(work_->filePath(QString::fromStdString("scp/" + kStudyP091))).size(), 2);
}

void TestPacsClient::storeReportAndFindIt()
{
    const std::string path = work_->filePath("report.dcm").toStdString();
    test::writeTestStructuredReport(path);
    const auto result = client().store({path});
    QCOMPARE(result.stored, std::vector<std::string>{path});

    core::net::StudyQuery query;
    query.patientId = "TEST-1";
    query.modality.clear();
    const auto studies = client().findStudies(query);
    QCOMPARE(studies.size(), std::size_t(1));
    QCOMPARE(studies.front().studyInstanceUid, std::string("1.2.826.0.1.3680043.10.1234.1"));
    const auto& modalities = studies.front().modalitiesInStudy;
    QVERIFY(std::find(modalities.begin(), modalities.end(), "SR") != modalities.end());

    query.modality = "MG";   // the report's study has no MG image
    QVERIFY(client().findStudies(query).empty());
}

void TestPacsClient::serverDownGivesClearError()
{
    core::net::PacsNode node = orthanc_->node(kOurAe);
    node.port = test::freeTcpPort();   // nobody listens there
    const std::string where = "127.0.0.1:" + std::to_string(node.port);
    try {
        PacsClient(node).echo();
        QFAIL("echo to a closed port did not throw");
    } catch (const core::Error& error) {
        const std::string message = error.what();
        qInfo("%s", message.c_str());
        QVERIFY2(message.find(where) != std::string::npos, message.c_str());
        QVERIFY2(message.find("refused") != std::string::npos, message.c_str());
        QVERIFY2(message.find("ORTHANC") != std::string::npos, message.c_str());
    }
    QTemporaryDir destination;
    try {
        PacsClient(node).retrieveStudyByGet(kStudyP001, destination.path().toStdString());
        QFAIL("C-GET from a closed port did not throw");
    } catch (const core::Error& error) {
        QVERIFY2(std::string(error.what()).find(where) != std::string::npos, error.what());
        QVERIFY2(std::string(error.what()).find("MIAS") == std::string::npos, error.what());
    }
    QVERIFY(allFiles(destination.path()).isEmpty());
}

void TestPacsClient::silentServerTimesOut()
{
    // A port that accepts TCP connections (the kernel does) but never answers.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    QVERIFY(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    QVERIFY(::listen(fd, 4) == 0);
    QVERIFY(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    core::net::PacsNode node = orthanc_->node(kOurAe);
    node.port = ntohs(address.sin_port);
    node.acseTimeoutSeconds = 1;
    QElapsedTimer timer;
    timer.start();
    try {
        PacsClient(node).echo();
        ::close(fd);
        QFAIL("a silent server did not time out");
    } catch (const core::Error& error) {
        ::close(fd);
        qInfo("%s", error.what());
        QVERIFY2(std::string(error.what()).find("within 1 s") != std::string::npos, error.what());
        QVERIFY2(std::string(error.what()).find("127.0.0.1:" + std::to_string(node.port)) != std::string::npos,
                 error.what());
    }
    QVERIFY(timer.elapsed() < 5000);
}

void TestPacsClient::unknownMoveDestinationIsNamed()
{
    try {
        client().retrieveStudyByMove(kStudyP001, "NOWHERE");
        QFAIL("a C-MOVE to an unknown destination succeeded");
    } catch (const core::Error& error) {
        qInfo("%s", error.what());
        // Orthanc 1.10 answers 0xC000 rather than 0xA801: the message names the destination either way.
        QVERIFY2(std::string(error.what()).find("destination AE title 'NOWHERE'") != std::string::npos, error.what());
    }
}

void TestPacsClient::callingAeRefusedIsNamed()
{
    try {
        PacsClient(orthanc_->node("STRANGER")).echo();
        QFAIL("an unknown calling AE was accepted");
    } catch (const core::Error& error) {
        const std::string message = error.what();
        qInfo("%s", message.c_str());
        QVERIFY2(message.find("refused our calling AE title 'STRANGER'") != std::string::npos, message.c_str());
        QVERIFY2(message.find("127.0.0.1:" + std::to_string(orthanc_->dicomPort())) != std::string::npos,
                 message.c_str());
    }
}

void TestPacsClient::calledAeRefusedIsNamed()
{
    core::net::PacsNode node = orthanc_->node(kOurAe);
    node.calledAeTitle = "NOTORTHANC";
    try {
        core::net::StudyQuery query;
        PacsClient(node).findStudies(query);
        QFAIL("a wrong called AE was accepted");
    } catch (const core::Error& error) {
        const std::string message = error.what();
        qInfo("%s", message.c_str());
        QVERIFY2(message.find("does not recognise the called AE title 'NOTORTHANC'") != std::string::npos,
                 message.c_str());
    }
}

void TestPacsClient::invalidSettingsAreRefused()
{
    core::net::PacsNode node = orthanc_->node(kOurAe);
    node.callingAeTitle = "WAY-TOO-LONG-AE-TITLE";
    QVERIFY_THROWS_EXCEPTION(core::Error, PacsClient{node});
    node = orthanc_->node(kOurAe);
    node.calledAeTitle = "BACK\\SLASH";
    QVERIFY_THROWS_EXCEPTION(core::Error, PacsClient{node});
    node = orthanc_->node(kOurAe);
    node.port = 70000;
    QVERIFY_THROWS_EXCEPTION(core::Error, PacsClient{node});
    QVERIFY_THROWS_EXCEPTION(core::Error, client().retrieveStudyByGet("../../etc", work_->path().toStdString()));
}

void TestPacsClient::scpRefusesUnknownCaller()
{
    core::net::PacsNode node;
    node.calledAeTitle = kOurAe;
    node.host = "127.0.0.1";
    node.port = scpPort_;
    node.callingAeTitle = "INTRUDER";
    const int rejectedBefore = scp_->counters().rejectedAssociations;
    try {
        PacsClient(node).echo();
        QFAIL("our SCP accepted an unknown caller");
    } catch (const core::Error& error) {
        QVERIFY2(std::string(error.what()).find("refused our calling AE title 'INTRUDER'") != std::string::npos,
                 error.what());
    }
    // At least one: after a rejection the client asks once more, for the reason.
    QVERIFY(scp_->counters().rejectedAssociations > rejectedBefore);

    node.callingAeTitle = "SCPTEST";
    PacsClient(node).echo();   // a configured caller gets through
    node.calledAeTitle = "SOMEONEELSE";
    QVERIFY_THROWS_EXCEPTION(core::Error, PacsClient(node).echo());
}

void TestPacsClient::scpNeverOverwritesAndLeavesNoTempFiles()
{
    const auto files = demoFiles();   // mdb003 + mdb004: study P002
    const std::string existingSop = readFacts(files[2]).sopInstanceUid;
    const QString studyDir = work_->filePath(QString::fromStdString("scp/" + kStudyP002));
    QVERIFY(QDir().mkpath(studyDir));
    const QString existingPath = studyDir + "/" + QString::fromStdString(existingSop) + ".dcm";
    {
        QFile existing(existingPath);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("kept as it was");
    }

    {
        std::lock_guard<std::mutex> lock(receivedMutex_);
        received_.clear();
    }
    const auto before = scp_->counters();
    core::net::PacsNode node;
    node.calledAeTitle = kOurAe;
    node.host = "127.0.0.1";
    node.port = scpPort_;
    node.callingAeTitle = "SCPTEST";
    const auto result = PacsClient(node).store({files[2], files[3]});
    QCOMPARE(result.stored.size(), std::size_t(2));   // a duplicate still answers success
    QVERIFY(result.failedFiles.empty());

    const auto after = scp_->counters();
    QCOMPARE(after.duplicates - before.duplicates, 1);
    QCOMPARE(after.received - before.received, 1);
    QFile existing(existingPath);
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("kept as it was"));
    {
        std::lock_guard<std::mutex> lock(receivedMutex_);
        QCOMPARE(received_.size(), std::size_t(2));
        QCOMPARE(std::count_if(received_.begin(), received_.end(), [](const auto& r) { return r.duplicate; }), 1L);
    }
    const QStringList all = allFiles(studyDir);
    QCOMPARE(all.size(), 2);
    for (const QString& path : all)
        QVERIFY2(path.endsWith(".dcm") && !QFileInfo(path).fileName().startsWith('.'), qPrintable(path));
}

void TestPacsClient::scpStopsPromptlyAndRestarts()
{
    QElapsedTimer timer;
    timer.start();
    scp_->stop();
    QVERIFY2(timer.elapsed() < 900, qPrintable(QString::number(timer.elapsed())));   // woken, not polled
    QVERIFY(!scp_->isRunning());
    core::net::PacsNode node;
    node.calledAeTitle = kOurAe;
    node.host = "127.0.0.1";
    node.port = scpPort_;
    node.callingAeTitle = "SCPTEST";
    QVERIFY_THROWS_EXCEPTION(core::Error, PacsClient(node).echo());
    scp_->start();
    QVERIFY(scp_->isRunning());
    PacsClient(node).echo();
}

void TestPacsClient::uploadCancelStudy()
{
    if (!cancelStudyUid_.empty())
        return;
    // A synthetic study of small instances, enough sub-operations to cancel in between.
    cancelStudyUid_ = "1.2.826.0.1.3680043.10.1234.8";
    cancelStudySize_ = 12;
    std::vector<std::string> paths;
    QDir().mkpath(work_->filePath("cancel-src"));
    for (int i = 0; i < cancelStudySize_; ++i) {
        test::TestImageSpec spec;
        spec.patientId = "SYNTH-CANCEL";
        spec.patientName = "Synthetic^Cancel";
        spec.studyUid = cancelStudyUid_;
        spec.seriesUid = cancelStudyUid_ + ".1";
        spec.sopUid = cancelStudyUid_ + ".1." + std::to_string(i + 1);
        paths.push_back(writeSynthetic(work_->filePath("cancel-src"), "c" + std::to_string(i) + ".dcm", spec, "20200101"));
    }
    const auto result = client().store(paths);
    QCOMPARE(result.stored.size(), paths.size());
}

void TestPacsClient::cancelStopsGet()
{
    uploadCancelStudy();
    QTemporaryDir destination;
    std::atomic_bool cancel{true};
    // Cancelled before it starts: nothing happens.
    auto result = client().retrieveStudyByGet(cancelStudyUid_, destination.path().toStdString(), {}, &cancel);
    QVERIFY(result.cancelled);
    QVERIFY(allFiles(destination.path()).isEmpty());

    cancel = false;
    result = client().retrieveStudyByGet(cancelStudyUid_, destination.path().toStdString(),
                                         [&](int completed, int, int) {
                                             if (completed >= 1)
                                                 cancel = true;
                                         },
                                         &cancel);
    QVERIFY(result.cancelled);
    QVERIFY2(!result.filesWritten.empty() && int(result.filesWritten.size()) < cancelStudySize_,
             qPrintable(QString::number(result.filesWritten.size())));
    const QStringList files = allFiles(destination.path());
    QCOMPARE(files.size(), int(result.filesWritten.size()));   // complete files only, no temporaries
    for (const auto& path : result.filesWritten)
        QCOMPARE(readFacts(path).studyInstanceUid, cancelStudyUid_);

    // The association was cleanly ended: the server still answers.
    client().echo();
}

void TestPacsClient::cancelStopsMove()
{
    uploadCancelStudy();
    const auto before = scp_->counters();
    std::atomic_bool cancel{false};
    const auto result = client().retrieveStudyByMove(cancelStudyUid_, kOurAe,
                                                     [&](int completed, int, int) {
                                                         if (completed >= 1)
                                                             cancel = true;
                                                     },
                                                     &cancel);
    QVERIFY(result.cancelled);
    QVERIFY(result.completed < cancelStudySize_);
    // Orthanc ends the move when our association goes away; give its last
    // sub-operation a moment, then check it did not go on to the end.
    QTest::qWait(500);
    const int arrived = scp_->counters().received - before.received;
    QVERIFY2(arrived >= 1 && arrived < cancelStudySize_, qPrintable(QString::number(arrived)));
    client().echo();
}

QTEST_GUILESS_MAIN(TestPacsClient)
#include "test_pacs_client.moc"
