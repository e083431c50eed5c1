#include "PacsDialog.h"

#include "PacsSettingsDialog.h"
#include "PacsWorker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mammo::app {
namespace {

QString dicomDate(const std::string& date)
{
    const QString d = QString::fromStdString(date);
    return d.size() == 8 ? d.left(4) + QLatin1Char('-') + d.mid(4, 2) + QLatin1Char('-') + d.right(2) : d;
}

QString personName(const std::string& name)
{
    QStringList parts = QString::fromStdString(name).split(QLatin1Char('^'));
    while (!parts.isEmpty() && parts.last().isEmpty())
        parts.removeLast();
    return parts.size() >= 2 ? parts[0] + QStringLiteral(", ") + parts.mid(1).join(QLatin1Char(' ')) : parts.join(QString());
}

} // namespace

PacsDialog::PacsDialog(PacsConfiguration configuration, QWidget* parent)
    : QDialog(parent), m_configuration(std::move(configuration))
{
    setWindowTitle(tr("Query PACS"));
    m_nodes = new QComboBox(this);
    m_echo = new QPushButton(tr("Test connection"), this);
    auto* settings = new QPushButton(tr("Settings…"), this);
    auto* nodeRow = new QHBoxLayout;
    nodeRow->addWidget(new QLabel(tr("PACS"), this));
    nodeRow->addWidget(m_nodes, 1);
    nodeRow->addWidget(m_echo);
    nodeRow->addWidget(settings);

    m_patientName = new QLineEdit(this);
    m_patientName->setPlaceholderText(tr("e.g. SMITH^* (wildcards * and ?)"));
    m_patientId = new QLineEdit(this);
    m_useDates = new QCheckBox(tr("Study date from"), this);
    m_from = new QDateEdit(QDate::currentDate().addYears(-1), this);
    m_to = new QDateEdit(QDate::currentDate(), this);
    for (QDateEdit* d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        d->setEnabled(false);
    }
    m_modality = new QLineEdit(QStringLiteral("MG"), this);
    m_modality->setMaxLength(16);
    auto* dates = new QHBoxLayout;
    dates->addWidget(m_from);
    dates->addWidget(new QLabel(tr("to"), this));
    dates->addWidget(m_to);
    auto* form = new QFormLayout;
    form->addRow(tr("Patient name"), m_patientName);
    form->addRow(tr("Patient ID"), m_patientId);
    form->addRow(m_useDates, dates);
    form->addRow(tr("Modality"), m_modality);
    m_search = new QPushButton(tr("Search"), this);
    m_search->setDefault(true);

    m_results = new QTreeWidget(this);
    m_results->setRootIsDecorated(false);
    m_results->setHeaderLabels({tr("Patient"), tr("Patient ID"), tr("Study date"), tr("Description"), tr("Modalities"), tr("Images")});
    m_results->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_withPrior = new QCheckBox(tr("Also retrieve the most recent prior MG study"), this);
    m_withPrior->setChecked(m_configuration.retrievePrior);
    m_retrieve = new QPushButton(tr("Retrieve and open"), this);
    m_retrieve->setEnabled(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_withPrior, 1);
    actions->addWidget(m_retrieve);
    actions->addWidget(m_cancel);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(nodeRow);
    layout->addLayout(form);
    layout->addWidget(m_search, 0, Qt::AlignRight);
    layout->addWidget(m_results, 1);
    layout->addLayout(actions);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    resize(820, 560);

    m_worker = new PacsWorker;
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("pacs"));
    connect(this, &PacsDialog::echoRequested, m_worker, &PacsWorker::echo);
    connect(this, &PacsDialog::findRequested, m_worker, &PacsWorker::findStudies);
    connect(this, &PacsDialog::retrieveRequested, m_worker, &PacsWorker::retrieve);
    connect(this, &PacsDialog::storeRequested, m_worker, &PacsWorker::store);
    connect(m_worker, &PacsWorker::echoSucceeded, this, [this](const QString& node) {
        setBusy(false, tr("Connection works: %1 answered C-ECHO.").arg(node));
    });
    connect(m_worker, &PacsWorker::studiesFound, this, &PacsDialog::showStudies);
    connect(m_worker, &PacsWorker::progress, this, [this](const QString& what, int completed, int remaining, int failedCount) {
        m_progress->setRange(0, std::max(1, completed + remaining + failedCount));
        m_progress->setValue(completed + failedCount);
        m_status->setText(tr("%1: %2 done, %3 to go, %4 failed").arg(what).arg(completed).arg(remaining).arg(failedCount));
    });
    connect(m_worker, &PacsWorker::retrieved, this, [this](const QStringList& folders, bool cancelled, const QString& summary) {
        setBusy(false, summary);
        if (!cancelled && !folders.isEmpty())
            Q_EMIT studiesRetrieved(folders);
    });
    connect(m_worker, &PacsWorker::stored, this, [this](int count, const QStringList& failures) {
        m_storing = false;
        const QString message = failures.isEmpty() ? tr("Stored %n object(s) on the PACS.", nullptr, count)
                                                   : tr("The PACS refused %n object(s): ", nullptr, int(failures.size())) + failures.join(QStringLiteral("; "));
        setBusy(false, message);
        Q_EMIT storeFinished(failures.isEmpty(), message);
    });
    connect(m_worker, &PacsWorker::failed, this, [this](const QString& operation, const QString& message) {
        showError(message);
        if (operation == QLatin1String("store")) {
            m_storing = false;
            Q_EMIT storeFinished(false, message);
        }
    });
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();

    connect(m_echo, &QPushButton::clicked, this, &PacsDialog::testConnection);
    connect(settings, &QPushButton::clicked, this, &PacsDialog::editSettings);
    connect(m_search, &QPushButton::clicked, this, &PacsDialog::search);
    connect(m_retrieve, &QPushButton::clicked, this, &PacsDialog::retrieveSelected);
    connect(m_cancel, &QPushButton::clicked, this, &PacsDialog::cancel);
    connect(m_results, &QTreeWidget::itemSelectionChanged, this, [this] { m_retrieve->setEnabled(!m_busy && !m_results->selectedItems().isEmpty()); });
    connect(m_results, &QTreeWidget::itemDoubleClicked, this, &PacsDialog::retrieveSelected);
    connect(m_useDates, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useDates, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_nodes, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            m_configuration.currentNode = index;
    });
    refreshNodes();
}

