#include "CommandLine.h"

#include <QCoreApplication>

#include <cstdio>

namespace mammo::tools {

std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments)
{
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(arguments)) {
        printError(parser.errorText() + "\n" + commandHelp(parser, arguments));
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        printLine(commandHelp(parser, arguments));
        return ExitSuccess;
    }
    return std::nullopt;
}

QString commandHelp(const QCommandLineParser& parser, const QStringList& arguments)
{
    // Qt writes the program's own name in the usage line; the command belongs there too.
    QString text = parser.helpText();
    const QString program = QCoreApplication::arguments().value(0);
    if (!program.isEmpty() && text.startsWith("Usage: " + program + " "))
        text.replace(0, int(QString("Usage: " + program).size()), "Usage: " + arguments.value(0));
    return text;
}

std::optional<core::DicomOutputSyntax> syntaxOption(const QString& name)
{
    const auto syntax = core::outputSyntaxFromName(name.toStdString());
    if (!syntax)
        printError(QString("unknown transfer syntax \"%1\"; choose one of %2.").arg(name, syntaxChoices()));
    return syntax;
}

QString syntaxChoices()
{
    QStringList names;
    for (const auto syntax : {core::DicomOutputSyntax::ExplicitLittleEndian, core::DicomOutputSyntax::RleLossless,
                              core::DicomOutputSyntax::JpegLosslessSv1, core::DicomOutputSyntax::JpegLsLossless,
                              core::DicomOutputSyntax::JpegBaseline})
        names << QString::fromStdString(core::outputSyntaxName(syntax));
    return names.join(", ");
}

void printLine(const QString& text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

void printError(const QString& text)
{
    std::fprintf(stderr, "mammoscope-cli: %s\n", qPrintable(text));
    std::fflush(stderr);
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', 1) + " MB";
}

} // namespace mammo::tools
