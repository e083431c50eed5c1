#pragma once
#include <core/Finding.h>
#include <core/Image.h>
#include <core/StudyCatalog.h>

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QThreadPool>

#include <memory>

namespace mammo::app {

// Reads headers and decodes images off the GUI thread. Results come back as
// queued signals carrying values; a scan started later supersedes an earlier one.
class StudyLoader : public QObject {
    Q_OBJECT
public:
    explicit StudyLoader(QObject* parent = nullptr);
    ~StudyLoader() override;

    // Scans files, folders and DICOMDIRs; emits catalogReady.
    void scan(const QStringList& paths);
    // Decodes these files (each at most once until it finishes); emits imageLoaded or imageFailed.
    void load(const QStringList& filePaths);
    bool busy() const;
    void waitForDone();

Q_SIGNALS:
    void catalogReady(std::shared_ptr<const mammo::core::StudyCatalog> catalog);
    // After catalogReady: the marks of the CAD SRs found by the scan (each
    // keyed by the SOP Instance UID it refers to), and SRs that could not be read.
    void reportedFindingsRead(const std::vector<mammo::core::Finding>& findings, const QStringList& problems);
    void imageLoaded(mammo::core::ImagePtr image);
    void imageFailed(const QString& filePath, const QString& message);

private:
    void releaseDecodeMemory();
    QThreadPool m_pool;
    QSet<QString> m_inFlight;
    int m_scanGeneration = 0;
    int m_pendingScans = 0;
};

} // namespace mammo::app
