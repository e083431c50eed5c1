#pragma once
#include <stdexcept>
#include <string>

namespace mammo::core {

// The project's one error type: bad input (corrupt DICOM, unsupported transfer
// syntax, missing model...). Its message is written for the user to read.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

} // namespace mammo::core
