#!/usr/bin/env bash
# Builds the Debian package with CPack, checks its contents and metadata, and
# starts the mammoscope binary extracted from it.  Usage: check_package.sh BUILD_DIR
set -euo pipefail
build=$1
command -v dpkg-deb >/dev/null || { echo "SKIP: dpkg-deb not installed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/out/mammoscope_*.deb)
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
info=$(dpkg-deb --info "$deb")
grep -E "Package: mammoscope|Depends:" <<<"$info"
grep -q "Depends:.*libqt6" <<<"$info" || { echo "no Qt dependency computed"; exit 1; }

contents=$(dpkg-deb --contents "$deb")
for path in usr/bin/mammoscope usr/bin/mammoscope-cli \
            usr/share/applications/io.github.mammoscope.Mammoscope.desktop \
            usr/share/metainfo/io.github.mammoscope.Mammoscope.metainfo.xml \
            usr/share/icons/hicolor/256x256/apps/io.github.mammoscope.Mammoscope.png \
            usr/share/icons/hicolor/scalable/apps/io.github.mammoscope.Mammoscope.svg \
            usr/share/doc/mammoscope/mini-mias-Licence.txt \
            usr/share/mammoscope/demo/mdb001.dcm; do
  grep -q "\./$path\$" <<<"$contents" || { echo "missing from package: $path"; exit 1; }
done

dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/io.github.mammoscope.Mammoscope.desktop"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.github.mammoscope.Mammoscope.metainfo.xml" >/dev/null
version=$(QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/mammoscope" --version)
echo "installed binary says: $version"
grep -q "0\.1\.0" <<<"$version"
"$work/root/usr/bin/mammoscope-cli" --help >/dev/null 2>&1 || "$work/root/usr/bin/mammoscope-cli" 2>&1 | grep -qi usage
echo "package OK"
