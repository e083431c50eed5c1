#pragma once
#include <QString>
#include <QStringList>

class QCommandLineParser;
class QCommandLineOption;

namespace mammo::tools {

// Each command gets its own name followed by its arguments and returns the exit
// code: 0 done, 1 failed (message on stderr), 2 wrong usage.
int runImportMias(const QStringList& arguments);
int runMakeFfdmStudy(const QStringList& arguments);
int runMakeSplit(const QStringList& arguments);
int runTrainDetector(const QStringList& arguments);
int runEvalDetector(const QStringList& arguments);
int runDetect(const QStringList& arguments);
int runClassify(const QStringList& arguments);
int runTrainClassifier(const QStringList& arguments);
int runEvalClassifier(const QStringList& arguments);
int runSynth(const QStringList& arguments);
int runTrainBlender(const QStringList& arguments);
int runEvalAugmentation(const QStringList& arguments);
int runMakeLesionLibrary(const QStringList& arguments);

// Shared by the AI commands.
QString defaultSplitPath();
QString defaultModelsDirectory();
QString miasDirectoryOption(const QCommandLineParser& parser, const QCommandLineOption& option);
// The --mias DIR and --split FILE options every mini-MIAS command takes, worded once.
QCommandLineOption miasCommandOption();
QCommandLineOption splitCommandOption();

} // namespace mammo::tools
