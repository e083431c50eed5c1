#include "MainWindow.h"

#include "AboutDialog.h"
#include "AiWorker.h"
#include "CadResultsExporter.h"
#include "FindingsPanel.h"
#include "ModelsDirectory.h"
#include "StudyLoader.h"
#include "pacs/PacsDialog.h"
#include "synthesis/SyntheticCaseController.h"
#include "synthesis/SyntheticCasePanel.h"

#include <widgets/HangingView.h>
#include <widgets/MammoView.h>

#include <core/Measurement.h>
#include <core/PriorStudy.h>
#include <core/ViewCodes.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>

#include <algorithm>
#include <limits>

namespace mammo::app {
namespace {

constexpr int kUidRole = Qt::UserRole + 1;

QString personName(const std::string& name)
{
    QString text = QString::fromStdString(name);
    text.replace(QLatin1Char('^'), QStringLiteral(", "));
    return text.isEmpty() ? MainWindow::tr("(no name)") : text;
}

QString dicomDate(const std::string& date)
{
    if (date.size() != 8)
        return QString::fromStdString(date);
    return QStringLiteral("%1-%2-%3").arg(QString::fromStdString(date.substr(0, 4)), QString::fromStdString(date.substr(4, 2)),
                                          QString::fromStdString(date.substr(6, 2)));
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Mammoscope"));
    setAcceptDrops(true);
    m_hanging = new widgets::HangingView(this);
    setCentralWidget(m_hanging);
    m_loader = new StudyLoader(this);

    connect(m_loader, &StudyLoader::catalogReady, this, &MainWindow::onCatalogReady);
    connect(m_loader, &StudyLoader::reportedFindingsRead, this, &MainWindow::onReportedFindings);
    connect(m_loader, &StudyLoader::imageLoaded, this, &MainWindow::onImageLoaded);
    connect(m_loader, &StudyLoader::imageFailed, this, [this](const QString& path, const QString& message) {
        reportProblem(path, message);
        // Tell the cell that was waiting for this file why it stays empty.
        if (m_catalog)
            for (const auto& patient : m_catalog->patients())
                for (const auto& study : patient.studies)
                    for (const auto& image : study.allImages())
                        if (QString::fromStdString(image.filePath) == path)
                            m_hanging->setImageError(QString::fromStdString(image.sopInstanceUid), message);
        checkLoadingFinished();
    });
    connect(m_hanging, &widgets::HangingView::imagesNeeded, m_loader, &StudyLoader::load);
    connect(m_hanging, &widgets::HangingView::pageChanged, this, &MainWindow::updateStatus);
    connect(m_hanging, &widgets::HangingView::activeViewChanged, this, &MainWindow::updateStatus);

    createActions();
    createDocks();
    createAssistant();
    createSynthesis();
    createMenus();
    m_statusPage = new QLabel(this);
    m_statusCursor = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusDisclaimer);
    statusBar()->addPermanentWidget(m_aiProgress);
    statusBar()->addPermanentWidget(m_aiCancelButton);
    statusBar()->addPermanentWidget(m_statusCursor);
    statusBar()->addPermanentWidget(m_statusPage);
    readSettings();
    updateStatus();
    if (m_analyseOnOpen->isChecked())
        QMetaObject::invokeMethod(m_aiWorker, &AiWorker::prepare, Qt::QueuedConnection);
}

MainWindow::~MainWindow()
{
    // The synthetic-case controller uses the panel and the views: it goes before them.
    delete m_synthesis;
    m_synthesis = nullptr;
    // No thread outlives its owner: drop the worker's queue, wait for an analysis in progress.
    m_aiWorker->stop();
    m_aiThread.quit();
    m_aiThread.wait();   // the worker was deleted on its thread as it finished
    m_aiWorker = nullptr;
}

void MainWindow::createActions()
{
    m_layoutGroup = new QActionGroup(this);
    auto layoutAction = [this](const QString& text, const QKeySequence& key, core::HangingLayout layout) {
        QAction* action = m_layoutGroup->addAction(text);
        action->setCheckable(true);
        action->setShortcut(key);
        connect(action, &QAction::triggered, this, [this, layout] { m_hanging->setHangingLayout(layout); });
        return action;
    };
    m_layout1x1 = layoutAction(tr("Layout 1×1"), QKeySequence(Qt::Key_1), core::HangingLayout::Single);
    m_layout1x2 = layoutAction(tr("Layout 1×2"), QKeySequence(Qt::Key_2), core::HangingLayout::SideBySide);
    m_layout2x2 = layoutAction(tr("Layout 2×2"), QKeySequence(Qt::Key_4), core::HangingLayout::Quad);
    m_layout2x2->setChecked(true);
    // Comparison is one more hanging: choosing a plain layout ends it.
    m_layoutPrior = m_layoutGroup->addAction(tr("Compare with prior"));
    m_layoutPrior->setCheckable(true);
    m_layoutPrior->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_P));
    m_layoutPrior->setEnabled(false);
    connect(m_layoutPrior, &QAction::triggered, this, &MainWindow::compareWithPrior);

    m_linkZoom = new QAction(tr("Link zoom across views"), this);
    m_linkZoom->setCheckable(true);
    m_linkZoom->setChecked(true);
    m_linkZoom->setShortcut(QKeySequence(Qt::Key_L));
    connect(m_linkZoom, &QAction::toggled, m_hanging, &widgets::HangingView::setLinkedZoom);

    m_magnifier = new QAction(tr("Magnifier"), this);
    m_magnifier->setCheckable(true);
    m_magnifier->setShortcut(QKeySequence(Qt::Key_G));
    connect(m_magnifier, &QAction::toggled, m_hanging, &widgets::HangingView::setMagnifierEnabled);

    m_ruler = new QAction(tr("Distance ruler"), this);
    m_ruler->setCheckable(true);
    m_ruler->setShortcut(QKeySequence(Qt::Key_M));
    connect(m_ruler, &QAction::toggled, this, &MainWindow::updateTool);
    // The left drag measures or draws a region to classify, or pans when neither is on.
    m_toolGroup = new QActionGroup(this);
    m_toolGroup->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    m_toolGroup->addAction(m_ruler);

    m_overlays = new QAction(tr("Show findings"), this);
    m_overlays->setCheckable(true);
    m_overlays->setChecked(true);
    m_overlays->setShortcut(QKeySequence(Qt::Key_O));
    connect(m_overlays, &QAction::toggled, m_hanging, &widgets::HangingView::setShowOverlays);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open File…"), QKeySequence::Open, this, &MainWindow::openFileDialog);
    file->addAction(tr("Open &Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, &MainWindow::openFolderDialog);
    file->addAction(tr("Query &PACS…"), QKeySequence(Qt::CTRL | Qt::Key_K), this, &MainWindow::showPacsDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_layout1x1);
    view->addAction(m_layout1x2);
    view->addAction(m_layout2x2);
    view->addAction(m_layoutPrior);
    view->addSeparator();
    view->addAction(tr("Next page"), QKeySequence(Qt::Key_N), this, [this] { m_hanging->setPage(m_hanging->page() + 1); });
    view->addAction(tr("Previous page"), QKeySequence(Qt::Key_P), this, [this] { m_hanging->setPage(m_hanging->page() - 1); });
    view->addSeparator();
    view->addAction(tr("Fit to view"), QKeySequence(Qt::Key_F), this,
                    [this] { m_hanging->setZoomMode(widgets::MammoView::ZoomMode::Fit); });
    view->addAction(tr("1:1 pixels"), QKeySequence(Qt::Key_0), this,
                    [this] { m_hanging->setZoomMode(widgets::MammoView::ZoomMode::Pixel); });
    view->addAction(tr("True size (mm)"), QKeySequence(Qt::Key_T), this,
                    [this] { m_hanging->setZoomMode(widgets::MammoView::ZoomMode::TrueSize); });
    view->addAction(m_linkZoom);
    view->addSeparator();
    view->addAction(m_magnifier);
    view->addAction(m_ruler);
    view->addAction(m_overlays);
    view->addSeparator();
    view->addAction(tr("Reset window/level"), QKeySequence(Qt::Key_R), this, [this] {
        if (auto* v = m_hanging->activeView())
            v->resetWindow();
    });
    view->addAction(tr("Next window preset"), QKeySequence(Qt::Key_W), this, [this] { cyclePreset(+1); });
    view->addSeparator();
    view->addAction(m_browserDock->toggleViewAction());
    view->addAction(m_problemDock->toggleViewAction());
    view->addAction(m_findingsDock->toggleViewAction());
    view->addAction(m_synthesisDock->toggleViewAction());

    QMenu* assistant = menuBar()->addMenu(tr("&Assistant"));
    assistant->addAction(m_analyseOnOpen);
    assistant->addAction(m_analyseNow);
    assistant->addAction(m_cancelAnalysis);
    assistant->addSeparator();
    assistant->addAction(m_classifyRegion);
    assistant->addAction(m_clearRegions);
    assistant->addSeparator();
    assistant->addAction(tr("Save results as DICOM (CAD SR + SEG)…"), this, &MainWindow::saveResultsAsDicom);
    assistant->addAction(tr("Send results to PACS"), this, &MainWindow::sendResultsToPacs);

    QToolBar* tools = addToolBar(tr("Tools"));
    tools->setObjectName(QStringLiteral("toolsToolBar"));
    tools->addAction(m_ruler);
    tools->addAction(m_classifyRegion);
    tools->addAction(m_editLesions);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Keyboard shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
    help->addAction(tr("&About Mammoscope"), this, &MainWindow::showAbout);
}

void MainWindow::createDocks()
{
    m_browser = new QTreeWidget(this);
    m_browser->setHeaderLabels({tr("Patient / study / series"), tr("Images")});
    m_browser->header()->setStretchLastSection(false);
    m_browser->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(m_browser, &QTreeWidget::itemActivated, this, &MainWindow::onBrowserItemActivated);
    connect(m_browser, &QTreeWidget::itemClicked, this, &MainWindow::onBrowserItemActivated);
    m_browserDock = new QDockWidget(tr("Studies"), this);
    m_browserDock->setObjectName(QStringLiteral("studiesDock"));
    m_browserDock->setWidget(m_browser);
    m_browser->setMinimumWidth(260);
    addDockWidget(Qt::LeftDockWidgetArea, m_browserDock);

    m_problemList = new QListWidget(this);
    m_problemList->setWordWrap(true);
    m_problemDock = new QDockWidget(tr("Problems"), this);
    m_problemDock->setObjectName(QStringLiteral("problemsDock"));
    m_problemDock->setWidget(m_problemList);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemDock);
    m_problemDock->hide();
}

