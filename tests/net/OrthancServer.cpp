#include "OrthancServer.h"

#include "core/Error.h"
#include "core/net/PacsClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <stdexcept>

namespace mammo::test {

int freeTcpPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        throw std::runtime_error("socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot find a free TCP port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

QString orthancExecutable()
{
    const QString fromEnvironment = qEnvironmentVariable("MAMMO_ORTHANC");
    return fromEnvironment.isEmpty() ? QStringLiteral("/usr/sbin/Orthanc") : fromEnvironment;
}

OrthancServer::OrthancServer(OrthancOptions options) : options_(std::move(options))
{
    if (!dir_.isValid())
        throw std::runtime_error("cannot create a temporary folder for Orthanc");
}

OrthancServer::~OrthancServer()
{
    stop();
}

void OrthancServer::start(const std::string& echoCallingAe, int timeoutMs)
{
    if (!QFile::exists(orthancExecutable()))
        throw std::runtime_error("Orthanc is not installed at " + orthancExecutable().toStdString()
                                 + " (scripts/ set-up installs it; MAMMO_ORTHANC points elsewhere)");
    dicomPort_ = freeTcpPort();
    httpPort_ = freeTcpPort();
    while (httpPort_ == dicomPort_)
        httpPort_ = freeTcpPort();

    QJsonObject modalities;
    for (const auto& modality : options_.modalities)
        modalities.insert(QString::fromStdString(modality.name),
                          QJsonArray{QString::fromStdString(modality.aeTitle), QString::fromStdString(modality.host),
                                     modality.port});
    const bool allowAll = !options_.refuseUnknownAeTitles;
    QJsonObject config{
        {"Name", "mammoscope-test"},
        {"StorageDirectory", dir_.filePath("storage")},
        {"IndexDirectory", dir_.filePath("index")},
        {"StorageCompression", false},
        {"Plugins", QJsonArray{}},
        {"HttpServerEnabled", true},
        {"HttpPort", httpPort_},
        {"RemoteAccessAllowed", false},
        {"AuthenticationEnabled", false},
        {"DicomServerEnabled", true},
        {"DicomAet", QString::fromStdString(options_.aeTitle)},
        {"DicomPort", dicomPort_},
        {"DicomModalities", modalities},
        {"DicomAlwaysAllowEcho", allowAll},
        {"DicomAlwaysAllowStore", allowAll},
        {"DicomAlwaysAllowFind", allowAll},
        {"DicomAlwaysAllowGet", allowAll},
        {"DicomAlwaysAllowMove", allowAll},
        {"DicomCheckCalledAet", options_.refuseUnknownAeTitles},
        // Close C-MOVE's outgoing associations at once (default keeps them 5 s).
        {"DicomAssociationCloseDelay", 0},
        {"DicomScuTimeout", 10},
        {"DicomScpTimeout", 10},
        {"SaveJobs", false},
        {"ConcurrentJobs", 1},
    };
    if (!options_.tlsCertificate.empty()) {
        config.insert("DicomTlsEnabled", true);
        config.insert("DicomTlsCertificate", QString::fromStdString(options_.tlsCertificate));
        config.insert("DicomTlsPrivateKey", QString::fromStdString(options_.tlsPrivateKey));
        config.insert("DicomTlsTrustedCertificates", QString::fromStdString(options_.tlsTrustedCertificates));
        config.insert("DicomTlsRemoteCertificateRequired", options_.tlsRemoteCertificateRequired);
    }
    const QString configPath = dir_.filePath("orthanc.json");
    QFile file(configPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(config).toJson()) < 0)
        throw std::runtime_error("cannot write the Orthanc configuration");
    file.close();

    process_ = std::make_unique<QProcess>();
    process_->setProcessChannelMode(QProcess::MergedChannels);
    process_->setStandardOutputFile(dir_.filePath("orthanc.log"));
    process_->setWorkingDirectory(dir_.path());
    // Orthanc as deployed: dcmnet's $TCP_NODELAY switch must not leak in from our environment.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove("TCP_NODELAY");
    process_->setProcessEnvironment(environment);
    // Dies with us even if a test crashes before the destructor runs.
    process_->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    process_->start(orthancExecutable(), {configPath});
    if (!process_->waitForStarted(5000))
        throw std::runtime_error("Orthanc did not start: " + process_->errorString().toStdString());

    core::net::PacsNode probe = node(echoCallingAe);
    probe.connectTimeoutSeconds = 1;
    probe.acseTimeoutSeconds = 2;
    QElapsedTimer timer;
    timer.start();
    std::string lastError;
    while (timer.elapsed() < timeoutMs) {
        try {
            core::net::PacsClient(probe).echo();
            return;
        } catch (const core::Error& error) {
            lastError = error.what();
        }
        // Also the pause between tries; state() is only updated by such calls.
        if (process_->waitForFinished(50) || process_->state() == QProcess::NotRunning)
            throw std::runtime_error("Orthanc exited during start-up:\n" + log().toStdString());
    }
    throw std::runtime_error("Orthanc did not answer C-ECHO within " + std::to_string(timeoutMs) + " ms (" + lastError
                             + "):\n" + log().toStdString());
}

void OrthancServer::stop()
{
    if (!process_)
        return;
    if (process_->state() != QProcess::NotRunning) {
        // Its database is thrown away with the folder: no need for a clean shut-down.
        process_->kill();
        process_->waitForFinished(5000);
    }
    process_.reset();
}

QString OrthancServer::log() const
{
    QFile file(dir_.filePath("orthanc.log"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

core::net::PacsNode OrthancServer::node(const std::string& callingAe) const
{
    core::net::PacsNode node;
    node.name = "Test Orthanc";
    node.calledAeTitle = options_.aeTitle;
    node.host = "127.0.0.1";
    node.port = dicomPort_;
    node.callingAeTitle = callingAe;
    node.connectTimeoutSeconds = 5;
    node.acseTimeoutSeconds = 5;
    node.dimseTimeoutSeconds = 10;
    node.tls = options_.clientTls;
    return node;
}

} // namespace mammo::test
