"""hand: a hand-checkable case (8 units, 3 treated), caliper = 0.5 sd, 1:1 without replacement,
largest first.  The distances are hand-picked multiples of 1/64 (not a glm score), chosen so that
every difference AND the caliper width are exact in binary floating point: the left/right tie is an
exact tie and one candidate lies exactly on the caliper.

    row  treat  distance (x 1/64)   x
     1     T        22              2
     2     C        25              3
     3     C        57              8
     4     T        48              6
     5     C        37              4
     6     T        49              7
     7     C        19              1
     8     C        59              9

Step 1, sorted positions (stable, ascending):
    pos 0: row 7 C (19)   pos 1: row 1 T (22)   pos 2: row 2 C (25)   pos 3: row 5 C (37)
    pos 4: row 4 T (48)   pos 5: row 6 T (49)   pos 6: row 3 C (57)   pos 7: row 8 C (59)

Step 4, caliper width: the mean distance is 316/8 = 39.5 (x 1/64); the squared deviations
    17.5² + 14.5² + 17.5² + 8.5² + 2.5² + 9.5² + 20.5² + 19.5² = 1792, so
    sd = sqrt(1792 / 7) / 64 = 16/64 = 0.25 exactly, and width = 0.5 * 0.25 = 0.125 = 8/64 exactly.
    (With an n divisor the sd would be sqrt(1792/8)/64 = 14.97/64 and the width 7.48/64, which would
    drop row 3 below: the case pins down the n - 1 divisor.  The sd is exact in floating point with
    the usual two-pass formula; every intermediate value is a dyadic rational.)

Step 2, visiting order (largest first): row 6 (49), row 4 (48), row 1 (22).

Step 3, round 1 (the only round, ratio 1):
  * row 6 (49): left = highest eligible control below = row 5 (37), |d| = 12/64 > 8/64 -> DROPPED by
    the caliper; right = lowest eligible control above = row 3 (57), |d| = 8/64 = width exactly ->
    kept (only |d| > width is dropped) -> row 3.  Row 3 is used.
  * row 4 (48): left = row 5 (37), |d| = 11/64 > 8/64 -> dropped; right: row 3 is used, so row 8
    (59), |d| = 11/64 > 8/64 -> dropped.  NO MATCH: row 4 is dropped by the caliper.
  * row 1 (22): left = row 7 (19), |d| = 3/64; right = row 2 (25), |d| = 3/64.  Both within the
    caliper and exactly equally far: |d_left| <= |d_right| -> LEFT, row 7.  Row 7 is used.

Step 5, weights: rows 6, 3, 1, 7 -> 1 (two controls with 1 each, scaled by 2/2 = 1); rows 2, 4, 5, 8 -> 0.
Subclasses (numbered in visiting order, matched treated only): {row 6, row 3} = 1, {row 1, row 7} = 2.
matched_treated = 2, matched_controls = 2, dropped_treated = 1 (row 4).
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.dont_write_bytecode = True
import fixture_tools as ft  # noqa: E402

TREAT = [1, 0, 0, 1, 0, 1, 0, 0]
DIST64 = [22, 25, 57, 48, 37, 49, 19, 59]
X = [2, 3, 8, 6, 4, 7, 1, 9]

if __name__ == "__main__":
    cols = {"treat": TREAT, "x": X, "distance": [k / 64 for k in DIST64]}
    res, exp, trace = ft.run_case(HERE, cols,
                                  {"ratio": 1, "replace": False, "caliper": 0.5, "order": "largest", "exact": [],
                                   "_distance_format": ft.shortest},
                                  {"column": "distance", "hand_picked": "multiples of 1/64 (e.g. 0.34375 = 22/64)"})
    # The derivation above, checked.
    assert exp["caliper_width"] == 0.125
    assert exp["visit_order"] == [6, 4, 1]
    assert [s["reason"] for s in trace] == ["only right", "no candidate", "tie->left"]
    assert trace[0]["d_right"] == exp["caliper_width"] and trace[0]["dropped"][0][0] == "left"
    assert len(trace[1]["dropped"]) == 2 and trace[2]["d_left"] == trace[2]["d_right"] == 3 / 64
    assert [m.get("controls") for m in exp["matches"]] == [[7], None, None, [], None, [3], None, None]
    assert exp["weights"] == [1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0]
    assert [m["subclass"] for m in exp["matches"]] == [2, None, 1, None, None, 1, 2, None]
    assert exp["dropped_treated"] == 1 and exp["dropped_treated_rows"] == [4]
    print(HERE.name, "ok", exp["visit_order"], [m.get("controls") for m in exp["matches"]], exp["caliper_width"])
