#!/usr/bin/env bash
# Installs what is needed, builds, and runs the test suites (all but `slow` and `fuzz`).
# GUI tests run under Xvfb with Mesa (registered that way in tests/CMakeLists.txt).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
bash "$root/scripts/setup-debian.sh"
bash "$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure --label-exclude 'slow|fuzz' --parallel "$(nproc)" "$@"
