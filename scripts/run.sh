#!/usr/bin/env bash
# Installs what is needed, builds, and opens the bundled demo study.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup-debian.sh"
bash "$root/scripts/build.sh"
exec "${BUILD_DIR:-$root/build}/app/mammoscope" "$root/resources/demo" "$@"
