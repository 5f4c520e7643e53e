"""Writes training.csv: a small Lalonde-like job-training example for `evaluate match` and the library example.

200 trained persons and 800 others; selection into training on age, education, ethnicity and earlier earnings
(a logit), and a true effect of 1,500 on later earnings (re78). Plain Python (no packages), seeded: the file is
byte-identical on every run.   python3 Datasets/examples/make_training.py
"""
import math
import random
from pathlib import Path

rng = random.Random(19780101)
rows = []
while sum(r["treat"] for r in rows) < 200 or len(rows) - sum(r["treat"] for r in rows) < 800:
    age = rng.randint(17, 55)
    educ = min(18, max(3, round(rng.gauss(10.5, 2.5))))
    race = rng.choices(["black", "hispan", "white"], weights=[0.35, 0.12, 0.53])[0]
    re74 = max(0.0, round(rng.gauss(6000, 6000), 2)) if rng.random() < 0.7 else 0.0
    eta = -0.9 - 0.04 * (age - 30) - 0.08 * (educ - 10) + (1.2 if race == "black" else 0) - 0.00012 * re74
    treat = int(rng.random() < 1 / (1 + math.exp(-eta)))
    # Keep drawing until both groups are full; extra draws of a full group are skipped.
    n_treat = sum(r["treat"] for r in rows)
    if (treat and n_treat >= 200) or (not treat and len(rows) - n_treat >= 800):
        continue
    re78 = max(0.0, round(2000 + 0.6 * re74 + 150 * (educ - 10) + 1500 * treat + rng.gauss(0, 5000), 2))
    rows.append(dict(treat=treat, age=age, educ=educ, race=race, re74=re74, re78=re78))

out = Path(__file__).with_name("training.csv")
with out.open("w", newline="") as f:
    f.write("treat,age,educ,race,re74,re78\n")
    for r in rows:
        f.write(f"{r['treat']},{r['age']},{r['educ']},{r['race']},{r['re74']:.2f},{r['re78']:.2f}\n")
print(f"wrote {len(rows)} rows to {out}")
