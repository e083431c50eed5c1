#pragma once
#include <QString>

#include <string>

namespace mammo::tools {

// A DICOM UID that is the same every time for the same name: "2.25." followed
// by the decimal value of the name-based (SHA-1, version 5) UUID of the name
// (PS3.5 B.2, ISO/IEC 9834-8). Re-running an import yields the same UIDs.
std::string deterministicUid(const QString& name);

// ROOT.a.b.c... from numbers under a UID root the user owns; throws
// core::Error when the root is not a valid UID prefix or the UID gets too long.
std::string uidUnderRoot(const QString& root, std::initializer_list<int> numbers);

} // namespace mammo::tools
