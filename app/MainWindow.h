#pragma once
#include <core/StudyCatalog.h>

#include <QMainWindow>
#include <QStringList>

#include <memory>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QListWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace mammo::widgets {
class HangingView;
class MammoView;
}

namespace mammo::app {

class StudyLoader;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens files, folders or DICOMDIRs (asynchronously).
    void openPaths(const QStringList& paths);
    // True while headers or images are still being read.
    bool isLoading() const;
    widgets::HangingView* hangingView() const { return m_hanging; }
    QStringList problems() const;

Q_SIGNALS:
    void studyShown();
    void loadingFinished();

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
    void showStudy(const core::StudyEntry& study);
    void populateBrowser();
    void onBrowserItemActivated(QTreeWidgetItem* item);
    void reportProblem(const QString& path, const QString& message, bool isError = true);
    void updateStatus();
    void cyclePreset(int step);
    void checkLoadingFinished();

    widgets::HangingView* m_hanging = nullptr;
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
    QAction* m_linkZoom = nullptr;
    QAction* m_magnifier = nullptr;
    QAction* m_ruler = nullptr;
    QAction* m_overlays = nullptr;
    QString m_lastDirectory;
};

} // namespace mammo::app
