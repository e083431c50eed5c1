#!/usr/bin/env bash
# Rewrites the experiment's table and its 1-FPPI summary between the
# <!-- augmentation-table --> markers of README.md from results/augmentation.json.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESULTS="${1:-$ROOT/results/augmentation.json}"
python3 - "$ROOT/README.md" "$RESULTS" "$ROOT/scripts" <<'PY'
import subprocess, sys
readme, results, scripts = sys.argv[1:]
text = open(readme).read()
run = lambda name: subprocess.run(["python3", f"{scripts}/{name}", results], check=True,
                                  capture_output=True, text=True).stdout.rstrip("\n")
start, end = "<!-- augmentation-table -->\n", "<!-- /augmentation-table -->"
a, b = text.index(start) + len(start), text.index(end)
open(readme, "w").write(text[:a] + run("readme-augmentation-table.py") + "\n\n" +
                        run("readme-augmentation-summary.py") + "\n" + text[b:])
PY
