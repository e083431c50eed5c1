#pragma once
#include <string>

namespace mammo::core {

// Human-readable name of a transfer syntax UID ("JPEG 2000 Image Compression").
std::string transferSyntaxName(const std::string& uid);

// True when the registered DCMTK codecs can decode pixel data in this syntax.
bool isTransferSyntaxSupported(const std::string& uid);

// Registers DCMTK's JPEG, JPEG-LS and RLE decoders once per process and keeps
// DCMTK's own log quiet (FATAL only; our errors carry the message instead): its
// warnings can quote element values, patient names among them. The one place
// the level is set; every part of core that uses DCMTK calls this first.
void initialiseDicomToolkit();

} // namespace mammo::core
