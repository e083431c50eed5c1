#pragma once
#include "core/DicomImageWriter.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

namespace mammo::tools {

enum ExitCode { ExitSuccess = 0, ExitFailure = 1, ExitUsage = 2 };

// Parses a command's arguments; prints help or the parse error itself.
// Returns the exit code to stop with, or nothing to go on.
std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments);

// The parser's help with "mammoscope-cli COMMAND" in its usage line.
QString commandHelp(const QCommandLineParser& parser, const QStringList& arguments);

// --syntax values; prints the choices on stderr when the name is unknown.
std::optional<core::DicomOutputSyntax> syntaxOption(const QString& name);
QString syntaxChoices();

void printLine(const QString& text);         // stdout, flushed: progress shows as it happens
void printError(const QString& text);        // stderr, "mammoscope-cli: " prefixed
QString megabytes(qint64 bytes);             // "12.3 MB"

} // namespace mammo::tools
