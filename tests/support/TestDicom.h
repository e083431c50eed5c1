#pragma once
// Builds small DICOM files for tests with DCMTK directly, so reader tests do
// not depend on our own writer.
#include <cstdint>
#include <string>
#include <vector>

namespace mammo::test {

struct TestImageSpec {
    int rows = 32;
    int columns = 48;
    int frames = 1;
    int bitsAllocated = 16;
    int bitsStored = 12;
    bool isSigned = false;
    std::string photometric = "MONOCHROME2";
    std::string laterality = "R";
    std::string viewPosition = "MLO";
    std::vector<std::string> patientOrientation{"P", "F"};
    std::string patientId = "TEST-1";
    std::string patientName = "Test^Patient";
    std::string studyUid = "1.2.826.0.1.3680043.10.1234.1";
    std::string seriesUid = "1.2.826.0.1.3680043.10.1234.1.1";
    std::string sopUid = "1.2.826.0.1.3680043.10.1234.1.1.1";
    std::string studyDate = "20240102";
    std::string presentationIntent = "FOR PRESENTATION";
    double imagerPixelSpacing = 0.1;
    double magnification = 0.0;   // 0: absent
    std::vector<std::uint16_t> pixels;   // empty: a gradient
    // Display chain inputs (absent when empty / zero).
    std::vector<std::pair<double, double>> windows;   // (center, width)
    std::string voiLutFunction;                       // LINEAR, LINEAR_EXACT, SIGMOID
    std::vector<std::uint16_t> voiLut;                 // VOI LUT Sequence item data
    int voiLutFirstMapped = 0;
    int voiLutBits = 16;
    double rescaleSlope = 0.0;
    double rescaleIntercept = 0.0;
    std::string presentationLutShape;
};

// Writes an uncompressed MG image; returns the path.
std::string writeTestImage(const std::string& path, const TestImageSpec& spec);

// The gradient writeTestImage uses when no pixels are given.
std::vector<std::uint16_t> gradientPixels(const TestImageSpec& spec);

// A Basic Text SR without pixel data.
std::string writeTestStructuredReport(const std::string& path);

// An image whose pixel data claims JPEG 2000 (not decodable by our build).
std::string writeJpeg2000Image(const std::string& path);

} // namespace mammo::test
