#!/usr/bin/env python3
"""Copies trained detector runs into resources/models/ and records them in manifest.json.

    scripts/publish-detector-models.py [training/detector-cpu]

Each run folder (fold1..fold5, all) holds model.pt, checkpoint.json and the logs
train-detector wrote. The manifest entry gets the file, its SHA-256, the
configuration, the exact training command, the split and the training time;
`mammoscope-cli eval-detector --update-manifest` then adds the measured metrics.
"""
import json
import shutil
import sys
from pathlib import Path

from manifest_tools import MODELS, ROOT, SPLIT, read_manifest, sha256, write_manifest


def iterations(run):
    with open(run / "checkpoint.json") as stream:
        state = json.load(stream)
    return state["iteration"], state.get("seconds", 0.0)


def main():
    training = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "training" / "detector-cpu"
    MODELS.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest()
    manifest.setdefault("note", "Mass detector models (Mask R-CNN structure, cpu configuration), trained from "
                                "scratch on mini-MIAS. Decision support, not diagnosis.")
    models = manifest.setdefault("models", {})
    for run_name, fold in [("fold1", 1), ("fold2", 2), ("fold3", 3), ("fold4", 4), ("fold5", 5), ("all", 0)]:
        run = training / run_name
        if not (run / "model.pt").exists():
            print(f"{run_name}: no model.pt, skipped")
            continue
        name = "detector-cpu" if fold == 0 else f"detector-cpu-fold{fold}"
        target = MODELS / f"{name}.pt"
        shutil.copyfile(run / "model.pt", target)
        count, seconds = iterations(run)
        # Runs record their options (options.json); older runs were two one-thread runs side by side.
        recipe = json.loads((run / "options.json").read_text()) if (run / "options.json").exists() else {}
        threads = recipe.get("threads", 1)
        batch = recipe.get("batch", 4)
        stages = recipe.get("stages")
        stages_option = f"--stages {','.join(f'{x:g}' for x in stages)} " if stages else ""
        try:
            out_dir = run.resolve().relative_to(ROOT)
        except ValueError:
            out_dir = run
        entry = models.setdefault(name, {})
        entry.update({
            "file": target.name,
            "sha256": sha256(target),
            "config": "cpu",
            "task": "mass detection (box, mask outline, score)",
            "dataset": "mini-MIAS (322 images, 200 um, y of Info.txt flipped)",
            "split": SPLIT,
            "trained_on": "all 322 images" if fold == 0 else f"folds other than {fold} (test fold {fold} held out)",
            "training_command": (f"mammoscope-cli train-detector --config cpu --fold {fold} --iterations {count} "
                                 f"{stages_option}--batch {batch} --threads {threads} {out_dir}"),
            "training_seconds": round(seconds),
            "training_machine": f"2 CPU cores, {threads} thread(s) per run (scripts/train-detector-folds.sh)",
        })
        print(f"{run_name}: {target.relative_to(ROOT)} {entry['sha256'][:12]} ({count} iterations, {seconds/60:.0f} min)")
    write_manifest(manifest)


if __name__ == "__main__":
    main()