void MainWindow::readSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_linkZoom->setChecked(settings.value(QStringLiteral("view/linkZoom"), true).toBool());
    m_analyseOnOpen->setChecked(settings.value(QStringLiteral("ai/analyseOnOpen"), true).toBool());
    m_findingsPanel->setThreshold(settings.value(QStringLiteral("ai/scoreThreshold"), 0.5).toDouble());
    m_overlays->setChecked(settings.value(QStringLiteral("view/showFindings"), true).toBool());
    m_lastDirectory = settings.value(QStringLiteral("files/lastDirectory")).toString();
    m_problemDock->hide();   // shown again only when there is something to show
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("view/linkZoom"), m_linkZoom->isChecked());
    settings.setValue(QStringLiteral("ai/analyseOnOpen"), m_analyseOnOpen->isChecked());
    settings.setValue(QStringLiteral("ai/scoreThreshold"), m_findingsPanel->threshold());
    settings.setValue(QStringLiteral("view/showFindings"), m_overlays->isChecked());
    settings.setValue(QStringLiteral("files/lastDirectory"), m_lastDirectory);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    writeSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (!paths.isEmpty()) {
        openPaths(paths);
        event->acceptProposedAction();
    }
}

void MainWindow::openFileDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open DICOM files"), m_lastDirectory,
                                                            tr("DICOM files (*.dcm *.DCM DICOMDIR *);;All files (*)"));
    if (files.isEmpty())
        return;
    m_lastDirectory = QFileInfo(files.front()).absolutePath();
    openPaths(files);
}

