#pragma once
#include <core/Finding.h>
#include <core/Image.h>
#include <core/StudyCatalog.h>

#include <QMainWindow>
#include <QRectF>
#include <QStringList>
#include <QThread>

#include <map>
#include <memory>
#include <set>
#include <vector>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QListWidget;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace mammo::widgets {
class HangingView;
class MammoView;
}

namespace mammo::app {

class AiWorker;
class CadResultsExporter;
class FindingsPanel;
class PacsDialog;
class StudyLoader;
class SyntheticCaseController;
class SyntheticCasePanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens files, folders or DICOMDIRs (asynchronously).
    void openPaths(const QStringList& paths);
    // Current over prior when the open folders hold an earlier MG study of the patient.
    void compareWithPrior();
    // File → Query PACS (created on first use; lives as long as the window).
    PacsDialog* pacsDialog();
    void showPacsDialog();
    // Assistant → Save results as DICOM / Send results to PACS.
    void saveResultsAsDicom();
    void sendResultsToPacs();
    // True while headers or images are still being read.
    bool isLoading() const;
    widgets::HangingView* hangingView() const { return m_hanging; }
    QStringList problems() const;
    // True while the assistant has images of this study still to analyse.
    bool isAnalysing() const { return !m_pendingAnalyses.empty(); }
    FindingsPanel* findingsPanel() const { return m_findingsPanel; }
    // Synthetic cases: the lesion library panel and what drives it.
    SyntheticCasePanel* syntheticCasePanel() const { return m_synthesisPanel; }
    SyntheticCaseController* syntheticCases() const { return m_synthesis; }

Q_SIGNALS:
    void studyShown();
    void loadingFinished();
    void analysisIdle();   // every requested analysis answered, or cancelled
    void assistantModelsReleased();   // the idle assistant gave its models' memory back
    // To the AI worker's thread (queued).
    void analysisRequested(const QString& sopInstanceUid, mammo::core::ImagePtr image);
    void analysisCancelRequested();
    void regionClassificationRequested(const QString& sopInstanceUid, mammo::core::ImagePtr image, const QRectF& box);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void readSettings();
    void writeSettings();
    void openFileDialog();
    void openFolderDialog();
    void showAbout();
    void showShortcuts();
    void onCatalogReady(std::shared_ptr<const core::StudyCatalog> catalog);
    void onReportedFindings(const std::vector<core::Finding>& findings, const QStringList& problems);
    std::vector<core::Finding> assistantFindings() const;
    bool exportResults(const QString& folder);
    void showStudy(const core::StudyEntry& study);
    void populateBrowser();
    void onBrowserItemActivated(QTreeWidgetItem* item);
    void reportProblem(const QString& path, const QString& message, bool isError = true);
    void updateStatus();
    void cyclePreset(int step);
    void checkLoadingFinished();

    // The assistant (AiWorker on m_aiThread, FindingsPanel, status bar progress).
    void createAssistant();
    void createSynthesis();
    void onImageLoaded(core::ImagePtr image);
    void requestAnalysis(const core::ImagePtr& image);
    void analyseStudyNow();
    void cancelAnalysis();
    void onFindingsReady(const QString& sopInstanceUid, const std::vector<core::Finding>& findings);
    void onAnalysisFailed(const QString& sopInstanceUid, const QString& message);
    void onAnalysisProgress(int done, int total);
    void finishAnalysisOf(const QString& sopInstanceUid);
    void updateFindingsPanel();
    void showFinding(const core::Finding& finding);
    void updateDisclaimer();
    void updateTool();
    // Regions the reader draws with the "Classify region" tool.
    void classifyDrawnRegion(const QString& sopInstanceUid, const QRectF& box);
    void onRegionClassified(const QString& sopInstanceUid, const QRectF& box, double malignancy);
    void onRegionClassificationFailed(const QString& sopInstanceUid, const QRectF& box, const QString& message);
    void onClassifierUnavailable(const QString& reason);
    void clearDrawnRegions();

    widgets::HangingView* m_hanging = nullptr;
    PacsDialog* m_pacsDialog = nullptr;
    StudyLoader* m_loader = nullptr;
    std::shared_ptr<const core::StudyCatalog> m_catalog;
    QString m_currentStudyUid;

    QTreeWidget* m_browser = nullptr;
    QListWidget* m_problemList = nullptr;
    QDockWidget* m_browserDock = nullptr;
    QDockWidget* m_problemDock = nullptr;
    QLabel* m_statusPage = nullptr;
    QLabel* m_statusCursor = nullptr;
    QStringList m_problems;

    QActionGroup* m_layoutGroup = nullptr;
    QAction* m_layout1x1 = nullptr;
    QAction* m_layout1x2 = nullptr;
    QAction* m_layout2x2 = nullptr;
    QAction* m_layoutPrior = nullptr;
    QAction* m_linkZoom = nullptr;
    QAction* m_magnifier = nullptr;
    QAction* m_ruler = nullptr;
    QActionGroup* m_toolGroup = nullptr;   // ruler and region drawing: at most one
    QAction* m_overlays = nullptr;
    QString m_lastDirectory;

    QThread m_aiThread;
    AiWorker* m_aiWorker = nullptr;                          // lives on m_aiThread
    FindingsPanel* m_findingsPanel = nullptr;
    QDockWidget* m_findingsDock = nullptr;
    QAction* m_analyseOnOpen = nullptr;
    QAction* m_analyseNow = nullptr;
    QAction* m_cancelAnalysis = nullptr;
    QAction* m_classifyRegion = nullptr;
    QAction* m_clearRegions = nullptr;
    QLabel* m_aiProgress = nullptr;
    QToolButton* m_aiCancelButton = nullptr;
    QLabel* m_statusDisclaimer = nullptr;
    SyntheticCasePanel* m_synthesisPanel = nullptr;
    QDockWidget* m_synthesisDock = nullptr;
    SyntheticCaseController* m_synthesis = nullptr;
    QAction* m_editLesions = nullptr;
    QAction* m_cutLesion = nullptr;   // the next region drawn becomes a library lesion
    std::map<std::string, core::ImagePtr> m_studyImages;      // loaded images of the shown study
    std::map<std::string, std::vector<core::Finding>> m_findings;   // the assistant's results by SOP UID
    std::map<std::string, std::vector<core::Finding>> m_drawnRegions;
    std::map<std::string, std::vector<core::Finding>> m_reportedFindings;   // marks read from CAD SRs, by SOP UID
    CadResultsExporter* m_exporter = nullptr;
    bool m_sendAfterExport = false;
    bool m_pacsConnected = false;   // the reader's classified regions by SOP UID
    std::set<QString> m_pendingAnalyses;                       // asked for, not answered yet
    QString m_lastAiMessage;
    QString m_classifierNote;   // why findings carry no P(malignant); empty when they do
};

} // namespace mammo::app
