#!/usr/bin/env bash
# Renders the PNG application icons from mammoscope.svg (needs rsvg-convert,
# Debian package librsvg2-bin). The PNGs are committed; run this after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for size in 48 128 256; do
  rsvg-convert --width "$size" --height "$size" mammoscope.svg --output "mammoscope-$size.png"
done
