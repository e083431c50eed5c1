#!/usr/bin/env python3
"""Prints the README table of results/augmentation.json (eval-augmentation's output):
TPR at 0.5, 1 and 2 false positives per image, mean ± std over the compared folds,
for both hit rules. Usage: scripts/readme-augmentation-table.py results/augmentation.json"""
import json
import sys

NAMES = {"original": "original only", "paste": "+ paste", "poisson": "+ Poisson (mixed)",
         "no_prior": "+ adversarial, no prior", "ban": "+ BAN", "vanilla_gan": "+ vanilla GAN"}


def cell(rule, fppi):
    i = rule["fppi"].index(fppi)
    return f'{rule["tpr_mean"][i]:.2f} ± {rule["tpr_std"][i]:.2f}'


def main(path):
    data = json.load(open(path))
    folds = data["experiment"]["folds"]
    print(f"Folds compared: {', '.join(map(str, folds))} of 5.\n")
    print("| training data | IoU>0.5 @0.5 | IoU>0.5 @1 | IoU>0.5 @2 | centre @0.5 | centre @1 | centre @2 |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for method, result in data["methods"].items():
        rules = result["rules"]
        cells = [cell(rules[r], f) for r in ("iou0.5", "centre") for f in (0.5, 1.0, 2.0)]
        print(f"| {NAMES.get(method, method)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "results/augmentation.json")
