#pragma once
#include "PacsMetaTypes.h"

#include <QDialog>
#include <QThread>

#include <vector>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace mammo::app {

class PacsWorker;

// File → Query PACS: test the connection, find studies (name, ID, dates,
// modality), retrieve the chosen one (and its prior) by C-GET or C-MOVE with
// progress and cancel. All network work runs on the dialog's own worker
// thread; the window stays responsive and every failure is shown as text.
class PacsDialog : public QDialog {
    Q_OBJECT
public:
    explicit PacsDialog(PacsConfiguration configuration, QWidget* parent = nullptr);
    ~PacsDialog() override;

    const PacsConfiguration& configuration() const { return m_configuration; }
    void setConfiguration(const PacsConfiguration& configuration);

    // Query keys as typed; for tests and for the "find" button.
    core::net::StudyQuery query() const;
    void setQuery(const core::net::StudyQuery& query);
    QTreeWidget* results() const { return m_results; }
    QString statusText() const;
    bool busy() const { return m_busy; }

    // C-STORE to the current node (our CAD SR and SEG); answered by storeFinished.
    void storeFiles(const QStringList& files);

public Q_SLOTS:
    void testConnection();
    void search();
    void retrieveSelected();
    void cancel();

Q_SIGNALS:
    // Folders of the retrieved studies, current first: the main window opens them.
    void studiesRetrieved(const QStringList& folders);
    void storeFinished(bool ok, const QString& message);
    void configurationChanged(const mammo::app::PacsConfiguration& configuration);

    // To the worker (queued).
    void echoRequested(const mammo::core::net::PacsNode& node);
    void findRequested(const mammo::core::net::PacsNode& node, const mammo::core::net::StudyQuery& query);
    void retrieveRequested(const mammo::app::PacsConfiguration& configuration, const mammo::core::net::StudyRecord& study);
    void storeRequested(const mammo::core::net::PacsNode& node, const QStringList& files);

private:
    void editSettings();
    void refreshNodes();
    void setBusy(bool busy, const QString& message = {});
    void showError(const QString& message);
    void showStudies(const std::vector<core::net::StudyRecord>& studies);
    const core::net::PacsNode* node() const;

    PacsConfiguration m_configuration;
    QThread m_thread;
    PacsWorker* m_worker = nullptr;   // lives on m_thread
    std::vector<core::net::StudyRecord> m_studies;
    bool m_busy = false;
    bool m_storing = false;

    QComboBox* m_nodes = nullptr;
    QLineEdit* m_patientName = nullptr;
    QLineEdit* m_patientId = nullptr;
    QCheckBox* m_useDates = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QLineEdit* m_modality = nullptr;
    QTreeWidget* m_results = nullptr;
    QCheckBox* m_withPrior = nullptr;
    QPushButton* m_search = nullptr;
    QPushButton* m_retrieve = nullptr;
    QPushButton* m_echo = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace mammo::app
