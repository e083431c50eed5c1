#!/usr/bin/env bash
# Builds the libFuzzer target tests/fuzz/fuzz_dicom_loader with clang (ASan +
# UBSan on our code; DCMTK is the system's, uninstrumented) and runs it at
# nice 19 on one process, seeded from the demo study, files written by
# tests/support, the hand-made hostile files and tests/fuzz/regressions/.
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]
#
# Environment: BUILD_DIR (default build-fuzz), FUZZ_RUNS (default 1000000:
# stop after this many executions or SECONDS, whichever comes first).
# Findings land in $BUILD_DIR/fuzz-artifacts/; copy each reproducer to
# tests/fuzz/regressions/ with a descriptive name once it is fixed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-1800}
shift || true
build=${BUILD_DIR:-$root/build-fuzz}
case "$build" in /*) ;; *) build=$root/$build ;; esac
runs=${FUZZ_RUNS:-1000000}

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if ! command -v clang++ >/dev/null || ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
  echo "fuzz: installing clang (libFuzzer)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends clang >/tmp/mammoscope-apt.log 2>&1 \
    || { tail -n 40 /tmp/mammoscope-apt.log; exit 1; }
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DMAMMO_FUZZ=ON >/dev/null
fi
nice -n 19 ninja -C "$build" -j1 fuzz_dicom_loader fuzz_write_seeds

seeds=$build/fuzz-seeds
corpus=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
rm -rf "$seeds"
mkdir -p "$corpus" "$artifacts"
"$build/tests/fuzz/fuzz_write_seeds" "$root" "$seeds"
for f in "$root"/tests/fuzz/regressions/*; do
  [ -f "$f" ] && [ "$(basename "$f")" != README.md ] && cp "$f" "$seeds/regression-$(basename "$f")"
done

log=$build/fuzz.log
echo "fuzz: up to $seconds s or $runs executions; log in $log"
set +e
started=$(date +%s)
# -max_len: the demo files (270 KB) are cut to 64 KiB, which keeps their headers and a part of
# their JPEG data; -malloc_limit_mb: one allocation above 1 GiB is a finding.
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 UBSAN_OPTIONS=print_stacktrace=1 \
nice -n 19 "$build/tests/fuzz/fuzz_dicom_loader" \
  -dict="$root/tests/fuzz/dicom.dict" -max_len=65536 -rss_limit_mb=2560 -malloc_limit_mb=1024 -timeout=10 \
  -max_total_time="$seconds" -runs="$runs" -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" \
  "$corpus" "$seeds" >"$log" 2>&1
status=$?
elapsed=$(( $(date +%s) - started ))
set -e

executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
coverage=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
findings=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | wc -l)
echo "fuzz: executions ${executions:-?}, ${elapsed} s, ${rate:-?} exec/s, ${coverage:-coverage ?}, corpus $(ls "$corpus" | wc -l) files"
if [ "$status" -ne 0 ] || [ "$findings" -ne 0 ]; then
  echo "fuzz: FINDINGS (exit $status): $findings file(s) in $artifacts"
  grep -E '^==[0-9]+==ERROR|SUMMARY|runtime error|deadly signal|out-of-memory|timeout' "$log" | head -n 10
  exit 1
fi
echo "fuzz: no crash, hang, leak or out-of-memory"