PacsDialog::~PacsDialog()
{
    // No thread outlives its owner: stop the operation, then join.
    m_worker->cancel();
    m_thread.quit();
    m_thread.wait();
}

void PacsDialog::setConfiguration(const PacsConfiguration& configuration)
{
    m_configuration = configuration;
    m_withPrior->setChecked(configuration.retrievePrior);
    refreshNodes();
}

void PacsDialog::refreshNodes()
{
    const QSignalBlocker block(m_nodes);
    m_nodes->clear();
    for (const core::net::PacsNode& n : m_configuration.nodes)
        m_nodes->addItem(QStringLiteral("%1 (%2 at %3:%4)").arg(QString::fromStdString(n.name), QString::fromStdString(n.calledAeTitle),
                                                              QString::fromStdString(n.host)).arg(n.port));
    if (!m_configuration.nodes.empty())
        m_nodes->setCurrentIndex(std::clamp(m_configuration.currentNode, 0, int(m_configuration.nodes.size()) - 1));
    const bool any = !m_configuration.nodes.empty();
    m_echo->setEnabled(any && !m_busy);
    m_search->setEnabled(any && !m_busy);
    if (!any)
        m_status->setText(tr("No PACS is configured: add one under Settings…"));
}

const core::net::PacsNode* PacsDialog::node() const
{
    return m_configuration.current();
}

core::net::StudyQuery PacsDialog::query() const
{
    core::net::StudyQuery q;
    q.patientName = m_patientName->text().trimmed().toStdString();
    q.patientId = m_patientId->text().trimmed().toStdString();
    if (m_useDates->isChecked()) {
        q.studyDateFrom = m_from->date().toString(QStringLiteral("yyyyMMdd")).toStdString();
        q.studyDateTo = m_to->date().toString(QStringLiteral("yyyyMMdd")).toStdString();
    }
    q.modality = m_modality->text().trimmed().toUpper().toStdString();
    return q;
}

