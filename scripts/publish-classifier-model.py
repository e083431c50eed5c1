#!/usr/bin/env python3
"""Copies the app's COIN model into resources/models/ as coin-cpu.pt and records it in manifest.json.

    scripts/publish-classifier-model.py [training/coin-cpu]

The model is full COIN trained on every mini-MIAS mass (the run
TRAINING/masses/coin/all of scripts/train-classifier-folds.sh). Its measured
figures are the 5-fold cross-validation of the same recipe in
results/coin.json (mammoscope-cli eval-classifier), copied in when present.
"""
import json
import shutil
import sys
from pathlib import Path

from manifest_tools import MODELS, ROOT, SPLIT, read_manifest, sha256, write_manifest


def main():
    training = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "training" / "coin-cpu"
    run = training / "masses" / "coin" / "all"
    if not (run / "model.pt").exists():
        sys.exit(f"{run}: no model.pt; run scripts/train-classifier-folds.sh first")
    recipe = json.loads((run / "options.json").read_text())
    state = json.loads((run / "checkpoint.json").read_text())
    target = MODELS / "coin-cpu.pt"
    MODELS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(run / "model.pt", target)

    manifest = read_manifest()
    entry = manifest.setdefault("models", {}).setdefault("coin-cpu", {})
    entry.clear()
    entry.update({
        "file": target.name,
        "sha256": sha256(target),
        "config": recipe["network"],
        "task": "benign / malignant classification of a mass ROI (COIN), P(malignant)",
        "dataset": "mini-MIAS masses (CIRC, SPIC, MISC with coordinates: 58 ROIs, 200 um)",
        "split": SPLIT,
        "trained_on": "all 58 mass ROIs (fold 0)",
        "method": (f"configuration {recipe['configuration']}: adversarial neighbours, signed graph n+ = {recipe['n_plus']}, "
                   f"n- = {recipe['n_minus']}, lambda = {recipe['lambda']}, margin {recipe['margin']}"),
        "training_command": (f"mammoscope-cli train-classifier --dataset masses --fold 0 --configuration {recipe['configuration']} "
                             f"--network {recipe['network']} --iterations {recipe['iterations']} --batch {recipe['batch']} "
                             f"--lr {recipe['learning_rate']} --threads {recipe['threads']} {run.relative_to(ROOT) if run.is_relative_to(ROOT) else run}"),
        "training_seconds": round(state.get("seconds", 0.0)),
        "training_machine": "2 CPU cores (scripts/train-classifier-folds.sh)",
    })
    results = ROOT / "results" / "coin.json"
    if results.exists():
        coin = json.loads(results.read_text()).get("masses", {}).get("coin")
        if coin:
            entry["metrics"] = {"cross_validation": "results/coin.json (masses, coin: the same recipe, 5 folds)",
                                **{key: coin[key] for key in ("acc_mean", "acc_std", "auc_mean", "auc_std") if key in coin}}
    write_manifest(manifest)
    print(f"coin-cpu: {target.relative_to(ROOT)} {entry['sha256'][:12]} ({state['iteration']} iterations)")


if __name__ == "__main__":
    main()
