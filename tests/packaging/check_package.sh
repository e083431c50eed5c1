#!/usr/bin/env bash
# Builds the Debian package with CPack, checks its control data and contents,
# validates the desktop file and AppStream metainfo, and starts the binaries
# extracted from it.
#   Usage: check_package.sh BUILD_DIR VERSION [CPACK] [SOURCE_DIR]
# Exit 77 (ctest SKIP) only when dpkg-deb or CPack's DEB generator is missing.
set -euo pipefail
build=${1:?usage: check_package.sh BUILD_DIR VERSION [CPACK] [SOURCE_DIR]}
version=${2:?version missing}
cpack=${3:-cpack}
src=${4:-}
app_id=io.github.mammoscope.Mammoscope

fail() { echo "FAIL: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || fail "$1 not found (install $2; see scripts/setup-debian.sh)"; }

command -v dpkg-deb >/dev/null || { echo "SKIP: dpkg-deb is not installed"; exit 77; }
generators=$("$cpack" --help 2>/dev/null || true)
grep -qE '^ +DEB +=' <<<"$generators" || { echo "SKIP: CPack ($cpack) has no DEB generator"; exit 77; }
need dpkg-shlibdeps dpkg-dev
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
[ -x "$build/app/mammoscope" ] || fail "$build/app/mammoscope is not built"
[ -x "$build/tools/mammoscope-cli" ] || fail "$build/tools/mammoscope-cli is not built"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---- build the package (into the temp folder; the build folder is left as it was)
(cd "$build" && "$cpack" -G DEB -B "$work/out") >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
debs=("$work"/out/mammoscope_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || { cat "$work/cpack.log"; fail "no single mammoscope_*.deb written"; }
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[ "$(basename "$deb")" = "mammoscope_${version}_${arch}.deb" ] \
  || fail "file name $(basename "$deb"), expected mammoscope_${version}_${arch}.deb"
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# ---- control data
dpkg-deb --info "$deb" >"$work/info.txt" || fail "dpkg-deb --info"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = mammoscope ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version), expected $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture: $(field Architecture)"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
grep -qE '^(science|graphics)$' <<<"$(field Section)" || fail "Section: $(field Section)"
grep -qi "not a diagnostic" <<<"$(field Description | tr -s " \n" "  ")" || fail "Description does not say it is not a diagnostic device"
depends=$(field Depends)
echo "Depends: $depends"
for dep in libqt6widgets6 libqt6opengl6 libvtk9 libdcmtk qt6-qpa-plugins; do
  grep -q "$dep" <<<"$depends" || fail "Depends lacks $dep (dpkg-shlibdeps did not run?)"
done
# Libraries that app/ or tools/ link only once the AI module is in.
linked=$(ldd "$build/app/mammoscope" "$build/tools/mammoscope-cli" 2>&1 || true)
for lib in opencv torch; do
  if grep -q "lib$lib" <<<"$linked"; then
    grep -q "$lib" <<<"$depends" || fail "binaries link lib$lib but Depends has no package for it"
  fi
done

# ---- contents
contents=$(dpkg-deb --contents "$deb")
expect=(usr/bin/mammoscope usr/bin/mammoscope-cli
        usr/share/applications/$app_id.desktop
        usr/share/metainfo/$app_id.metainfo.xml
        usr/share/icons/hicolor/scalable/apps/$app_id.svg)
for size in 48 128 256; do expect+=("usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"); done
if [ -n "$src" ] && { [ -f "$src/resources/demo/Licence.txt" ] || [ -f "$src/resources/licences/mini-mias-Licence.txt" ]; }; then
  expect+=(usr/share/doc/mammoscope/mini-mias-Licence.txt)
fi
if [ -n "$src" ] && [ -f "$src/resources/demo/mdb001.dcm" ]; then
  expect+=(usr/share/mammoscope/demo/mdb001.dcm)
fi
for path in "${expect[@]}"; do
  grep -q " \./$path\$" <<<"$contents" || fail "missing from package: $path"
done
echo "contents: ${#expect[@]} expected paths present"
! grep -q " \./usr/local/\| \./home/\| \./root/\| \./work/" <<<"$contents" || fail "package installs outside /usr"

# ---- extracted files
root=$work/root
dpkg-deb -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/$app_id.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" || fail "appstreamcli validate"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" \
  || fail "metainfo has no <release version=\"$version\"> entry (add one when the version changes)"
# The installed tree as a whole: the metainfo, its launchable desktop file and icon together.
appstreamcli validate-tree --no-net "$root" || fail "appstreamcli validate-tree"
for size in 48 128 256; do
  png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$png is not a PNG"
  dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{print $3*256+$4 "x" $7*256+$8}')
  [ "$dims" = "${size}x${size}" ] || fail "$png is $dims, expected ${size}x${size}"
done

for exe in mammoscope mammoscope-cli; do
  bin=$root/usr/bin/$exe
  rpath=$(readelf -d "$bin" 2>/dev/null | grep -E 'R(UN)?PATH' || true)
  [ -z "$rpath" ] || ! grep -qE '/work|/home|/tmp|build' <<<"$rpath" || fail "$exe keeps a build-tree RPATH: $rpath"
  missing=$(ldd "$bin" 2>&1 | grep "not found" || true)
  [ -z "$missing" ] || fail "$exe needs libraries that are not installed: $missing"
done

rc=0
out=$(QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work" timeout 60 "$root/usr/bin/mammoscope" --version 2>"$work/stderr") || rc=$?
[ $rc -eq 0 ] || { cat "$work/stderr"; fail "mammoscope --version exited with $rc"; }
echo "installed mammoscope --version: $out"
grep -qx "Mammoscope $version" <<<"$out" || fail "mammoscope --version printed '$out', expected 'Mammoscope $version'"
timeout 60 "$root/usr/bin/mammoscope-cli" --help >"$work/cli.txt" 2>&1 || true
grep -qi "usage" "$work/cli.txt" || { cat "$work/cli.txt"; fail "mammoscope-cli --help prints no usage"; }
echo "package OK"
