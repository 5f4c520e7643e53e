"""order_smallest: the data of `basic` (identical data.csv), 1:1 without replacement, treated units
visited in ascending order of distance (m.order = "smallest")."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.dont_write_bytecode = True
import fixture_tools as ft  # noqa: E402

if __name__ == "__main__":
    basic = ft.load_make("basic")
    res, exp, _ = ft.run_case(HERE, basic.data(),
                              {"ratio": 1, "replace": False, "caliper": None, "order": "smallest", "exact": []},
                              {"column": "distance", "glm": basic.FORMULA, "digits": 17})
    print(HERE.name, "matched treated", exp["matched_treated"], "controls", exp["matched_controls"])