void MainWindow::openFolderDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open DICOM folder"), m_lastDirectory);
    if (folder.isEmpty())
        return;
    m_lastDirectory = folder;
    openPaths({folder});
}

void MainWindow::openPaths(const QStringList& paths)
{
    m_problems.clear();
    m_problemList->clear();
    m_problemDock->hide();
    statusBar()->showMessage(tr("Reading %n item(s)…", nullptr, int(paths.size())));
    m_loader->scan(paths);
}

bool MainWindow::isLoading() const
{
    return m_loader->busy();
}

QStringList MainWindow::problems() const
{
    return m_problems;
}

void MainWindow::onCatalogReady(std::shared_ptr<const core::StudyCatalog> catalog)
{
    m_catalog = std::move(catalog);
    m_reportedFindings.clear();
    for (const auto& problem : m_catalog->problems())
        reportProblem(QString::fromStdString(problem.path), QString::fromStdString(problem.message), problem.isError);
    populateBrowser();
    if (const core::StudyEntry* study = m_catalog->firstStudy()) {
        showStudy(*study);
        statusBar()->showMessage(tr("%n image(s) found", nullptr, int(m_catalog->imageCount())), 5000);
    } else {
        m_hanging->setStudy({});
        statusBar()->showMessage(tr("No images found"), 5000);
    }
    checkLoadingFinished();
}

void MainWindow::showStudy(const core::StudyEntry& study)
{
    if (isAnalysing())
        cancelAnalysis();
    if (m_synthesis)
        m_synthesis->endCase();   // its image leaves the screen; the autosave keeps it
    m_studyImages.clear();
    m_findings.clear();
    m_drawnRegions.clear();
    updateFindingsPanel();
    m_currentStudyUid = QString::fromStdString(study.studyInstanceUid);
    m_hanging->setStudy(study.allImages());
    switch (m_hanging->hangingLayout()) {
    case core::HangingLayout::Single: m_layout1x1->setChecked(true); break;
    case core::HangingLayout::SideBySide: m_layout1x2->setChecked(true); break;
    case core::HangingLayout::Quad: m_layout2x2->setChecked(true); break;
    }
    const core::StudyEntry* prior = core::findPriorStudy(*m_catalog, study);
    m_layoutPrior->setEnabled(prior != nullptr);
    m_layoutPrior->setToolTip(prior ? tr("Current over prior (%1), one page per view").arg(dicomDate(prior->date))
                                    : tr("No earlier mammography study of this patient is open"));
    setWindowTitle(tr("Mammoscope — %1").arg(QString::fromStdString(study.description.empty() ? study.studyInstanceUid
                                                                                               : study.description)));
    Q_EMIT studyShown();
}

