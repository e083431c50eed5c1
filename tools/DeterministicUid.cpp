#include "DeterministicUid.h"

#include "core/Error.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

namespace mammo::tools {
namespace {

// Namespace of Mammoscope's name-based UUIDs; fixed forever, or every UID changes.
const QUuid kMammoscopeNamespace("95ea8d95-a4e9-40b4-9541-806e7692e773");

// Big-endian bytes to decimal digits by repeated division by ten.
std::string decimal(QByteArray bytes)
{
    std::string digits;
    auto isZero = [&bytes] { return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; }); };
    while (!isZero()) {
        int remainder = 0;
        for (char& byte : bytes) {
            const int value = remainder * 256 + static_cast<unsigned char>(byte);
            byte = static_cast<char>(value / 10);
            remainder = value % 10;
        }
        digits.push_back(static_cast<char>('0' + remainder));
    }
    if (digits.empty())
        digits = "0";
    std::reverse(digits.begin(), digits.end());
    return digits;
}

} // namespace

std::string deterministicUid(const QString& name)
{
    return "2.25." + decimal(QUuid::createUuidV5(kMammoscopeNamespace, name).toRfc4122());
}

std::string uidUnderRoot(const QString& root, std::initializer_list<int> numbers)
{
    static const QRegularExpression uidPrefix("^(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*$");
    if (!uidPrefix.match(root).hasMatch())
        throw core::Error("\"" + root.toStdString() + "\" is not a UID root (numbers separated by dots, no leading zeros).");
    std::string uid = root.toStdString();
    for (const int number : numbers)
        uid += "." + std::to_string(number);
    if (uid.size() > 64)
        throw core::Error("The UID root \"" + root.toStdString() + "\" is too long: UIDs have at most 64 characters.");
    return uid;
}

} // namespace mammo::tools
