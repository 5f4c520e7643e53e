"""Reference implementation of greedy nearest-neighbour matching on a scalar distance.

It implements the specification in README.md beside it, which reproduces R's MatchIt >= 4.5.4
``matchit(method = "nearest", distance = <propensity score>)`` (the C++ routine
``nn_matchC_vec`` and the R glue in ``matchit2nearest.R`` / ``get_weights_from_mm``):

1. All units are sorted by distance ascending with a *stable* sort (ties keep data order);
   each unit gets a sorted position.
2. Treated units are visited by distance, stably: descending for order "largest" (the ATT
   default), ascending for "smallest", data order for "data".  With ``replace`` the visiting
   order is forced to data order (MatchIt sets ``m.order <- "data"`` when reuse is unlimited).
3. For round r = 1..ratio every treated unit, in that order, gets its r-th control before any
   gets its (r+1)-th.  Eligible controls: same exact stratum, not used yet (without replacement)
   and not already matched to this unit.  The left candidate is the eligible control with the
   highest sorted position below the treated unit, the right candidate the one with the lowest
   position above it.  A candidate farther than the caliper (|difference| > width) is dropped.
   Of two candidates the left wins when |d_left| <= |d_right|.  Without replacement the chosen
   control is marked used.  A treated unit without a candidate gets no match in that round.
4. The caliper width is ``caliper * sd(distance)`` over all units (n - 1 divisor).
5. Weights: 1 for a matched treated unit; each of its m controls receives 1/m, summed over the
   treated units it serves; the control weights are then scaled so the non-zero ones average 1.
   Unmatched units get 0.  Without replacement a treated unit and its controls form a subclass.
6. ``exact`` columns: the above runs within each stratum of the exact columns.

Deliberately simple (linear scans, no clever data structures) so it can be read against the
specification line by line.  Deterministic: no randomness ("random" order is not supported).

Subclass numbering convention (a choice of these fixtures, not of MatchIt): matched sets are
numbered 1, 2, ... in the order the treated units are visited, counting only treated units that
received at least one control.  Only the partition into sets is meaningful; MatchIt itself
numbers them by the treated units' row labels.
"""

from __future__ import annotations

import math

import numpy as np

ORDERS = ("largest", "smallest", "data")


def sample_sd(x) -> float:
    """sd(x) with the n - 1 divisor, computed with exactly rounded sums (math.fsum)."""
    x = [float(v) for v in x]
    n = len(x)
    mean = math.fsum(x) / n
    return math.sqrt(math.fsum((v - mean) ** 2 for v in x) / (n - 1))


def match(distance, treat, ratio=1, replace=False, caliper=None, order="largest",
          strata=None, trace=None):
    """Match treated to control units.

    distance: one float per unit.  treat: one 0/1 (or bool) per unit.
    caliper: in standard deviations of ``distance`` (std.caliper = TRUE), or None.
    strata: one hashable label per unit (the exact-matching stratum), or None.
    trace: optional list; one dict per (round, treated unit) visit is appended to it.

    Returns a dict with 0-based indices:
      matches[i]    list of controls of treated unit i, in the order matched ([] for others)
      weights       list of floats
      subclass      list of int or None
      visit_order   treated units in visiting order
      caliper_width float or None
    """
    d = np.asarray(distance, dtype=float)
    t = np.asarray(treat).astype(int) == 1
    n = len(d)
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}")
    if ratio < 1:
        raise ValueError("ratio must be >= 1")
    if strata is None:
        strata = [0] * n

    # 1. Stable sort of all units by distance -> sorted position of each unit.
    sorted_units = sorted(range(n), key=lambda i: d[i])          # Python's sort is stable
    position = [0] * n
    for k, i in enumerate(sorted_units):
        position[i] = k

    # 4. Caliper width.
    width = None if caliper is None else caliper * sample_sd(d)

    # 2. Visiting order of the treated units.
    treated_units = [i for i in range(n) if t[i]]                 # data order
    effective_order = "data" if replace else order
    if effective_order == "largest":
        visit = sorted(treated_units, key=lambda i: -d[i])       # stable: ties keep data order
    elif effective_order == "smallest":
        visit = sorted(treated_units, key=lambda i: d[i])
    else:
        visit = list(treated_units)

    # Controls of each stratum in sorted order.
    controls_in_stratum = {}
    for i in sorted_units:
        if not t[i]:
            controls_in_stratum.setdefault(strata[i], []).append(i)

    # 3. Rounds.
    used = [False] * n
    matches = [[] for _ in range(n)]
    for r in range(1, ratio + 1):
        for i in visit:
            eligible = [c for c in controls_in_stratum.get(strata[i], [])
                        if (replace or not used[c]) and c not in matches[i]]
            below = [c for c in eligible if position[c] < position[i]]
            above = [c for c in eligible if position[c] > position[i]]
            left = below[-1] if below else None                    # highest position below
            right = above[0] if above else None                    # lowest position above
            d_left = abs(d[left] - d[i]) if left is not None else None
            d_right = abs(d[right] - d[i]) if right is not None else None
            dropped = []
            if width is not None:
                if left is not None and d_left > width:
                    dropped.append(("left", left, d_left))
                    left, d_left = None, None
                if right is not None and d_right > width:
                    dropped.append(("right", right, d_right))
                    right, d_right = None, None
            if left is not None and right is not None:
                chosen = left if d_left <= d_right else right
                reason = "tie->left" if d_left == d_right else ("left nearer" if d_left < d_right else "right nearer")
            elif left is not None:
                chosen, reason = left, "only left"
            elif right is not None:
                chosen, reason = right, "only right"
            else:
                chosen, reason = None, "no candidate"
            if chosen is not None:
                matches[i].append(chosen)
                if not replace:
                    used[chosen] = True
            if trace is not None:
                trace.append({"round": r, "treated": i, "left": left, "right": right,
                              "d_left": d_left, "d_right": d_right, "dropped": dropped,
                              "chosen": chosen, "reason": reason})

    # 5. Weights, in the arithmetic order of MatchIt's weights_matrixC: treated rows in data
    #    order, each adding 1/m to its controls; then w_c <- w_c * (#controls with w > 0) / sum(w_c).
    weights = [0.0] * n
    for i in treated_units:
        if matches[i]:
            share = 1.0 / len(matches[i])
            for c in matches[i]:
                weights[c] += share
            weights[i] = 1.0
    controls = [i for i in range(n) if not t[i]]
    total = 0.0
    for c in controls:
        total += weights[c]
    n_matched_controls = sum(1 for c in controls if weights[c] > 0)
    if total > 0:
        for c in controls:
            weights[c] = weights[c] * n_matched_controls / total

    # Subclasses (without replacement only), numbered in visiting order.
    subclass = [None] * n
    if not replace:
        s = 0
        for i in visit:
            if matches[i]:
                s += 1
                subclass[i] = s
                for c in matches[i]:
                    subclass[c] = s

    return {"matches": matches, "weights": weights, "subclass": subclass,
            "visit_order": visit, "caliper_width": width, "effective_order": effective_order}
