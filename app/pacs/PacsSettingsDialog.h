#pragma once
#include "PacsConfiguration.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace mammo::app {

// Edits the PACS nodes (AE title, host, port, our AE title, TLS files) and
// our storage SCP; checks every node with core::net::validatePacsNode before
// it accepts, so a bad AE title or port is refused with the reason.
class PacsSettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit PacsSettingsDialog(PacsConfiguration configuration, QWidget* parent = nullptr);
    PacsConfiguration configuration() const { return m_configuration; }

    void accept() override;

private:
    void showNode(int row);
    void storeNode(int row);
    void addNode();
    void removeNode();

    PacsConfiguration m_configuration;
    int m_shown = -1;
    QListWidget* m_list = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_calledAe = nullptr;
    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_callingAe = nullptr;
    QCheckBox* m_tls = nullptr;
    QLineEdit* m_tlsCa = nullptr;
    QLineEdit* m_tlsCertificate = nullptr;
    QLineEdit* m_tlsKey = nullptr;
    QComboBox* m_method = nullptr;
    QLineEdit* m_storageAe = nullptr;
    QSpinBox* m_storagePort = nullptr;
    QLineEdit* m_storageDirectory = nullptr;
};

} // namespace mammo::app
