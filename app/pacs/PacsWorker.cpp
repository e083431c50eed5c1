#include "PacsWorker.h"

#include <core/Error.h>
#include <core/PriorStudy.h>
#include <core/net/PacsClient.h>
#include <core/net/StorageScp.h>

#include <QDir>

namespace mammo::app {

using core::net::PacsClient;
using core::net::PacsNode;

PacsWorker::PacsWorker(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<core::net::PacsNode>();
    qRegisterMetaType<core::net::StudyQuery>();
    qRegisterMetaType<core::net::StudyRecord>();
    qRegisterMetaType<std::vector<core::net::StudyRecord>>();
    qRegisterMetaType<PacsConfiguration>();
}

PacsWorker::~PacsWorker() = default;   // stops and joins the SCP

core::net::StorageScp& PacsWorker::storageScp(const PacsConfiguration& configuration, const PacsNode& node)
{
    const core::net::StorageScpConfig config = configuration.storageScpFor(node);
    std::string key = config.aeTitle + '|' + std::to_string(config.port) + '|' + config.storageDirectory;
    for (const std::string& caller : config.allowedCallingAeTitles)
        key += '|' + caller;
    if (!m_scp || key != m_scpKey || !m_scp->isRunning()) {
        m_scp.reset();   // frees the port before the new one binds it
        m_scp = std::make_unique<core::net::StorageScp>(config);
        m_scp->start();
        m_scpKey = key;
    }
    return *m_scp;
}

void PacsWorker::echo(const PacsNode& node)
{
    try {
        PacsClient(node).echo();
        Q_EMIT echoSucceeded(QString::fromStdString(core::net::describeNode(node)));
    } catch (const std::exception& e) {
        Q_EMIT failed(QStringLiteral("echo"), QString::fromStdString(e.what()));
    }
}

void PacsWorker::findStudies(const PacsNode& node, const core::net::StudyQuery& query)
{
    try {
        Q_EMIT studiesFound(PacsClient(node).findStudies(query));
    } catch (const std::exception& e) {
        Q_EMIT failed(QStringLiteral("find"), QString::fromStdString(e.what()));
    }
}

QString PacsWorker::retrieveOne(const PacsConfiguration& configuration, const PacsNode& node, const std::string& studyUid,
                                const QString& what, int* files)
{
    const auto report = [this, what](int completed, int remaining, int failedCount) {
        Q_EMIT progress(what, completed, remaining, failedCount);
    };
    PacsClient client(node);
    core::net::RetrieveResult result;
    if (configuration.retrieveMethod == RetrieveMethod::Get) {
        result = client.retrieveStudyByGet(studyUid, configuration.storageDirectory.toStdString(), report, &m_cancel);
    } else {
        // Our SCP accepts only this node; it keeps listening for the next move.
        storageScp(configuration, node);
        result = client.retrieveStudyByMove(studyUid, configuration.storageAeTitle.toStdString(), report, &m_cancel);
    }
    *files = int(result.filesWritten.size()) + result.duplicates + (configuration.retrieveMethod == RetrieveMethod::Move ? result.completed : 0);
    if (result.failed > 0 && result.completed == 0 && !result.cancelled)
        throw core::Error(tr("%2: the PACS could not send any of the %1 instances.").arg(result.failed).arg(what).toStdString());
    if (result.cancelled)
        return {};
    return QDir(configuration.storageDirectory).filePath(QString::fromStdString(studyUid));
}

void PacsWorker::retrieve(const PacsConfiguration& configuration, const core::net::StudyRecord& study)
{
    m_cancel = false;
    const PacsNode* node = configuration.current();
    if (!node) {
        Q_EMIT failed(QStringLiteral("retrieve"), tr("No PACS is configured."));
        return;
    }
    try {
        if (!QDir().mkpath(configuration.storageDirectory))
            throw core::Error(tr("Cannot create the folder %1 for retrieved studies.").arg(configuration.storageDirectory).toStdString());
        QStringList folders;
        int files = 0;
        const QString current = retrieveOne(configuration, *node, study.studyInstanceUid, tr("Retrieving the current study"), &files);
        if (current.isEmpty()) {
            Q_EMIT retrieved({}, true, tr("Retrieve cancelled."));
            return;
        }
        folders << current;
        QString summary = tr("Retrieved %n instance(s)", nullptr, files);
        if (configuration.retrievePrior && !study.patientId.empty() && !m_cancel) {
            core::net::StudyQuery priors;
            priors.patientId = study.patientId;
            priors.studyDateTo = study.studyDate;
            priors.modality = "MG";
            const core::net::StudyRecord* prior = nullptr;
            const std::vector<core::net::StudyRecord> found = PacsClient(*node).findStudies(priors);
            for (const core::net::StudyRecord& s : found)
                if (s.studyInstanceUid != study.studyInstanceUid && s.patientId == study.patientId &&
                    core::isEarlierStudy(s.studyDate, s.studyTime, study.studyDate, study.studyTime) &&
                    (!prior || core::isEarlierStudy(prior->studyDate, prior->studyTime, s.studyDate, s.studyTime)))
                    prior = &s;
            if (prior) {
                int priorFiles = 0;
                const QString folder = retrieveOne(configuration, *node, prior->studyInstanceUid, tr("Retrieving the prior study"), &priorFiles);
                if (!folder.isEmpty()) {
                    folders << folder;
                    summary += tr(", and the prior of %1 (%n instance(s))", nullptr, priorFiles)
                                   .arg(QString::fromStdString(prior->studyDate));
                }
            } else {
                summary += tr("; the PACS holds no earlier MG study of this patient");
            }
        }
        Q_EMIT retrieved(folders, bool(m_cancel), summary + QLatin1Char('.'));
    } catch (const std::exception& e) {
        Q_EMIT failed(QStringLiteral("retrieve"), QString::fromStdString(e.what()));
    }
}

void PacsWorker::store(const PacsNode& node, const QStringList& files)
{
    m_cancel = false;
    try {
        std::vector<std::string> paths;
        for (const QString& f : files)
            paths.push_back(f.toStdString());
        const auto report = [this](int completed, int remaining, int failedCount) {
            Q_EMIT progress(tr("Sending to the PACS"), completed, remaining, failedCount);
        };
        const core::net::StoreResult result = PacsClient(node).store(paths, report, &m_cancel);
        QStringList failures;
        for (std::size_t i = 0; i < result.failedFiles.size(); ++i)
            failures << QStringLiteral("%1: %2").arg(QString::fromStdString(result.failedFiles[i]),
                                                     i < result.failureReasons.size() ? QString::fromStdString(result.failureReasons[i]) : QString());
        Q_EMIT stored(int(result.stored.size()), failures);
    } catch (const std::exception& e) {
        Q_EMIT failed(QStringLiteral("store"), QString::fromStdString(e.what()));
    }
}

} // namespace mammo::app
