#!/usr/bin/env python3
# Rewrites the COIN table between <!-- coin-table --> markers in README.md from results/coin.json.
# Usage: python3 scripts/readme-coin-table.py results/coin.json
import json, os, re, sys
R = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'README.md')
res=json.load(open(sys.argv[1]))
def row(ds,name,label):
    e=res.get(ds,{}).get(name)
    if not e: return f"| {label} | not run yet | |"
    folds=e['folds']
    part='' if folds==5 else f" ({folds} of 5 folds)"
    return f"| {label}{part} | {e['auc_mean']:.2f} ± {e['auc_std']:.2f} | {e['acc_mean']:.2f} ± {e['acc_std']:.2f} |"
reference=[('lesion_radius','*reference: lesion radius alone (no pixels, threshold from the training folds)*')]
labels=[('baseline','baseline CNN (originals only)'),('conventional','+ flips and 90° rotations'),('adversarial','adversarial augmentation only, (n+, n−) = (5, 0), λ = 0'),('lambda0','adversarial neighbours, λ = 0'),('coin','full COIN, (1, 4), λ = 1')]
grid=[('coin-n3-2','COIN, (n+, n−) = (3, 2), λ = 1'),('coin-lambda2','COIN, (1, 4), λ = 2'),('coin-lambda0.5','COIN, (1, 4), λ = 0.5')]
out=[]
for ds,title in [('masses','masses (58 ROIs)'),('all','all abnormalities with coordinates (119 ROIs)')]:
    out.append(f"\n**{title}** — AUC and accuracy at 0.5, mean ± sample std over the 5 folds:\n")
    out.append("| configuration | AUC | accuracy |\n| --- | --- | --- |")
    for n,l in reference+labels+(grid if ds=='masses' else []): out.append(row(ds,n,l))
table='\n'.join(out)+'\n'
s=open(R).read()
a=s.index('<!-- coin-table -->'); b=s.index('<!-- /coin-table -->')
s=s[:a]+'<!-- coin-table -->\n'+table+s[b:]
open(R,'w').write(s)