PacsDialog* MainWindow::pacsDialog()
{
    if (!m_pacsDialog) {
        QSettings settings;
        m_pacsDialog = new PacsDialog(loadPacsConfiguration(settings), this);
        connect(m_pacsDialog, &PacsDialog::configurationChanged, this, [](const PacsConfiguration& configuration) {
            QSettings s;
            savePacsConfiguration(s, configuration);
        });
        connect(m_pacsDialog, &PacsDialog::studiesRetrieved, this, [this](const QStringList& folders) {
            openPaths(folders);
            // The retrieved study shows; its prior (when fetched) is one keypress away.
        });
    }
    return m_pacsDialog;
}

void MainWindow::showPacsDialog()
{
    pacsDialog()->show();
    m_pacsDialog->raise();
    m_pacsDialog->activateWindow();
}

void MainWindow::onReportedFindings(const std::vector<core::Finding>& findings, const QStringList& problems)
{
    m_reportedFindings.clear();
    for (const core::Finding& f : findings)
        m_reportedFindings[f.sopInstanceUid].push_back(f);
    for (const QString& problem : problems)
        reportProblem(QString(), problem, true);
    if (!findings.empty())
        statusBar()->showMessage(tr("%n mark(s) read from CAD structured reports", nullptr, int(findings.size())), 5000);
    updateFindingsPanel();
}

std::vector<core::Finding> MainWindow::assistantFindings() const
{
    std::vector<core::Finding> all;
    for (const auto& [uid, findings] : m_findings)
        all.insert(all.end(), findings.begin(), findings.end());
    return all;
}

bool MainWindow::exportResults(const QString& folder)
{
    const core::StudyEntry* study = m_catalog ? m_catalog->findStudy(m_currentStudyUid.toStdString()) : nullptr;
    if (!study || m_findings.empty()) {
        statusBar()->showMessage(tr("No assistant results to save: analyse the study first"), 5000);
        return false;
    }
    if (!m_exporter) {
        m_exporter = new CadResultsExporter(this);
        connect(m_exporter, &CadResultsExporter::finished, this, [this](bool ok, const QString& message, const QStringList& files) {
            if (!ok) {
                reportProblem(QString(), tr("Saving the results failed: %1").arg(message), true);
                m_sendAfterExport = false;
                return;
            }
            statusBar()->showMessage(message, 8000);
            if (m_sendAfterExport) {
                m_sendAfterExport = false;
                pacsDialog()->storeFiles(files);
            }
        });
    }
    m_exporter->exportTo(folder, study->allImages(), assistantFindings());
    return true;
}

void MainWindow::saveResultsAsDicom()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the CAD SR and SEG files"), m_lastDirectory);
    if (!folder.isEmpty())
        exportResults(folder);
}

void MainWindow::sendResultsToPacs()
{
    // Written to our own folder first (kept as a record), then stored by C-STORE.
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/sent");
    m_sendAfterExport = exportResults(folder);
    if (m_sendAfterExport && !m_pacsConnected) {
        m_pacsConnected = true;
        connect(pacsDialog(), &PacsDialog::storeFinished, this, [this](bool ok, const QString& message) {
            if (ok)
                statusBar()->showMessage(message, 8000);
            else
                reportProblem(QString(), tr("Sending the results to the PACS failed: %1").arg(message), true);
        });
    }
}

void MainWindow::compareWithPrior()
{
    const core::StudyEntry* current = m_catalog ? m_catalog->findStudy(m_currentStudyUid.toStdString()) : nullptr;
    const core::StudyEntry* prior = current ? core::findPriorStudy(*m_catalog, *current) : nullptr;
    if (!prior) {
        statusBar()->showMessage(tr("No earlier mammography study of this patient is open"), 5000);
        return;
    }
    m_hanging->setComparison(current->allImages(), prior->allImages());
    statusBar()->showMessage(tr("Current study over the prior of %1").arg(dicomDate(prior->date)), 5000);
}

void MainWindow::populateBrowser()
{
    m_browser->clear();
    for (const auto& patient : m_catalog->patients()) {
        auto* p = new QTreeWidgetItem(m_browser, {personName(patient.name) + QStringLiteral(" (%1)").arg(QString::fromStdString(patient.patientId))});
        for (const auto& study : patient.studies) {
            int count = 0;
            for (const auto& s : study.series)
                count += int(s.images.size());
            auto* st = new QTreeWidgetItem(p, {dicomDate(study.date) + QStringLiteral("  ") + QString::fromStdString(study.description),
                                               QString::number(count)});
            st->setData(0, kUidRole, QString::fromStdString(study.studyInstanceUid));
            for (const auto& series : study.series) {
                auto* se = new QTreeWidgetItem(st, {QStringLiteral("%1 %2").arg(QString::fromStdString(series.modality),
                                                                               QString::fromStdString(series.description)),
                                                    QString::number(series.images.size())});
                se->setData(0, kUidRole, QString::fromStdString(study.studyInstanceUid));
                for (const auto& image : series.images) {
                    const QString view = QString::fromStdString(core::lateralityLetter(image.laterality) +
                                                                core::viewPositionName(image.view));
                    auto* im = new QTreeWidgetItem(se, {view.isEmpty() ? tr("image %1").arg(image.instanceNumber) : view});
                    im->setData(0, kUidRole, QString::fromStdString(study.studyInstanceUid));
                }
            }
        }
    }
    m_browser->expandToDepth(1);
}

