// DICOM TLS against a real Orthanc (label: integration): a throw-away CA,
// server and client certificates made with openssl; C-ECHO, C-STORE and
// C-FIND over TLS; plain TCP and an untrusted CA are refused with a clear error.
#include "core/Error.h"
#include "core/net/PacsClient.h"
#include "net/OrthancServer.h"
#include "support/TestDicom.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mammo;
using core::net::PacsClient;

namespace {

const std::string kOurAe = "MAMMOSCOPE";

// Runs openssl in dir; fails the test with its output when it fails.
bool openssl(const QString& dir, const QStringList& args)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), args);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(args.join(' ')), process.readAll().constData());
        return false;
    }
    return true;
}

// A CA and a certificate it signed for `name` (RSA 2048, SHA-256: BCP 195).
bool makeCertificate(const QString& dir, const QString& name, const QString& ca)
{
    return openssl(dir, {"req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                         "-subj", "/CN=" + name})
        && openssl(dir, {"x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                         "-CAcreateserial", "-sha256", "-days", "2", "-out", name + ".crt"});
}

bool makeCa(const QString& dir, const QString& name)
{
    return openssl(dir, {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2", "-keyout",
                         name + ".key", "-out", name + ".crt", "-subj", "/CN=Mammoscope synthetic test CA " + name});
}

} // namespace

class TestPacsTls : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void echoStoreAndFindOverTls();
    void plainConnectionToTlsPortFails();
    void untrustedServerIsRefused();

private:
    std::string file(const QString& name) const { return dir_.filePath(name).toStdString(); }

    QTemporaryDir dir_;
    std::unique_ptr<test::OrthancServer> orthanc_;
};

void TestPacsTls::initTestCase()
{
    QVERIFY(dir_.isValid());
    QVERIFY(makeCa(dir_.path(), "ca"));
    QVERIFY(makeCertificate(dir_.path(), "orthanc", "ca"));
    QVERIFY(makeCertificate(dir_.path(), "client", "ca"));
    QVERIFY(makeCa(dir_.path(), "otherca"));

    test::OrthancOptions options;
    options.modalities = {{"mammoscope", kOurAe, "127.0.0.1", test::freeTcpPort()}};
    options.tlsCertificate = file("orthanc.crt");
    options.tlsPrivateKey = file("orthanc.key");
    options.tlsTrustedCertificates = file("ca.crt");
    options.tlsRemoteCertificateRequired = true;
    options.clientTls.enabled = true;
    options.clientTls.caCertificateFile = file("ca.crt");
    options.clientTls.certificateFile = file("client.crt");
    options.clientTls.privateKeyFile = file("client.key");
    orthanc_ = std::make_unique<test::OrthancServer>(options);
    try {
        orthanc_->start(kOurAe);   // the readiness C-ECHO already runs over TLS
    } catch (const std::exception& error) {
        QFAIL(error.what());
    }
}

void TestPacsTls::echoStoreAndFindOverTls()
{
    PacsClient client(orthanc_->node(kOurAe));
    client.echo();
    const std::string report = file("report.dcm");
    test::writeTestStructuredReport(report);
    QCOMPARE(client.store({report}).stored.size(), std::size_t(1));
    core::net::StudyQuery query;
    query.patientId = "TEST-1";
    query.modality.clear();
    const auto studies = client.findStudies(query);
    QCOMPARE(studies.size(), std::size_t(1));
    QCOMPARE(studies.front().studyInstanceUid, std::string("1.2.826.0.1.3680043.10.1234.1"));
}

void TestPacsTls::plainConnectionToTlsPortFails()
{
    core::net::PacsNode node = orthanc_->node(kOurAe);
    node.tls = {};
    node.acseTimeoutSeconds = 2;
    try {
        PacsClient(node).echo();
        QFAIL("a plain association to a TLS port succeeded");
    } catch (const core::Error& error) {
        qInfo("%s", error.what());
        QVERIFY2(std::string(error.what()).find("127.0.0.1:" + std::to_string(orthanc_->dicomPort()))
                     != std::string::npos,
                 error.what());
        QVERIFY2(std::string(error.what()).find("require TLS") != std::string::npos, error.what());
    }
}

void TestPacsTls::untrustedServerIsRefused()
{
    core::net::PacsNode node = orthanc_->node(kOurAe);
    node.tls.caCertificateFile = file("otherca.crt");   // Orthanc's certificate is not signed by it
    try {
        PacsClient(node).echo();
        QFAIL("a server with an untrusted certificate was accepted");
    } catch (const core::Error& error) {
        qInfo("%s", error.what());
        QVERIFY2(std::string(error.what()).find("127.0.0.1:" + std::to_string(orthanc_->dicomPort()))
                     != std::string::npos,
                 error.what());
        QVERIFY2(std::string(error.what()).find("certificate could not be verified") != std::string::npos, error.what());
    }
}

QTEST_GUILESS_MAIN(TestPacsTls)
#include "test_pacs_tls.moc"
