#!/usr/bin/env bash
# Trains COIN's ablation (paper Table I) and a small grid over (n+, n-) and
# lambda, 5-fold on both data sets, then the app's model (full COIN on every
# mass). Resumable: finished runs (evaluation.json / model.pt) are skipped and
# stopped ones go on from their last checkpoint.
#   ITERATIONS=250 BATCH=16 LR=0.001 NETWORK=cpu THREADS=2 scripts/train-classifier-folds.sh [OUT_DIR]
#   ONLY='masses/coin-lambda0.5' SKIP_APP_MODEL=1 scripts/train-classifier-folds.sh   # some runs only (a glob)
# A finished fold's evaluation.json and options.json are copied to
# results/coin-runs/DATASET/CONFIGURATION/foldK/ (commit them: a machine is not
# kept for the whole ablation); a run whose copy exists is not repeated.
# Then: mammoscope-cli eval-classifier results/coin-runs (results/coin.json; entries
# not at hand are kept from the previous file, results/coin-roc.png when all are).
# 250 iterations of 16 ROIs take about 85 s on 2 cores with the cpu network.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CLI="${CLI:-$ROOT/build/tools/mammoscope-cli}"
OUT="${1:-$ROOT/training/coin-cpu}"
COMMITTED="${COMMITTED:-$ROOT/results/coin-runs}"
ITERATIONS="${ITERATIONS:-250}" BATCH="${BATCH:-16}" LR="${LR:-0.001}" NETWORK="${NETWORK:-cpu}" THREADS="${THREADS:-2}"
ONLY="${ONLY:-*}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-active}"

# train DATASET DIR_NAME FOLD [extra train-classifier options]
train() {
  local dataset="$1" name="$2" fold="$3"; shift 3
  # shellcheck disable=SC2254 # ONLY is a glob on purpose
  case "$dataset/$name" in $ONLY) ;; *) return 0 ;; esac
  local dir="$OUT/$dataset/$name/fold$fold" done_file=evaluation.json
  local committed="$COMMITTED/$dataset/$name/fold$fold"
  if [ "$fold" = 0 ]; then dir="$OUT/$dataset/$name/all"; done_file=model.pt; committed=""; fi
  if [ -n "$committed" ] && [ -f "$committed/evaluation.json" ]; then
    same_schedule "$committed/options.json" && return 0
    echo "$committed was trained on another schedule: give this one another COMMITTED folder" >&2
    exit 1
  fi
  if [ -f "$dir/$done_file" ]; then keep "$dir" "$committed"; return 0; fi
  mkdir -p "$dir"
  echo "$dataset/$name/$(basename "$dir"): training ($(date -u +%H:%M:%S))"
  "$CLI" train-classifier --dataset "$dataset" --fold "$fold" --network "$NETWORK" --iterations "$ITERATIONS" \
    --batch "$BATCH" --lr "$LR" --threads "$THREADS" "$@" "$dir" >>"$dir/console.log" 2>&1
  echo "  finished ($(date -u +%H:%M:%S)): $(tail -n 1 "$dir/console.log")"
  keep "$dir" "$committed"
}

# same_schedule OPTIONS_JSON: the committed fold was trained as this run would be
same_schedule() {
  grep -q "\"iterations\": $ITERATIONS," "$1" && grep -q "\"batch\": $BATCH," "$1" && grep -q "\"network\": \"$NETWORK\"" "$1"
}

# keep RUN_DIR COMMITTED_DIR: the held-out evaluation of a finished fold, to be committed
keep() {
  [ -n "$2" ] || return 0
  mkdir -p "$2" && cp "$1/evaluation.json" "$1/options.json" "$2/"
}

# The app's model first: full COIN on all 58 masses; then the ablation on both
# data sets; the grid (masses only) last: (n+, n-) = (3, 2), and lambda 0.5 and
# 2 at the default (1, 4).
[ "${SKIP_APP_MODEL:-0}" = 1 ] || train masses coin 0 --configuration coin
for dataset in masses all; do
  for configuration in baseline conventional adversarial lambda0 coin; do
    for fold in 1 2 3 4 5; do train "$dataset" "$configuration" "$fold" --configuration "$configuration"; done
  done
done
for fold in 1 2 3 4 5; do train masses coin-n3-2 "$fold" --configuration coin --n-plus 3 --n-minus 2; done
for fold in 1 2 3 4 5; do train masses coin-lambda2 "$fold" --configuration coin --lambda 2; done
for fold in 1 2 3 4 5; do train masses coin-lambda0.5 "$fold" --configuration coin --lambda 0.5; done
