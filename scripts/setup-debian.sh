#!/usr/bin/env bash
# Installs every Debian 12 package Mammoscope needs to build, run and test.
# Idempotent; run as root (or with sudo). Quiet unless something fails.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  # Qt 6 (widgets, OpenGL widgets, linguist tools for translations)
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libgl-dev libglx-dev libegl-dev libxkbcommon-dev
  qt6-qpa-plugins libqt6opengl6-dev
  # imaging and AI
  libvtk9-dev libdcmtk-dev dcmtk libopencv-dev libtorch-dev
  # model manifests (JSON) and their SHA-256 checks
  nlohmann-json3-dev libssl-dev
  # Deflated transfer syntax: inflated by our guarded reader
  zlib1g-dev
  # an optimised BLAS for LibTorch (Debian otherwise links the slow reference BLAS)
  libopenblas0-openmp
  # headless GUI tests and screenshots (Xvfb + Mesa software GL)
  xvfb xauth libgl1-mesa-dri mesa-utils
  # DICOM validation tools used by tests (dciodvfy)
  dicom3tools
  # a real PACS for the integration tests (started by the tests on a loopback port)
  orthanc
  # fonts so rendered text is legible in screenshots
  fonts-dejavu-core
  # packaging check
  dpkg-dev file
  # desktop file and AppStream checks in the packaging test; rsvg-convert renders the icon PNGs
  desktop-file-utils appstream librsvg2-bin
)

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi
echo "setup: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/mammoscope-apt.log 2>&1 \
  || { tail -n 40 /tmp/mammoscope-apt.log; exit 1; }
echo "setup: done"
