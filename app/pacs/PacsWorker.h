#pragma once
// DICOM network work off the GUI thread: a QObject that lives on its own
// QThread (like AiWorker). Requests arrive as queued calls carrying values;
// results and errors leave as signals carrying values. One operation at a
// time; cancel() is thread-safe and stops the running one between
// sub-operations.
#include "PacsMetaTypes.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

namespace mammo::core::net {
class StorageScp;
}

namespace mammo::app {

class PacsWorker : public QObject {
    Q_OBJECT
public:
    explicit PacsWorker(QObject* parent = nullptr);
    ~PacsWorker() override;

    // Thread-safe: the running operation stops at its next sub-operation.
    void cancel() { m_cancel = true; }

public Q_SLOTS:
    void echo(const mammo::core::net::PacsNode& node);
    void findStudies(const mammo::core::net::PacsNode& node, const mammo::core::net::StudyQuery& query);
    // Retrieves the study (C-GET into the configured folder, or C-MOVE to our
    // storage SCP, run for the time of the move) and, when the configuration
    // asks, the newest earlier MG study of the same patient.
    void retrieve(const mammo::app::PacsConfiguration& configuration, const mammo::core::net::StudyRecord& study);
    // C-STORE of files (e.g. our CAD SR and SEG) to the node.
    void store(const mammo::core::net::PacsNode& node, const QStringList& files);

Q_SIGNALS:
    void echoSucceeded(const QString& nodeDescription);
    void studiesFound(const std::vector<mammo::core::net::StudyRecord>& studies);
    void progress(const QString& what, int completed, int remaining, int failed);
    // Folders that hold the retrieved studies (current first, then the prior).
    void retrieved(const QStringList& studyFolders, bool cancelled, const QString& summary);
    void stored(int count, const QStringList& failures);
    // operation: "echo", "find", "retrieve" or "store"; message for the user.
    void failed(const QString& operation, const QString& message);

private:
    // Our storage SCP for C-MOVE, kept listening between moves: a PACS may
    // hold its association open for seconds after the last image, and
    // stopping the SCP would wait for that at every move.
    core::net::StorageScp& storageScp(const PacsConfiguration& configuration, const core::net::PacsNode& node);

    QString retrieveOne(const PacsConfiguration& configuration, const core::net::PacsNode& node,
                        const std::string& studyUid, const QString& what, int* files);
    std::atomic_bool m_cancel{false};
    std::unique_ptr<core::net::StorageScp> m_scp;
    std::string m_scpKey;   // the settings m_scp runs with
};

} // namespace mammo::app