void MainWindow::onBrowserItemActivated(QTreeWidgetItem* item)
{
    const QString uid = item ? item->data(0, kUidRole).toString() : QString();
    if (uid.isEmpty() || uid == m_currentStudyUid || !m_catalog)
        return;
    if (const core::StudyEntry* study = m_catalog->findStudy(uid.toStdString()))
        showStudy(*study);
}

void MainWindow::reportProblem(const QString& path, const QString& message, bool isError)
{
    const QString text = message.contains(path) ? message : QStringLiteral("%1: %2").arg(path, message);
    m_problemList->addItem(text);
    if (!isError)
        return;   // listed, but a skipped README does not need the reader's attention
    m_problems << text;
    m_problemDock->show();
    statusBar()->showMessage(text, 8000);
}

void MainWindow::updateStatus()
{
    m_statusPage->setText(tr("Page %1/%2").arg(m_hanging->page() + 1).arg(std::max(1, m_hanging->pageCount())));
}

void MainWindow::cyclePreset(int step)
{
    widgets::MammoView* view = m_hanging->activeView();
    if (!view || view->windowPresetCount() == 0)
        return;
    const int count = view->windowPresetCount();
    view->setWindowPreset((std::max(0, view->windowPreset()) + step + count) % count);
}

void MainWindow::checkLoadingFinished()
{
    if (!m_loader->busy())
        Q_EMIT loadingFinished();
}

void MainWindow::createAssistant()
{
    m_aiWorker = new AiWorker(modelsDirectory());
    // Seconds the idle assistant keeps its models; 0 or less: for the whole session.
    const double releaseSeconds =
        QSettings().value(QStringLiteral("ai/modelReleaseSeconds"), AiWorker::kDefaultModelReleaseDelayMs / 1000.0).toDouble();
    m_aiWorker->setModelReleaseDelay(int(std::clamp(releaseSeconds * 1000.0, 0.0, double(std::numeric_limits<int>::max()))));
    m_aiWorker->moveToThread(&m_aiThread);
    // Deleted on its own thread (its timer lives there), as the thread finishes.
    connect(&m_aiThread, &QThread::finished, m_aiWorker, &QObject::deleteLater);
    connect(this, &MainWindow::analysisRequested, m_aiWorker, &AiWorker::analyse);
    connect(this, &MainWindow::analysisCancelRequested, m_aiWorker, &AiWorker::cancel);
    connect(m_aiWorker, &AiWorker::findingsReady, this, &MainWindow::onFindingsReady);
    connect(m_aiWorker, &AiWorker::failed, this, &MainWindow::onAnalysisFailed);
    connect(m_aiWorker, &AiWorker::progress, this, &MainWindow::onAnalysisProgress);
    connect(m_aiWorker, &AiWorker::modelLoaded, this,
            [this](const QString& description, const std::vector<OperatingPoint>& points) {
                m_findingsPanel->setOperatingPoints(points);
                m_findingsPanel->setStatus(tr("Model: %1").arg(description));
            });
    connect(m_aiWorker, &AiWorker::modelsReleased, this, &MainWindow::assistantModelsReleased);
    connect(this, &MainWindow::regionClassificationRequested, m_aiWorker, &AiWorker::classifyRegion);
    connect(m_aiWorker, &AiWorker::regionClassified, this, &MainWindow::onRegionClassified);
    connect(m_aiWorker, &AiWorker::regionClassificationFailed, this, &MainWindow::onRegionClassificationFailed);
    connect(m_aiWorker, &AiWorker::classifierUnavailable, this, &MainWindow::onClassifierUnavailable);
    connect(m_hanging, &widgets::HangingView::regionDrawn, this, &MainWindow::classifyDrawnRegion);
    // The worker lowers its own thread's priority (AiWorker::processNext).
    m_aiThread.start();

    m_analyseOnOpen = new QAction(tr("Analyse studies when opened"), this);
    m_analyseOnOpen->setCheckable(true);
    m_analyseOnOpen->setChecked(true);
    m_analyseNow = new QAction(tr("Analyse now"), this);
    connect(m_analyseNow, &QAction::triggered, this, &MainWindow::analyseStudyNow);
    m_cancelAnalysis = new QAction(tr("Cancel analysis"), this);
    m_cancelAnalysis->setEnabled(false);
    connect(m_cancelAnalysis, &QAction::triggered, this, &MainWindow::cancelAnalysis);
    m_classifyRegion = new QAction(tr("Classify region"), this);
    m_classifyRegion->setObjectName(QStringLiteral("classifyRegionAction"));
    m_classifyRegion->setCheckable(true);
    m_classifyRegion->setShortcut(QKeySequence(Qt::Key_C));
    m_classifyRegion->setToolTip(tr("Drag a rectangle around a mass to estimate P(malignant) "
                                    "(decision support, not a diagnosis)"));
    m_toolGroup->addAction(m_classifyRegion);
    connect(m_classifyRegion, &QAction::toggled, this, &MainWindow::updateTool);
    m_clearRegions = new QAction(tr("Clear drawn regions"), this);
    connect(m_clearRegions, &QAction::triggered, this, &MainWindow::clearDrawnRegions);

    m_findingsPanel = new FindingsPanel(this);
    m_findingsPanel->setStatus(tr("No analysis yet."));
    connect(m_findingsPanel, &FindingsPanel::shownFindingsChanged, this, [this](const std::vector<core::Finding>& shown) {
        m_hanging->setFindings(shown);
        updateDisclaimer();
    });
    connect(m_findingsPanel, &FindingsPanel::findingActivated, this, &MainWindow::showFinding);
    connect(m_overlays, &QAction::toggled, this, &MainWindow::updateDisclaimer);
    m_findingsDock = new QDockWidget(tr("Findings"), this);
    m_findingsDock->setObjectName(QStringLiteral("findingsDock"));
    m_findingsDock->setWidget(m_findingsPanel);
    m_findingsPanel->setMinimumWidth(260);
    addDockWidget(Qt::RightDockWidgetArea, m_findingsDock);

    // A label, not a QProgressBar: QProgressBar::setValue repaints at once, and
    // each synchronous repaint composes the whole window (every view's GL
    // texture) inside the findings-delivery event; a label waits for the next frame.
    m_aiProgress = new QLabel(this);
    m_aiProgress->hide();
    m_aiCancelButton = new QToolButton(this);
    m_aiCancelButton->setText(tr("Cancel"));
    m_aiCancelButton->setToolTip(tr("Cancel analysis"));
    m_aiCancelButton->hide();
    connect(m_aiCancelButton, &QToolButton::clicked, this, &MainWindow::cancelAnalysis);
    m_statusDisclaimer = new QLabel(FindingsPanel::disclaimer(), this);
    m_statusDisclaimer->hide();
}

