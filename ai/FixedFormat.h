#pragma once
// Numbers in training logs: fixed notation, a given number of decimals.
#include <iomanip>
#include <sstream>
#include <string>

namespace mammo::ai {

inline std::string formatFixed(double value, int precision = 4)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(precision) << value;
    return out.str();
}

} // namespace mammo::ai
