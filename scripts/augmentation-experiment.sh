#!/usr/bin/env bash
# The experiment of the BAN paper (issue 6): per held-out fold, synthetic
# cases made from that fold's training images only by each method, then the
# cpu detector trained on original + synthetic cases with the schedule of the
# committed original-only models (scripts/train-detector-folds.sh defaults).
# Resumable: finished steps are skipped, a stopped training goes on from its
# checkpoint. A finished run's held-out detections are copied to
# results/augmentation/METHOD-foldK-detections.json (commit them: a machine is
# not kept for the whole experiment); a run whose copy exists is not repeated.
# Run again after a stop; then `mammoscope-cli eval-augmentation`.
#   FOLDS="1 2 3 4 5" METHODS="paste poisson no_prior ban" COUNT=100 scripts/augmentation-experiment.sh [OUT_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CLI="${CLI:-$ROOT/build/tools/mammoscope-cli}"
OUT="${1:-$ROOT/training/augmentation}"
FOLDS="${FOLDS:-1 2 3 4 5}"
METHODS="${METHODS:-paste poisson no_prior ban}"
COUNT="${COUNT:-100}"
ITERATIONS="${ITERATIONS:-1500}" STAGES="${STAGES:-0.3,0.3,0.4}" BATCH="${BATCH:-4}" THREADS="${THREADS:-2}"
BLENDER_ITERATIONS="${BLENDER_ITERATIONS:-1200}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
COMMITTED="${COMMITTED:-$ROOT/results/augmentation}"
mkdir -p "$OUT/bin" "$COMMITTED"
printf '{"cases_per_fold": %s, "detector_iterations": %s, "stages": "%s", "batch": %s, "blender_iterations": %s, "blender_preset": "cpu"}\n' \
  "$COUNT" "$ITERATIONS" "$STAGES" "$BATCH" "$BLENDER_ITERATIONS" >"$OUT/experiment.json"
if [ -f "$COMMITTED/experiment.json" ] && ! cmp -s "$OUT/experiment.json" "$COMMITTED/experiment.json"; then
  echo "settings differ from $COMMITTED/experiment.json: use another COMMITTED folder" >&2; exit 1
fi
cp "$OUT/experiment.json" "$COMMITTED/experiment.json"

# A private copy of the CLI per step, so a rebuild during the run cannot swap it mid-way.
cli() { cp "$CLI" "$OUT/bin/mammoscope-cli.$$"; "$OUT/bin/mammoscope-cli.$$" "$@"; }
stamp() { date -u +%H:%M:%S; }

blender_model() {   # method fold -> path of a model trained without the fold
  local method="$1" fold="$2" dir="$OUT/blender/$1-fold$2"
  if [ ! -f "$dir/model.pt" ]; then
    mkdir -p "$dir"
    echo "blender $method fold$fold: training ($(stamp))" >&2
    cli train-blender --method "$method" --fold "$fold" --iterations "$BLENDER_ITERATIONS" --threads "$THREADS" \
      "$dir" >>"$dir/console.log" 2>&1
    echo "blender $method fold$fold: finished ($(stamp))" >&2
  fi
  echo "$dir/model.pt"
}

for fold in $FOLDS; do
  for method in $METHODS; do
    cases="$OUT/cases/$method-fold$fold" run="$OUT/detector/$method-fold$fold"
    committed="$COMMITTED/$method-fold$fold-detections.json"
    if [ -f "$committed" ]; then echo "$method fold$fold: done (committed)"; continue; fi
    if [ ! -f "$cases/cases.json" ]; then
      rm -rf "$cases"
      model_args=()
      case "$method" in no_prior|ban|vanilla_gan) model_args=(--model "$(blender_model "$method" "$fold")");; esac
      echo "synth $method fold$fold ($(stamp))"
      cli synth --method "$method" "${model_args[@]}" --fold "$fold" --count "$COUNT" --seed "$fold" "$cases" \
        >"$OUT/synth-$method-fold$fold.log" 2>&1
    fi
    # Done when the held-out evaluation is written (after model.pt): a run stopped in
    # between is started again, and train-detector goes on from its checkpoint.
    if [ ! -f "$run/evaluation.json" ]; then
      mkdir -p "$run"
      echo "$method fold$fold: training ($(stamp))"
      cli train-detector --config cpu --fold "$fold" --iterations "$ITERATIONS" --stages "$STAGES" --batch "$BATCH" \
        --threads "$THREADS" --synthetic "$cases" "$run" >>"$run/console.log" 2>&1
      echo "$method fold$fold: finished ($(stamp)): $(tail -n 1 "$run/console.log")"
    fi
    cp "$run/evaluation.json" "$committed.partial" && mv "$committed.partial" "$committed"
  done
done
rm -f "$OUT/bin/mammoscope-cli.$$"