void MainWindow::createSynthesis()
{
    m_synthesisPanel = new SyntheticCasePanel(this);
    m_synthesisDock = new QDockWidget(tr("Synthetic cases"), this);
    m_synthesisDock->setObjectName(QStringLiteral("syntheticCasesDock"));
    m_synthesisDock->setWidget(m_synthesisPanel);
    m_synthesisDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    addDockWidget(Qt::RightDockWidgetArea, m_synthesisDock);
    tabifyDockWidget(m_findingsDock, m_synthesisDock);
    m_findingsDock->raise();

    m_synthesis = new SyntheticCaseController(
        m_synthesisPanel, m_hanging,
        [this](const QString& uid) {
            const auto it = m_studyImages.find(uid.toStdString());
            return it == m_studyImages.end() ? core::ImagePtr() : it->second;
        },
        this);
    // The library is read when the panel is first shown, not at start-up.
    connect(m_synthesisDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            m_synthesis->ensureLibrary();
    });

    m_editLesions = new QAction(tr("Edit synthetic lesions"), this);
    m_editLesions->setCheckable(true);
    m_editLesions->setShortcut(QKeySequence(Qt::Key_E));
    m_editLesions->setToolTip(tr("Move, scale and rotate the lesions of a synthetic case (E)"));
    m_toolGroup->addAction(m_editLesions);
    connect(m_editLesions, &QAction::toggled, this, &MainWindow::updateTool);
    connect(m_synthesis, &SyntheticCaseController::lesionToolWanted, this, [this] { m_editLesions->setChecked(true); });

    m_cutLesion = new QAction(tr("Cut lesion from image"), this);
    m_cutLesion->setCheckable(true);
    m_cutLesion->setToolTip(tr("Drag a rectangle around a lesion on an open image to add it to your lesion library"));
    m_toolGroup->addAction(m_cutLesion);
    connect(m_cutLesion, &QAction::toggled, this, &MainWindow::updateTool);
    connect(m_synthesisPanel, &SyntheticCasePanel::cutRequested, m_cutLesion, &QAction::setChecked);
    connect(m_cutLesion, &QAction::toggled, m_synthesisPanel, &SyntheticCasePanel::setCutting);
}

void MainWindow::onImageLoaded(core::ImagePtr image)
{
    if (image && QString::fromStdString(image->attributes().studyInstanceUid) == m_currentStudyUid) {
        const std::string& uid = image->attributes().sopInstanceUid;
        m_studyImages[uid] = image;
        // Before checkLoadingFinished(), so that isAnalysing() already says so when loading ends.
        if (m_analyseOnOpen->isChecked() && !m_findings.count(uid))
            requestAnalysis(image);
        m_synthesis->restoreAutosavedCase(image);
    }
    m_hanging->setImage(std::move(image));
    checkLoadingFinished();
}

