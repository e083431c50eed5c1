#pragma once
#include <string>
#include <vector>

namespace mammo::core::net {

// The storage SOP classes a mammography reading station exchanges with a
// PACS: MG/DX/breast images, our CAD SR and SEG, and common companions
// (SR, key objects, presentation states, secondary capture, PDF).
const std::vector<std::string>& storageSopClassUids();

// True for SOP classes with pixel data that may come compressed.
bool isImageStorageSopClass(const std::string& sopClassUid);

// Explicit then implicit VR Little Endian.
const std::vector<std::string>& uncompressedTransferSyntaxes();

// The compressed syntaxes that DCMTK decodes here: JPEG lossless (SV1, 14),
// JPEG-LS lossless and near-lossless, RLE, JPEG baseline and extended.
const std::vector<std::string>& compressedTransferSyntaxes();

} // namespace mammo::core::net
