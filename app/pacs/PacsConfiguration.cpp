#include "PacsConfiguration.h"

#include <QSettings>
#include <QStandardPaths>

namespace mammo::app {

const core::net::PacsNode* PacsConfiguration::current() const
{
    if (currentNode < 0 || std::size_t(currentNode) >= nodes.size())
        return nodes.empty() ? nullptr : &nodes.front();
    return &nodes[std::size_t(currentNode)];
}

core::net::StorageScpConfig PacsConfiguration::storageScpFor(const core::net::PacsNode& node) const
{
    core::net::StorageScpConfig scp;
    scp.aeTitle = storageAeTitle.toStdString();
    scp.port = storagePort;
    scp.storageDirectory = storageDirectory.toStdString();
    scp.allowedCallingAeTitles = {node.calledAeTitle};
    return scp;
}

QString defaultRetrieveDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/retrieved");
}

PacsConfiguration loadPacsConfiguration(QSettings& settings)
{
    PacsConfiguration c;
    settings.beginGroup(QStringLiteral("pacs"));
    const int count = settings.beginReadArray(QStringLiteral("nodes"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        core::net::PacsNode node;
        node.name = settings.value(QStringLiteral("name")).toString().toStdString();
        node.calledAeTitle = settings.value(QStringLiteral("calledAeTitle")).toString().toStdString();
        node.host = settings.value(QStringLiteral("host")).toString().toStdString();
        node.port = settings.value(QStringLiteral("port"), 104).toInt();
        node.callingAeTitle = settings.value(QStringLiteral("callingAeTitle"), QStringLiteral("MAMMOSCOPE")).toString().toStdString();
        node.tls.enabled = settings.value(QStringLiteral("tls"), false).toBool();
        node.tls.caCertificateFile = settings.value(QStringLiteral("tlsCaCertificate")).toString().toStdString();
        node.tls.certificateFile = settings.value(QStringLiteral("tlsCertificate")).toString().toStdString();
        node.tls.privateKeyFile = settings.value(QStringLiteral("tlsPrivateKey")).toString().toStdString();
        c.nodes.push_back(node);
    }
    settings.endArray();
    c.currentNode = settings.value(QStringLiteral("currentNode"), 0).toInt();
    c.retrieveMethod = settings.value(QStringLiteral("retrieveMethod")).toString() == QLatin1String("move") ? RetrieveMethod::Move
                                                                                                           : RetrieveMethod::Get;
    c.storageAeTitle = settings.value(QStringLiteral("storageAeTitle"), c.storageAeTitle).toString();
    c.storagePort = settings.value(QStringLiteral("storagePort"), c.storagePort).toInt();
    c.storageDirectory = settings.value(QStringLiteral("storageDirectory"), defaultRetrieveDirectory()).toString();
    c.retrievePrior = settings.value(QStringLiteral("retrievePrior"), true).toBool();
    settings.endGroup();
    return c;
}

void savePacsConfiguration(QSettings& settings, const PacsConfiguration& c)
{
    settings.beginGroup(QStringLiteral("pacs"));
    settings.remove(QStringLiteral("nodes"));
    settings.beginWriteArray(QStringLiteral("nodes"), int(c.nodes.size()));
    for (std::size_t i = 0; i < c.nodes.size(); ++i) {
        const core::net::PacsNode& node = c.nodes[i];
        settings.setArrayIndex(int(i));
        settings.setValue(QStringLiteral("name"), QString::fromStdString(node.name));
        settings.setValue(QStringLiteral("calledAeTitle"), QString::fromStdString(node.calledAeTitle));
        settings.setValue(QStringLiteral("host"), QString::fromStdString(node.host));
        settings.setValue(QStringLiteral("port"), node.port);
        settings.setValue(QStringLiteral("callingAeTitle"), QString::fromStdString(node.callingAeTitle));
        settings.setValue(QStringLiteral("tls"), node.tls.enabled);
        settings.setValue(QStringLiteral("tlsCaCertificate"), QString::fromStdString(node.tls.caCertificateFile));
        settings.setValue(QStringLiteral("tlsCertificate"), QString::fromStdString(node.tls.certificateFile));
        settings.setValue(QStringLiteral("tlsPrivateKey"), QString::fromStdString(node.tls.privateKeyFile));
    }
    settings.endArray();
    settings.setValue(QStringLiteral("currentNode"), c.currentNode);
    settings.setValue(QStringLiteral("retrieveMethod"), c.retrieveMethod == RetrieveMethod::Move ? QStringLiteral("move") : QStringLiteral("get"));
    settings.setValue(QStringLiteral("storageAeTitle"), c.storageAeTitle);
    settings.setValue(QStringLiteral("storagePort"), c.storagePort);
    settings.setValue(QStringLiteral("storageDirectory"), c.storageDirectory);
    settings.setValue(QStringLiteral("retrievePrior"), c.retrievePrior);
    settings.endGroup();
}

} // namespace mammo::app
