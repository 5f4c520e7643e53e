"""caliper: 60 treated, 200 controls, caliper = 0.1 (standard deviations of the distance, std.caliper =
TRUE: width = 0.1 * sd(distance) over all 260 units), 1:1 without replacement, largest first.
A third of the treated units have a strongly shifted x1, so their propensity scores are skewed
high where there are few controls: once the top controls are used, several treated units have no
eligible control within the caliper and stay unmatched (recorded as "dropped_treated" and
"dropped_treated_rows" in expected.json)."""
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.dont_write_bytecode = True
import fixture_tools as ft  # noqa: E402

FORMULA = "treat ~ x1 + x2 + x3 + b"


def data():
    rng, cols = ft.simulate(seed=20240631, n_treated=60, n_control=200)
    treated = np.flatnonzero(cols["treat"] == 1)
    high = treated[:20]                                   # 20 treated units (rows in random order)
    cols["x1"][high] = np.round(rng.normal(2.6, 0.5, len(high)), 4)
    cols["distance"] = ft.glm_distance(cols, FORMULA)
    return cols


if __name__ == "__main__":
    res, exp, trace = ft.run_case(HERE, data(),
                                  {"ratio": 1, "replace": False, "caliper": 0.1, "order": "largest", "exact": []},
                                  {"column": "distance", "glm": FORMULA, "digits": 17})
    print(HERE.name, "matched treated", exp["matched_treated"], "controls", exp["matched_controls"],
          "dropped", exp["dropped_treated"], "width", exp["caliper_width"], "margin", exp["caliper_margin"],
          exp["diagnostics"])