void MainWindow::requestAnalysis(const core::ImagePtr& image)
{
    const QString uid = QString::fromStdString(image->attributes().sopInstanceUid);
    m_pendingAnalyses.insert(uid);
    m_cancelAnalysis->setEnabled(true);
    Q_EMIT analysisRequested(uid, image);
}

void MainWindow::analyseStudyNow()
{
    m_lastAiMessage.clear();
    if (m_studyImages.empty()) {
        statusBar()->showMessage(tr("No loaded images to analyse"), 5000);
        return;
    }
    for (const auto& [uid, image] : m_studyImages)
        requestAnalysis(image);
}

void MainWindow::cancelAnalysis()
{
    Q_EMIT analysisCancelRequested();
    const bool wasAnalysing = isAnalysing();
    m_pendingAnalyses.clear();   // results still on their way are dropped on arrival
    m_cancelAnalysis->setEnabled(false);
    m_aiProgress->hide();
    m_aiCancelButton->hide();
    if (wasAnalysing) {
        m_findingsPanel->setStatus(tr("Analysis cancelled."));
        Q_EMIT analysisIdle();
    }
}

void MainWindow::onFindingsReady(const QString& sopInstanceUid, const std::vector<core::Finding>& findings)
{
    if (!m_pendingAnalyses.count(sopInstanceUid))
        return;   // cancelled, or an image of a study no longer shown
    m_findings[sopInstanceUid.toStdString()] = findings;
    updateFindingsPanel();
    finishAnalysisOf(sopInstanceUid);
}

void MainWindow::onAnalysisFailed(const QString& sopInstanceUid, const QString& message)
{
    if (!m_pendingAnalyses.count(sopInstanceUid))
        return;
    // Listed and shown, but the problems dock stays as it is: the viewer works without the assistant.
    if (message != m_lastAiMessage) {
        m_lastAiMessage = message;
        m_problemList->addItem(tr("Assistant: %1").arg(message));
    }
    m_findingsPanel->setStatus(message);
    statusBar()->showMessage(message, 10000);
    finishAnalysisOf(sopInstanceUid);
}

void MainWindow::finishAnalysisOf(const QString& sopInstanceUid)
{
    m_pendingAnalyses.erase(sopInstanceUid);
    if (isAnalysing())
        return;
    m_cancelAnalysis->setEnabled(false);
    if (m_lastAiMessage.isEmpty() || m_findingsPanel->status() != m_lastAiMessage) {
        std::size_t count = 0;
        for (const auto& [uid, findings] : m_findings)
            count += findings.size();
        QString status = tr("Analysis finished: %n mark(s) found; the threshold decides which are shown.", nullptr, int(count));
        if (!m_classifierNote.isEmpty())
            status += QLatin1Char('\n') + m_classifierNote;
        m_findingsPanel->setStatus(status);
    }
    Q_EMIT analysisIdle();
}

void MainWindow::onAnalysisProgress(int done, int total)
{
    const bool busy = total > 0 && done < total;
    m_aiProgress->setVisible(busy);
    m_aiCancelButton->setVisible(busy);
    if (busy) {
        m_aiProgress->setText(tr("Analysing %1/%2").arg(done).arg(total));
    }
}

void MainWindow::updateFindingsPanel()
{
    std::vector<FindingsPanel::Entry> entries;
    for (const auto* source : {&m_findings, &m_drawnRegions, &m_reportedFindings}) {
        for (const auto& [uid, findings] : *source) {
            const auto image = m_studyImages.find(uid);
            QString view;
            std::optional<core::Spacing> spacing;
            if (image != m_studyImages.end()) {
                const core::ImageAttributes& a = image->second->attributes();
                view = QString::fromStdString(core::lateralityLetter(a.laterality) + core::viewPositionName(a.view));
                if (const auto measured = core::measurementSpacing(a))
                    spacing = measured->spacing;
            }
            for (const core::Finding& finding : findings)
                entries.push_back({finding, view, spacing});
        }
    }
    m_findingsPanel->setEntries(std::move(entries));
}

void MainWindow::updateTool()
{
    using Tool = widgets::MammoView::Tool;
    const bool cutting = m_cutLesion && m_cutLesion->isChecked();
    m_hanging->setTool((m_classifyRegion && m_classifyRegion->isChecked()) || cutting ? Tool::Region
                       : m_ruler->isChecked()                            ? Tool::Ruler
                       : m_editLesions && m_editLesions->isChecked()     ? Tool::Lesion
                                                                         : Tool::Pan);
}

