#pragma once
#include <QStringList>

namespace mammo::tools {

// Each command gets its own name followed by its arguments and returns the exit
// code: 0 done, 1 failed (message on stderr), 2 wrong usage.
int runImportMias(const QStringList& arguments);
int runMakeFfdmStudy(const QStringList& arguments);

} // namespace mammo::tools
