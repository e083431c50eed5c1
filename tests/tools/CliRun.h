#pragma once
// Runs the built mammoscope-cli (MAMMOSCOPE_CLI, set by tests/tools/CMakeLists.txt)
// as a user would, optionally with MAMMO_MODELS_DIR pointing at a test's models.
#include <QProcess>
#include <QString>
#include <QStringList>

struct CliRun {
    int exitCode = -1;
    QString standardOutput;
    QString standardError;
};

inline CliRun runCli(const QStringList& arguments, const QString& modelsDirectory = {})
{
    QProcess process;
    if (!modelsDirectory.isEmpty()) {
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert("MAMMO_MODELS_DIR", modelsDirectory);
        process.setProcessEnvironment(environment);
    }
    process.start(MAMMOSCOPE_CLI, arguments);
    process.waitForFinished(240000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}
