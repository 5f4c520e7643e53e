"""exact: 60 treated, 200 controls, exact = g (3 levels), 1:1 without replacement, largest first.
Level 3 has 15 treated but only 10 controls, so 5 of its treated units stay unmatched.
Matching runs within each level of g (sorted positions within the level; a unit's candidates are the
nearest eligible controls of its own level); the visiting order is the global one (largest first),
which gives the same matches as MatchIt's level-by-level loop since levels share no controls.
Distance: R's glm(treat ~ x1 + x2 + x3 + b + factor(g), binomial)."""
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.dont_write_bytecode = True
import fixture_tools as ft  # noqa: E402

FORMULA = "treat ~ x1 + x2 + x3 + b + factor(g)"
# (treated, controls) per level of g
LEVELS = {1: (25, 100), 2: (20, 90), 3: (15, 10)}


def data():
    rng, cols = ft.simulate(seed=20240641, n_treated=60, n_control=200)
    treat = cols["treat"]
    g = np.zeros(len(treat), dtype=int)
    t_rows, c_rows = np.flatnonzero(treat == 1), np.flatnonzero(treat == 0)
    t_levels = np.concatenate([[lev] * nt for lev, (nt, _) in LEVELS.items()])
    c_levels = np.concatenate([[lev] * nc for lev, (_, nc) in LEVELS.items()])
    g[t_rows] = rng.permutation(t_levels)
    g[c_rows] = rng.permutation(c_levels)
    return {"treat": treat, "g": g, **{k: v for k, v in cols.items() if k != "treat"},
            "distance": ft.glm_distance({"treat": treat, "g": g, **{k: v for k, v in cols.items() if k != "treat"}},
                                        FORMULA)}


if __name__ == "__main__":
    res, exp, _ = ft.run_case(HERE, data(),
                              {"ratio": 1, "replace": False, "caliper": None, "order": "largest", "exact": ["g"]},
                              {"column": "distance", "glm": FORMULA, "digits": 17}, strata_cols=["g"])
    print(HERE.name, "matched treated", exp["matched_treated"], "controls", exp["matched_controls"], exp["strata"])
