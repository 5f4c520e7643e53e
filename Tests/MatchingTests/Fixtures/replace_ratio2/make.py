"""replace_ratio2: 60 treated, 200 controls; 1:2 nearest-neighbour matching WITH replacement (MatchIt
then forces data order).  Distance: R's glm(treat ~ x1 + x2 + x3 + b, binomial).  Also the ATT effect
with HC3 standard errors (no subclasses with replacement)."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.dont_write_bytecode = True
import fixture_tools as ft  # noqa: E402

FORMULA = "treat ~ x1 + x2 + x3 + b"


def data():
    rng, cols = ft.simulate(seed=20240611, n_treated=60, n_control=200, x1_shift=0.9)
    ft.add_outcome(rng, cols)
    cols["distance"] = ft.glm_distance(cols, FORMULA)
    return cols


if __name__ == "__main__":
    res, exp, _ = ft.run_case(HERE, data(),
                              {"ratio": 2, "replace": True, "caliper": None, "order": "largest", "exact": []},
                              {"column": "distance", "glm": FORMULA, "digits": 17},
                              effect=True)
    reuse = max(sum(c in m for m in res["matches"]) for c in range(exp["n"]))
    print(HERE.name, "matched treated", exp["matched_treated"], "controls", exp["matched_controls"],
          "max uses of one control", reuse, "effect", exp["effect"]["estimate"], exp["effect"]["std_error"])
