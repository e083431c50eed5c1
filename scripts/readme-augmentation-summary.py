#!/usr/bin/env python3
"""Prints the README's summary of results/augmentation.json at 1 false positive per
image: each method's mean TPR under both hit rules, on how many folds it is above,
level with and below original, and whether any method is above original under both.
Usage: scripts/readme-augmentation-summary.py results/augmentation.json"""
import json
import sys

NAMES = {"original": "original", "paste": "paste", "poisson": "Poisson", "no_prior": "no prior",
         "ban": "BAN", "vanilla_gan": "vanilla GAN"}
RULES = {"iou0.5": "IoU rule", "centre": "centre rule"}


def at_one_fppi(method, rule):
    r = method["rules"][rule]
    i = r["fppi"].index(1.0)
    return r["tpr_mean"][i], [fold[i] for fold in r["per_fold"]]


def main():
    results = json.load(open(sys.argv[1]))
    methods = results["methods"]
    original = methods["original"]
    folds = original.get("folds", [])
    lines = [f"At 1 FPPI, over folds {', '.join(map(str, folds))} (above / level / below original, fold by fold):", ""]
    lines.append("| training data | IoU rule | centre rule |")
    lines.append("| --- | --- | --- |")
    above_both = []
    for name, method in methods.items():
        cells = []
        above = True
        for rule in RULES:
            mean, per_fold = at_one_fppi(method, rule)
            base_mean, base = at_one_fppi(original, rule)
            if name == "original":
                cells.append(f"{mean:.2f}")
                continue
            up = sum(a > b + 1e-9 for a, b in zip(per_fold, base))
            down = sum(a < b - 1e-9 for a, b in zip(per_fold, base))
            cells.append(f"{mean:.2f} ({mean - base_mean:+.2f}; {up} / {len(base) - up - down} / {down})")
            above = above and mean > base_mean
        if name != "original" and above:
            above_both.append(NAMES.get(name, name))
        lines.append(f"| {NAMES.get(name, name)} | {cells[0]} | {cells[1]} |")
    lines.append("")
    if above_both:
        lines.append(f"Above original under both rules: {', '.join(above_both)}.")
    else:
        lines.append("No method is above original under both rules.")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