void PacsDialog::setQuery(const core::net::StudyQuery& q)
{
    m_patientName->setText(QString::fromStdString(q.patientName));
    m_patientId->setText(QString::fromStdString(q.patientId));
    m_useDates->setChecked(!q.studyDateFrom.empty() || !q.studyDateTo.empty());
    if (!q.studyDateFrom.empty())
        m_from->setDate(QDate::fromString(QString::fromStdString(q.studyDateFrom), QStringLiteral("yyyyMMdd")));
    if (!q.studyDateTo.empty())
        m_to->setDate(QDate::fromString(QString::fromStdString(q.studyDateTo), QStringLiteral("yyyyMMdd")));
    m_modality->setText(QString::fromStdString(q.modality));
}

QString PacsDialog::statusText() const
{
    return m_status->text();
}

void PacsDialog::setBusy(bool busy, const QString& message)
{
    m_busy = busy;
    const bool any = !m_configuration.nodes.empty();
    m_search->setEnabled(!busy && any);
    m_echo->setEnabled(!busy && any);
    m_retrieve->setEnabled(!busy && !m_results->selectedItems().isEmpty());
    m_cancel->setEnabled(busy);
    if (busy)
        m_progress->setRange(0, 0);   // busy indicator until counts arrive
    else
        m_progress->setRange(0, 1), m_progress->setValue(1);
    m_status->setStyleSheet(QString());
    if (!message.isEmpty())
        m_status->setText(message);
}

void PacsDialog::showError(const QString& message)
{
    setBusy(false);
    m_progress->setValue(0);
    m_status->setStyleSheet(QStringLiteral("color: #b00000"));
    m_status->setText(message);
}

void PacsDialog::testConnection()
{
    if (!node() || m_busy)
        return;
    setBusy(true, tr("Testing the connection…"));
    Q_EMIT echoRequested(*node());
}

void PacsDialog::search()
{
    if (!node() || m_busy)
        return;
    m_results->clear();
    m_studies.clear();
    setBusy(true, tr("Searching…"));
    Q_EMIT findRequested(*node(), query());
}

void PacsDialog::showStudies(const std::vector<core::net::StudyRecord>& studies)
{
    m_studies = studies;
    m_results->clear();
    for (std::size_t i = 0; i < studies.size(); ++i) {
        const core::net::StudyRecord& s = studies[i];
        QStringList modalities;
        for (const std::string& m : s.modalitiesInStudy)
            modalities << QString::fromStdString(m);
        auto* item = new QTreeWidgetItem(m_results, {personName(s.patientName), QString::fromStdString(s.patientId), dicomDate(s.studyDate),
                                                     QString::fromStdString(s.studyDescription), modalities.join(QLatin1Char('\\')),
                                                     s.numberOfInstances >= 0 ? QString::number(s.numberOfInstances) : QString()});
        item->setData(0, Qt::UserRole, int(i));
    }
    setBusy(false, tr("%n study(ies) found.", nullptr, int(studies.size())));
    if (!studies.empty())
        m_results->setCurrentItem(m_results->topLevelItem(0));
}

void PacsDialog::retrieveSelected()
{
    const auto selected = m_results->selectedItems();
    if (selected.isEmpty() || m_busy || !node())
        return;
    const int index = selected.first()->data(0, Qt::UserRole).toInt();
    if (index < 0 || std::size_t(index) >= m_studies.size())
        return;
    PacsConfiguration configuration = m_configuration;
    configuration.retrievePrior = m_withPrior->isChecked();
    if (configuration.storageDirectory.isEmpty())
        configuration.storageDirectory = defaultRetrieveDirectory();
    setBusy(true, tr("Retrieving…"));
    Q_EMIT retrieveRequested(configuration, m_studies[std::size_t(index)]);
}

void PacsDialog::storeFiles(const QStringList& files)
{
    if (!node()) {
        Q_EMIT storeFinished(false, tr("No PACS is configured: add one under File → Query PACS → Settings…"));
        return;
    }
    if (m_busy) {
        Q_EMIT storeFinished(false, tr("The PACS connection is busy; try again when it is done."));
        return;
    }
    m_storing = true;
    setBusy(true, tr("Sending %n object(s) to the PACS…", nullptr, int(files.size())));
    Q_EMIT storeRequested(*node(), files);
}

void PacsDialog::cancel()
{
    m_worker->cancel();
    m_status->setText(tr("Cancelling…"));
}

void PacsDialog::editSettings()
{
    PacsSettingsDialog dialog(m_configuration, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    setConfiguration(dialog.configuration());
    Q_EMIT configurationChanged(m_configuration);
}

} // namespace mammo::app