void MainWindow::classifyDrawnRegion(const QString& sopInstanceUid, const QRectF& box)
{
    const auto image = m_studyImages.find(sopInstanceUid.toStdString());
    if (image == m_studyImages.end()) {
        statusBar()->showMessage(tr("The image is not loaded yet; draw the region again in a moment."), 5000);
        return;
    }
    // Both would read the acquired pixels while the reader sees the composite.
    if (m_hanging->showsSyntheticPreview(sopInstanceUid)) {
        statusBar()->showMessage(tr("This view shows a SYNTHETIC preview: show the original (B) to classify or cut "
                                    "a lesion on the acquired image."),
                                 8000);
        return;
    }
    if (m_cutLesion->isChecked()) {
        m_cutLesion->setChecked(false);   // one cut per choice of the tool
        m_synthesis->libraries().cut(image->second, box);
        return;
    }
    statusBar()->showMessage(tr("Classifying the drawn region…"));
    Q_EMIT regionClassificationRequested(sopInstanceUid, image->second, box);
}

void MainWindow::onRegionClassified(const QString& sopInstanceUid, const QRectF& box, double malignancy)
{
    if (!m_studyImages.count(sopInstanceUid.toStdString()))
        return;   // drawn on a study no longer shown
    core::Finding finding;
    finding.sopInstanceUid = sopInstanceUid.toStdString();
    finding.box = {box.x(), box.y(), box.width(), box.height()};
    finding.malignancy = malignancy;
    finding.label = tr("drawn region").toStdString();
    finding.drawnByReader = true;
    m_drawnRegions[finding.sopInstanceUid].push_back(finding);
    updateFindingsPanel();
    m_findingsDock->show();
    statusBar()->showMessage(
        tr("Drawn region: P(malignant) %L1 (decision support, not a diagnosis)").arg(malignancy, 0, 'f', 2), 10000);
}

void MainWindow::onRegionClassificationFailed(const QString& sopInstanceUid, const QRectF&, const QString& message)
{
    if (!m_studyImages.count(sopInstanceUid.toStdString()))
        return;
    const QString text = tr("The drawn region cannot be classified: %1").arg(message);
    m_findingsPanel->setStatus(text);
    statusBar()->showMessage(text, 10000);
}

void MainWindow::onClassifierUnavailable(const QString& reason)
{
    // Listed, like the assistant's other messages, without opening the problems dock:
    // the viewer and the detector work without the classifier.
    m_classifierNote = reason;
    m_problemList->addItem(tr("Assistant: %1").arg(reason));
}

void MainWindow::clearDrawnRegions()
{
    m_drawnRegions.clear();
    updateFindingsPanel();
}

void MainWindow::showFinding(const core::Finding& finding)
{
    const QString uid = QString::fromStdString(finding.sopInstanceUid);
    const int page = m_hanging->pageOf(uid);
    if (page < 0)
        return;
    m_hanging->setPage(page);
    widgets::MammoView* view = m_hanging->viewFor(uid);
    if (!view || !view->image())
        return;
    // The view's image coordinates have rows scaled by the pixel aspect ratio.
    const double aspect = view->geometry().imageSize().height() / std::max(1, view->image()->rows());
    const QPointF centre(finding.box.x + finding.box.width / 2, (finding.box.y + finding.box.height / 2) * aspect);
    const double extent = std::max({finding.box.width, finding.box.height * aspect, 1.0});
    // The mark fills about a third of the view, never less than the whole image fitted.
    const QRect canvas = view->canvas();
    const double zoom = std::clamp(std::min(canvas.width(), canvas.height()) / (3.0 * extent), view->geometry().fitZoom(), 8.0);
    view->centerOn(centre, zoom);
}

void MainWindow::updateDisclaimer()
{
    m_statusDisclaimer->setVisible(m_overlays->isChecked() && !m_findingsPanel->shownFindings().empty());
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::showShortcuts()
{
    const QString text = tr(
        "<table>"
        "<tr><td><b>Right drag</b></td><td>window / level</td></tr>"
        "<tr><td><b>Left drag</b></td><td>pan (ruler: measure; classify region: draw a region)</td></tr>"
        "<tr><td><b>Wheel</b></td><td>zoom about the cursor</td></tr>"
        "<tr><td><b>Ctrl+wheel, PgUp/PgDn</b></td><td>frames of a multi-frame image</td></tr>"
        "<tr><td><b>Double click, F</b></td><td>fit to view</td></tr>"
        "<tr><td><b>0 / T</b></td><td>1:1 pixels / true size</td></tr>"
        "<tr><td><b>1 / 2 / 4</b></td><td>layout 1×1 / 1×2 / 2×2</td></tr>"
        "<tr><td><b>N / P</b></td><td>next / previous page</td></tr>"
        "<tr><td><b>R / W</b></td><td>reset window / next preset</td></tr>"
        "<tr><td><b>G</b></td><td>magnifier</td></tr>"
        "<tr><td><b>M</b></td><td>distance ruler (Esc clears)</td></tr>"
        "<tr><td><b>C</b></td><td>classify region: P(malignant) of a drawn region</td></tr>"
        "<tr><td><b>L</b></td><td>link zoom across views</td></tr>"
        "<tr><td><b>O</b></td><td>show findings</td></tr>"
        "</table>");
    QMessageBox::information(this, tr("Keyboard shortcuts"), text);
}

} // namespace mammo::app
