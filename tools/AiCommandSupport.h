#pragma once
// What the commands that run a model on an image (detect, classify) share:
// reading the image as the detector sees it, finding the model, the device.
#include "ai/MassDetector.h"

#include <QString>

#include <opencv2/core/mat.hpp>

#include <optional>

namespace mammo::tools {

struct InputImage {
    cv::Mat grey;               // brighter = denser, the detector's and the classifier's input
    double spacingMm = 0.0;
    QString sopInstanceUid;     // DICOM only
    QString note;               // e.g. the spacing was assumed
};

// A DICOM file through its display chain, or a grey PNG/PGM as stored; a file
// without a pixel spacing gets defaultSpacing. Throws core::Error.
InputImage readInput(const QString& path, double defaultSpacing);

// A model file as given, else the verified file of the manifest entry of that
// name in the default models directory. Throws core::Error (a path that does
// not exist is said to be missing, not looked up in the manifest).
QString modelPath(const QString& model);

// --device: "cpu", "cuda" or "auto"; prints the error and returns nothing otherwise.
std::optional<ai::ComputeDevice> computeDeviceOption(const QString& name);

} // namespace mammo::tools
