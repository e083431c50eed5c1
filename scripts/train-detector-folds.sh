#!/usr/bin/env bash
# Trains the cpu detector's five fold models and the model on all images, two
# runs at a time with one thread each (on 2 cores that beats one run on two
# threads). Resumable: run it again and finished runs are skipped, stopped ones
# go on from their last checkpoint.
#   ITERATIONS=2000 BATCH=4 PARALLEL=2 scripts/train-detector-folds.sh [OUT_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CLI="${CLI:-$ROOT/build/tools/mammoscope-cli}"
OUT="${1:-$ROOT/training/detector-cpu}"
export ITERATIONS="${ITERATIONS:-2000}" BATCH="${BATCH:-4}" CLI OUT
export OMP_WAIT_POLICY=passive

train_one() {
  local fold="$1" name dir
  name=$([ "$fold" = 0 ] && echo all || echo "fold$fold")
  dir="$OUT/$name"
  if [ -f "$dir/model.pt" ]; then echo "$name: done"; return 0; fi
  mkdir -p "$dir"
  echo "$name: training ($(date -u +%H:%M:%S))"
  "$CLI" train-detector --config cpu --fold "$fold" --iterations "$ITERATIONS" --batch "$BATCH" --threads 1 \
    "$dir" >>"$dir/console.log" 2>&1
  echo "$name: finished ($(date -u +%H:%M:%S)): $(tail -n 1 "$dir/console.log")"
}
export -f train_one
printf '%s\n' 1 2 3 4 5 0 | xargs -P "${PARALLEL:-2}" -I{} bash -c 'train_one {}'
