#!/usr/bin/env bash
# Trains the cpu detector's five fold models and the model on all images.
# Resumable: run it again and finished runs are skipped, stopped ones go on from
# their last checkpoint. One run at a time on all cores is the fastest since
# LibTorch runs with a single BLAS thread (stage 3: 0.4 s per iteration of 4
# patches on 2 cores; two one-thread runs side by side took 1 s each).
#   ITERATIONS=1500 STAGES=0.3,0.3,0.4 BATCH=4 THREADS=2 PARALLEL=1 scripts/train-detector-folds.sh [OUT_DIR]
# The defaults (1500 iterations, stages 0.3/0.3/0.4) reproduce the detectors of the
# augmentation experiment. The committed models come from the longer schedule with
# fewer frozen-backbone steps, the command below (results/detector-runs/cpu-3000).
# COMMITTED=DIR keeps a schedule going across machines (a machine is not kept for
# six runs): each finished run's model, options, checkpoint.json, held-out
# evaluation and logs are copied to DIR/<run> (commit them); a run found there is
# restored, not repeated. DIR is itself a training folder for
# publish-detector-models.py and `eval-detector --training`. A run folder or a
# committed folder of other settings (iterations, stages, batch) is refused.
#   ITERATIONS=3000 STAGES=0.1,0.2,0.7 COMMITTED=results/detector-runs/cpu-3000 \
#     scripts/train-detector-folds.sh training/detector-cpu-3000
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CLI="${CLI:-$ROOT/build/tools/mammoscope-cli}"
OUT="${1:-$ROOT/training/detector-cpu}"
export ITERATIONS="${ITERATIONS:-1500}" STAGES="${STAGES:-0.3,0.3,0.4}" BATCH="${BATCH:-4}" THREADS="${THREADS:-2}" CLI OUT
# One run at a time: OpenMP threads may spin between parallel regions (passive
# waiting cost a quarter of the CPU in sleeps and wake-ups).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-active}"
COMMITTED="${COMMITTED:-}"
if [ -n "$COMMITTED" ]; then
  mkdir -p "$COMMITTED"
  COMMITTED="$(cd "$COMMITTED" && pwd)"
  schedule=$(printf '{"config": "cpu", "iterations": %s, "stages": "%s", "batch": %s}' "$ITERATIONS" "$STAGES" "$BATCH")
  if [ -f "$COMMITTED/schedule.json" ] && [ "$(cat "$COMMITTED/schedule.json")" != "$schedule" ]; then
    echo "settings differ from $COMMITTED/schedule.json ($(cat "$COMMITTED/schedule.json")): use another COMMITTED folder" >&2
    exit 1
  fi
  echo "$schedule" >"$COMMITTED/schedule.json"
fi
export COMMITTED
# model.pt last: a folder holding it is complete.
KEPT_FILES="options.json checkpoint.json evaluation.json train-log.csv validation-log.csv console.log model.pt"
export KEPT_FILES

# Whether a run folder's options.json was trained with the requested settings.
same_settings() {
  python3 - "$1/options.json" "$ITERATIONS" "$STAGES" "$BATCH" <<'PY'
import json, sys
path, iterations, stages, batch = sys.argv[1:]
try:
    o = json.load(open(path))
except (OSError, ValueError):
    sys.exit(1)
same = (o.get("iterations") == int(iterations) and o.get("batch") == int(batch)
        and [round(float(x), 6) for x in o.get("stages", [])] == [round(float(x), 6) for x in stages.split(",")])
sys.exit(0 if same else 1)
PY
}

train_one() {
  local fold="$1" name dir
  name=$([ "$fold" = 0 ] && echo all || echo "fold$fold")
  dir="$OUT/$name"
  local kept="${COMMITTED:+$COMMITTED/$name}"
  if [ -n "$kept" ] && [ -f "$kept/model.pt" ] && [ ! -f "$dir/model.pt" ]; then
    mkdir -p "$dir"
    for f in $KEPT_FILES; do if [ -f "$kept/$f" ]; then cp "$kept/$f" "$dir/$f"; fi; done
    echo "$name: restored from $kept"
  fi
  if [ -f "$dir/options.json" ] && ! same_settings "$dir"; then
    echo "$name: $dir was trained with other settings than ITERATIONS=$ITERATIONS STAGES=$STAGES BATCH=$BATCH: use another OUT_DIR" >&2
    return 1
  fi
  if [ -f "$dir/model.pt" ]; then echo "$name: done"; keep_run "$dir" "$kept"; return; fi
  mkdir -p "$dir"
  echo "$name: training ($(date -u +%H:%M:%S))"
  if ! "$CLI" train-detector --config cpu --fold "$fold" --iterations "$ITERATIONS" --stages "$STAGES" --batch "$BATCH" \
    --threads "$THREADS" "$dir" >>"$dir/console.log" 2>&1; then
    echo "$name: failed ($(date -u +%H:%M:%S)): $(tail -n 1 "$dir/console.log")" >&2
    return 1
  fi
  echo "$name: finished ($(date -u +%H:%M:%S)): $(tail -n 1 "$dir/console.log")"
  keep_run "$dir" "$kept"
}
# Copies a finished run to its committed folder (file by file, written beside and
# renamed over, model last: a run there is complete when its model.pt is).
keep_run() {
  local dir="$1" kept="$2" f
  if [ -z "$kept" ] || [ -f "$kept/model.pt" ]; then return 0; fi
  [ -f "$dir/model.pt" ] || { echo "$(basename "$dir"): no model.pt to keep" >&2; return 1; }
  mkdir -p "$kept"
  for f in $KEPT_FILES; do
    if [ -f "$dir/$f" ]; then
      cp "$dir/$f" "$kept/$f.partial" && mv "$kept/$f.partial" "$kept/$f" || return 1
    fi
  done
  echo "$(basename "$dir"): kept in $kept (commit it)"
}
export -f train_one keep_run same_settings
printf '%s\n' 1 2 3 4 5 0 | xargs -P "${PARALLEL:-1}" -I{} bash -c 'train_one {}'
