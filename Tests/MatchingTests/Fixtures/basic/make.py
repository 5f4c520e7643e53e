"""basic: 60 treated, 200 controls; 1:1 nearest-neighbour matching without replacement, largest first.
Distance: fitted values of R's glm(treat ~ x1 + x2 + x3 + b, binomial).  Also the ATT effect
(cluster-robust by subclass) and MatchIt's balance table (balance.json).

Run from anywhere:  python3 Tests/MatchingTests/Fixtures/basic/make.py
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.dont_write_bytecode = True
import fixture_tools as ft  # noqa: E402

FORMULA = "treat ~ x1 + x2 + x3 + b"


def data():
    rng, cols = ft.simulate(seed=20240602, n_treated=60, n_control=200)
    ft.add_outcome(rng, cols)
    cols["distance"] = ft.glm_distance(cols, FORMULA)
    return cols


if __name__ == "__main__":
    cols = data()
    res, exp, _ = ft.run_case(HERE, cols,
                              {"ratio": 1, "replace": False, "caliper": None, "order": "largest", "exact": []},
                              {"column": "distance", "glm": FORMULA, "digits": 17},
                              effect=True, balance_covariates=["x1", "x2", "x3", "b"])
    print(HERE.name, "matched treated", exp["matched_treated"], "controls", exp["matched_controls"],
          "effect", exp["effect"]["estimate"], exp["effect"]["std_error"])
