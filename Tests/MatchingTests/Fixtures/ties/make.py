"""ties: 60 treated, 200 controls; the glm propensity score ROUNDED TO 2 DECIMALS, so that many units
share a distance: ties among treated (visiting order falls back to data order), among controls
(sorted position falls back to data order) and between treated and controls (zero-distance
candidates on both sides -> exact left/right ties, which go left).  1:1 without replacement, largest
first.  The distance cannot be recomputed from the covariates: use the column (written in its
shortest form, e.g. 0.23, which reads back as the same double as round(p, 2))."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.dont_write_bytecode = True
import fixture_tools as ft  # noqa: E402

FORMULA = "treat ~ x1 + x2 + x3 + b"
RATIO = 1


def data():
    rng, cols = ft.simulate(seed=20240621, n_treated=60, n_control=200)
    cols["distance"] = [round(p, 2) for p in ft.glm_distance(cols, FORMULA)]
    return cols


def make(here, ratio):
    res, exp, _ = ft.run_case(here, data(),
                              {"ratio": ratio, "replace": False, "caliper": None, "order": "largest", "exact": [],
                               "_distance_format": ft.shortest},
                              {"column": "distance", "glm": FORMULA, "rounded_to_decimals": 2,
                               "note": "round(fitted value, 2) with Python's correctly rounded round(); use the column"})
    print(here.name, "matched treated", exp["matched_treated"], "controls", exp["matched_controls"],
          exp["diagnostics"])


if __name__ == "__main__":
    make(HERE, RATIO)
