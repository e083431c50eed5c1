#include "CadResultsExporter.h"

#include <core/cad/CadResultsExport.h>

#include <QCoreApplication>
#include <QDir>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace mammo::app {
namespace {

struct Outcome {
    bool ok = false;
    QString message;
    QStringList files;
};

} // namespace

CadResultsExporter::CadResultsExporter(QObject* parent) : QObject(parent) {}

void CadResultsExporter::exportTo(const QString& folder, const std::vector<core::ImageAttributes>& images,
                                  const std::vector<core::Finding>& findings)
{
    if (m_busy) {
        Q_EMIT finished(false, tr("An export is still being written."), {});
        return;
    }
    m_busy = true;
    core::cad::CadProducer producer;
    producer.softwareVersion = QCoreApplication::applicationVersion().toStdString();
    producer.algorithmName = "Mammoscope mass detector (detector-cpu) with COIN benign/malignant classifier (coin-cpu)";
    producer.algorithmVersion = producer.softwareVersion.empty() ? "unknown" : producer.softwareVersion;
    const QString study = images.empty() ? QString() : QString::fromStdString(images.front().studyInstanceUid);
    const QString srPath = QDir(folder).filePath(QStringLiteral("CAD-SR-%1.dcm").arg(study));
    const QString segFolder = QDir(folder).filePath(QStringLiteral("SEG"));
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        m_busy = false;
        Q_EMIT finished(outcome.ok, outcome.message, outcome.files);
    });
    watcher->setFuture(QtConcurrent::run([images, findings, producer, srPath, segFolder] {
        Outcome outcome;
        try {
            const auto written = core::cad::exportCadResults(images, findings, producer, srPath.toStdString(), segFolder.toStdString());
            outcome.files << QString::fromStdString(written.srPath);
            for (const std::string& seg : written.segPaths)
                outcome.files << QString::fromStdString(seg);
            outcome.ok = true;
            outcome.message = CadResultsExporter::tr("Wrote a CAD SR with %n finding(s)", nullptr, written.findingsWritten) +
                              CadResultsExporter::tr(" and %n SEG object(s)", nullptr, int(written.segPaths.size()));
            if (written.readerRegionsSkipped > 0)
                outcome.message += CadResultsExporter::tr("; %n region(s) you drew are not CAD output and were left out", nullptr,
                                                          written.readerRegionsSkipped);
        } catch (const std::exception& e) {
            outcome.message = QString::fromStdString(e.what());
        }
        return outcome;
    }));
}

} // namespace mammo::app
