#include "PacsSettingsDialog.h"

#include <core/net/PacsNode.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace mammo::app {

PacsSettingsDialog::PacsSettingsDialog(PacsConfiguration configuration, QWidget* parent)
    : QDialog(parent), m_configuration(std::move(configuration))
{
    setWindowTitle(tr("PACS settings"));
    m_list = new QListWidget(this);
    auto* add = new QPushButton(tr("Add"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(listButtons);

    m_name = new QLineEdit(this);
    m_calledAe = new QLineEdit(this);
    m_calledAe->setMaxLength(16);
    m_host = new QLineEdit(this);
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_callingAe = new QLineEdit(this);
    m_callingAe->setMaxLength(16);
    m_tls = new QCheckBox(tr("Use TLS"), this);
    m_tlsCa = new QLineEdit(this);
    m_tlsCertificate = new QLineEdit(this);
    m_tlsKey = new QLineEdit(this);
    auto* node = new QFormLayout;
    node->addRow(tr("Name"), m_name);
    node->addRow(tr("Called AE title"), m_calledAe);
    node->addRow(tr("Host"), m_host);
    node->addRow(tr("Port"), m_port);
    node->addRow(tr("Our AE title"), m_callingAe);
    node->addRow(QString(), m_tls);
    node->addRow(tr("CA certificate (PEM)"), m_tlsCa);
    node->addRow(tr("Our certificate (PEM)"), m_tlsCertificate);
    node->addRow(tr("Our private key (PEM)"), m_tlsKey);

    m_method = new QComboBox(this);
    m_method->addItem(tr("C-GET (into the folder below)"));
    m_method->addItem(tr("C-MOVE (to our storage SCP)"));
    m_method->setCurrentIndex(m_configuration.retrieveMethod == RetrieveMethod::Move ? 1 : 0);
    m_storageAe = new QLineEdit(m_configuration.storageAeTitle, this);
    m_storageAe->setMaxLength(16);
    m_storagePort = new QSpinBox(this);
    m_storagePort->setRange(1, 65535);
    m_storagePort->setValue(m_configuration.storagePort);
    m_storageDirectory = new QLineEdit(m_configuration.storageDirectory, this);
    auto* station = new QFormLayout;
    station->addRow(tr("Retrieve by"), m_method);
    station->addRow(tr("Storage SCP AE title"), m_storageAe);
    station->addRow(tr("Storage SCP port"), m_storagePort);
    station->addRow(tr("Retrieved studies folder"), m_storageDirectory);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* right = new QVBoxLayout;
    right->addLayout(node);
    right->addSpacing(12);
    right->addLayout(station);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto* all = new QVBoxLayout(this);
    all->addLayout(columns);
    all->addWidget(buttons);

    for (const auto& n : m_configuration.nodes)
        m_list->addItem(QString::fromStdString(n.name));
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        storeNode(m_shown);
        showNode(row);
    });
    connect(add, &QPushButton::clicked, this, &PacsSettingsDialog::addNode);
    connect(remove, &QPushButton::clicked, this, &PacsSettingsDialog::removeNode);
    connect(buttons, &QDialogButtonBox::accepted, this, &PacsSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PacsSettingsDialog::reject);
    m_list->setCurrentRow(m_configuration.nodes.empty() ? -1 : std::max(0, m_configuration.currentNode));
    if (m_configuration.nodes.empty())
        showNode(-1);
}

void PacsSettingsDialog::showNode(int row)
{
    m_shown = row;
    const bool valid = row >= 0 && std::size_t(row) < m_configuration.nodes.size();
    for (QWidget* w : std::initializer_list<QWidget*>{m_name, m_calledAe, m_host, m_port, m_callingAe, m_tls, m_tlsCa,
                                                      m_tlsCertificate, m_tlsKey})
        w->setEnabled(valid);
    if (!valid)
        return;
    const core::net::PacsNode& n = m_configuration.nodes[std::size_t(row)];
    m_name->setText(QString::fromStdString(n.name));
    m_calledAe->setText(QString::fromStdString(n.calledAeTitle));
    m_host->setText(QString::fromStdString(n.host));
    m_port->setValue(n.port);
    m_callingAe->setText(QString::fromStdString(n.callingAeTitle));
    m_tls->setChecked(n.tls.enabled);
    m_tlsCa->setText(QString::fromStdString(n.tls.caCertificateFile));
    m_tlsCertificate->setText(QString::fromStdString(n.tls.certificateFile));
    m_tlsKey->setText(QString::fromStdString(n.tls.privateKeyFile));
}

void PacsSettingsDialog::storeNode(int row)
{
    if (row < 0 || std::size_t(row) >= m_configuration.nodes.size())
        return;
    core::net::PacsNode& n = m_configuration.nodes[std::size_t(row)];
    n.name = m_name->text().trimmed().toStdString();
    n.calledAeTitle = m_calledAe->text().trimmed().toStdString();
    n.host = m_host->text().trimmed().toStdString();
    n.port = m_port->value();
    n.callingAeTitle = m_callingAe->text().trimmed().toStdString();
    n.tls.enabled = m_tls->isChecked();
    n.tls.caCertificateFile = m_tlsCa->text().trimmed().toStdString();
    n.tls.certificateFile = m_tlsCertificate->text().trimmed().toStdString();
    n.tls.privateKeyFile = m_tlsKey->text().trimmed().toStdString();
    if (QListWidgetItem* item = m_list->item(row))
        item->setText(QString::fromStdString(n.name));
}

void PacsSettingsDialog::addNode()
{
    storeNode(m_shown);
    core::net::PacsNode node;
    node.name = tr("New PACS").toStdString();
    node.calledAeTitle = "PACS";
    node.host = "localhost";
    node.callingAeTitle = m_storageAe->text().toStdString();
    m_configuration.nodes.push_back(node);
    m_list->addItem(QString::fromStdString(node.name));
    m_list->setCurrentRow(m_list->count() - 1);
}

void PacsSettingsDialog::removeNode()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_shown = -1;   // nothing to store back from the removed row
    m_configuration.nodes.erase(m_configuration.nodes.begin() + row);
    delete m_list->takeItem(row);
    showNode(m_list->currentRow());
}

void PacsSettingsDialog::accept()
{
    storeNode(m_shown);
    m_configuration.retrieveMethod = m_method->currentIndex() == 1 ? RetrieveMethod::Move : RetrieveMethod::Get;
    m_configuration.storageAeTitle = m_storageAe->text().trimmed();
    m_configuration.storagePort = m_storagePort->value();
    m_configuration.storageDirectory = m_storageDirectory->text().trimmed();
    m_configuration.currentNode = std::max(0, m_list->currentRow());
    try {
        core::net::validateAeTitle(m_configuration.storageAeTitle.toStdString(), tr("storage SCP AE title").toStdString());
        for (const core::net::PacsNode& n : m_configuration.nodes)
            core::net::validatePacsNode(n);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("PACS settings"), QString::fromStdString(e.what()));
        return;
    }
    if (m_configuration.storageDirectory.isEmpty())
        m_configuration.storageDirectory = defaultRetrieveDirectory();
    QDialog::accept();
}

} // namespace mammo::app
