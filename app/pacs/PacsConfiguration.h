#pragma once
#include <core/net/PacsNode.h>
#include <core/net/StorageScp.h>

#include <QString>

#include <vector>

class QSettings;

namespace mammo::app {

enum class RetrieveMethod { Get, Move };   // C-GET into our folder, or C-MOVE to our storage SCP

// The reading station's PACS set-up, persisted with QSettings.
struct PacsConfiguration {
    std::vector<core::net::PacsNode> nodes;
    int currentNode = 0;
    RetrieveMethod retrieveMethod = RetrieveMethod::Get;
    // Our storage SCP for C-MOVE: it accepts only the configured nodes' AE titles.
    QString storageAeTitle = QStringLiteral("MAMMOSCOPE");
    int storagePort = 11112;
    QString storageDirectory;        // where retrieved studies go (C-GET and C-MOVE)
    bool retrievePrior = true;       // also fetch the newest earlier MG study of the patient

    const core::net::PacsNode* current() const;
    // The SCP settings for a C-MOVE from `node` (only that node may call).
    core::net::StorageScpConfig storageScpFor(const core::net::PacsNode& node) const;
};

PacsConfiguration loadPacsConfiguration(QSettings& settings);
void savePacsConfiguration(QSettings& settings, const PacsConfiguration& configuration);

// The default folder for retrieved studies (application data).
QString defaultRetrieveDirectory();

} // namespace mammo::app
