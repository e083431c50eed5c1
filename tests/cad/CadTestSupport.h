#pragma once
// Shared by the CAD tests: synthetic MG images written with our writer and
// DICOM tools (dsrdump, dciodvfy, dcmdump) run on the results.
#include "core/DicomImageWriter.h"
#include "core/DicomReader.h"

#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace mammo::test::cad {

// A small synthetic mammogram of the study "SYNTHETIC CAD TEST", read back
// from its file as the app would see it.
inline core::ImageAttributes writeSyntheticMammogram(const std::string& path, core::Laterality laterality,
                                                    core::ViewPosition view, const std::string& studyUid,
                                                    const std::string& seriesUid, int rows = 48, int columns = 64)
{
    core::ImageAttributes a;
    a.patientName = "Synthetic^CadTest";
    a.patientId = "SYNTH-CAD-1";
    a.patientSex = "F";
    a.studyInstanceUid = studyUid;
    a.seriesInstanceUid = seriesUid;
    a.studyDate = "20240102";
    a.studyTime = "101500";
    a.studyDescription = "SYNTHETIC CAD TEST";
    a.modality = "MG";
    a.rows = rows;
    a.columns = columns;
    a.pixelFormat = {16, 12, 11, false};
    a.laterality = laterality;
    a.view = view;
    a.intent = core::PresentationIntent::ForPresentation;
    a.imagerPixelSpacing = core::Spacing{0.1, 0.1};
    a.seriesNumber = 1;
    a.instanceNumber = 1;
    std::vector<std::uint16_t> pixels(std::size_t(rows) * std::size_t(columns));
    for (std::size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = std::uint16_t(i % 4096);
    core::MammographyWriteOptions options;
    options.manufacturer = "Mammoscope test";
    options.detectorType = "DIRECT";
    options.imageComments = "SYNTHETIC test image";
    core::DicomImageWriter(options).write(a, pixels, path);
    return core::readDicomHeader(path).attributes;
}

struct ToolRun {
    bool found = false;
    int exitCode = -1;
    QString output;   // stdout and stderr
    QStringList lines(const QString& prefix) const
    {
        QStringList matching;
        for (const QString& line : output.split('\n'))
            if (line.trimmed().startsWith(prefix))
                matching << line.trimmed();
        return matching;
    }
};

inline ToolRun runTool(const QString& name, const QStringList& arguments)
{
    ToolRun run;
    const QString program = QStandardPaths::findExecutable(name);
    if (program.isEmpty())
        return run;
    run.found = true;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    process.waitForFinished(60000);
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output = QString::fromLocal8Bit(process.readAll());
    return run;
}

} // namespace mammo::test::cad
