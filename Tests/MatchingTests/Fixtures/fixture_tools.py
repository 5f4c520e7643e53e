"""Shared helpers of the fixture scripts (<case>/make.py): simulated data, the R calls (propensity
score, effect, balance table) and the writing of data.csv / expected.json / balance.json.

Numbers travel between Python and R as C99 hex floats ("%a" / float.hex), so both sides work on
exactly the same doubles.  data.csv holds the distance with 17 significant digits ("%.17g", which
reads back as the same double) and other decimals in their shortest round-trip form.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.dont_write_bytecode = True
import reference_nearest  # noqa: E402

FIXTURES = Path(__file__).resolve().parent
R_DIR = FIXTURES / "R"


# ----------------------------------------------------------------------------------------------
# Formatting

def shortest(x) -> str:
    """Shortest round-trip decimal of a float, integers without a decimal point."""
    x = float(x)
    if x.is_integer() and abs(x) < 2**53:
        return str(int(x))
    return repr(x)


def g17(x) -> str:
    return "%.17g" % float(x)


def hex_csv(columns: dict) -> str:
    """CSV with hex floats for R; None/NaN -> NA."""
    names = list(columns)
    n = len(columns[names[0]])
    lines = [",".join(names)]
    for i in range(n):
        cells = []
        for name in names:
            v = columns[name][i]
            if v is None or (isinstance(v, float) and np.isnan(v)):
                cells.append("NA")
            else:
                cells.append(float(v).hex())
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def run_r(script: str, args: list, stdin_text: str) -> list:
    proc = subprocess.run(["Rscript", "--vanilla", str(R_DIR / script), *args], input=stdin_text,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{script} failed:\n{proc.stderr}")
    return proc.stdout.splitlines()


# ----------------------------------------------------------------------------------------------
# Data

def simulate(seed: int, n_treated: int, n_control: int, x1_shift=0.6, x2_shift=0.3, x3_shift=4,
             b_prob=(0.35, 0.55)):
    """Covariates drawn conditionally on treatment, rows in random order.

    x1, x2: normal, 4 decimals; x3: an integer "age" (many ties); b: binary 0/1.
    """
    rng = np.random.default_rng(seed)
    treat = np.array([1] * n_treated + [0] * n_control)
    rng.shuffle(treat)
    n = len(treat)
    x1 = np.round(rng.normal(0.0, 1.0, n) + x1_shift * treat, 4)
    x2 = np.round(rng.normal(0.0, 1.0, n) + x2_shift * treat, 4)
    x3 = np.clip(rng.integers(20, 61, n) + x3_shift * treat, 18, 70).astype(int)
    b = rng.binomial(1, np.where(treat == 1, b_prob[1], b_prob[0]))
    return rng, {"treat": treat, "x1": x1, "x2": x2, "x3": x3, "b": b}


def load_make(case: str):
    """The make.py module of another case (to share its data)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(f"make_{case}", FIXTURES / case / "make.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def add_outcome(rng, cols: dict, effect=1.5):
    """y = 1 + effect*treat + 0.8 x1 - 0.5 x2 + 0.05 x3 + b + N(0, 1), 4 decimals."""
    t = cols["treat"]
    y = (1 + effect * t + 0.8 * cols["x1"] - 0.5 * cols["x2"] + 0.05 * cols["x3"] + cols["b"]
         + rng.normal(0.0, 1.0, len(t)))
    cols["y"] = np.round(y, 4)


def glm_distance(cols: dict, formula: str) -> list:
    """Fitted values of R's glm(formula, binomial) (exact doubles)."""
    needed = {k: v for k, v in cols.items()}
    lines = run_r("glm_distance.R", [formula], hex_csv(needed))
    d = [float.fromhex(s) for s in lines]
    assert len(d) == len(cols["treat"])
    return d


# ----------------------------------------------------------------------------------------------
# Writing a case

def _is_scalar(v):
    return v is None or isinstance(v, (bool, int, float, str))


def dump_json(obj, indent=0) -> str:
    """JSON with one line per matched row / flat list / flat object, nested objects indented."""
    pad = " " * indent
    if _is_scalar(obj):
        return json.dumps(obj, ensure_ascii=False)
    if isinstance(obj, list):
        if all(_is_scalar(v) for v in obj):
            return "[" + ", ".join(dump_json(v) for v in obj) + "]"
        return "[\n" + ",\n".join(pad + " " + dump_json(v, indent + 1) for v in obj) + "\n" + pad + "]"
    if all(_is_scalar(v) or (isinstance(v, list) and all(_is_scalar(x) for x in v)) for v in obj.values()) \
            and (len(obj) <= 8 or indent > 0 and not any(isinstance(v, list) and len(v) > 8 for v in obj.values())):
        return "{" + ", ".join(json.dumps(k) + ": " + dump_json(v) for k, v in obj.items()) + "}"
    return "{\n" + ",\n".join(pad + " " + json.dumps(k) + ": " + dump_json(v, indent + 1)
                                for k, v in obj.items()) + "\n" + pad + "}"


def write_data_csv(case_dir: Path, cols: dict, distance_format=g17):
    names = list(cols)
    n = len(cols["treat"])
    lines = [",".join(names)]
    for i in range(n):
        cells = []
        for name in names:
            v = cols[name][i]
            cells.append(distance_format(v) if name == "distance" else shortest(v))
        lines.append(",".join(cells))
    (case_dir / "data.csv").write_text("\n".join(lines) + "\n")


def read_back(case_dir: Path) -> dict:
    """data.csv as Python parses it (correctly rounded, as Swift's Double(String))."""
    text = (case_dir / "data.csv").read_text().splitlines()
    names = text[0].split(",")
    rows = [line.split(",") for line in text[1:]]
    return {name: [float(r[j]) for r in rows] for j, name in enumerate(names)}


def count_diagnostics(trace, distance, treat, result):
    d = np.asarray(distance)
    t = np.asarray(treat)
    steps_with_both = [s for s in trace if s["left"] is not None and s["right"] is not None]
    return {
        "left_right_ties": sum(1 for s in trace if s["reason"] == "tie->left"),
        "left_chosen_of_two": sum(1 for s in steps_with_both if s["chosen"] == s["left"]),
        "right_chosen_of_two": sum(1 for s in steps_with_both if s["chosen"] == s["right"]),
        "only_left": sum(1 for s in trace if s["reason"] == "only left"),
        "only_right": sum(1 for s in trace if s["reason"] == "only right"),
        "no_candidate_visits": sum(1 for s in trace if s["reason"] == "no candidate"),
        "candidates_dropped_by_caliper": sum(len(s["dropped"]) for s in trace),
        "zero_distance_matches": sum(1 for s in trace if s["chosen"] is not None
                                     and d[s["chosen"]] == d[s["treated"]]),
        "distinct_distances": int(len(np.unique(d))),
        "tied_distance_values": {
            "among_treated": int(len(d[t == 1]) - len(np.unique(d[t == 1]))),
            "among_controls": int(len(d[t == 0]) - len(np.unique(d[t == 0]))),
            "treated_control_shared_values": int(len(np.intersect1d(d[t == 1], d[t == 0]))),
        },
    }


def caliper_margin(trace, width):
    """Smallest | |difference| - width | over all candidate comparisons (guards against sd rounding)."""
    if width is None:
        return None
    gaps = []
    for s in trace:
        for key in ("d_left", "d_right"):
            if s[key] is not None:
                gaps.append(abs(s[key] - width))
        for _, _, dist in s["dropped"]:
            gaps.append(abs(dist - width))
    return min(gaps)


def run_case(case_dir: Path, cols: dict, options: dict, distance_note: dict, strata_cols=(),
             effect=False, balance_covariates=None, extra=None):
    """Writes data.csv, runs the reference on the data as read back, writes expected.json
    (and balance.json).  Returns (result, expected)."""
    case_dir = Path(case_dir)
    write_data_csv(case_dir, cols, distance_format=options.pop("_distance_format", g17))
    data = read_back(case_dir)
    treat = [int(v) for v in data["treat"]]
    distance = data["distance"]
    assert distance == [float(v) for v in cols["distance"]], "data.csv does not round-trip the distance"
    strata = [tuple(data[c][i] for c in strata_cols) for i in range(len(treat))] if strata_cols else None

    trace = []
    res = reference_nearest.match(distance, treat, ratio=options["ratio"], replace=options["replace"],
                                  caliper=options["caliper"], order=options["order"], strata=strata,
                                  trace=trace)
    n = len(treat)
    matches = []
    for i in range(n):
        entry = {"row": i + 1, "treat": treat[i], "subclass": res["subclass"][i], "weight": res["weights"][i]}
        if treat[i] == 1:
            entry["controls"] = [c + 1 for c in res["matches"][i]]
        matches.append(entry)
    matched_treated = sum(1 for i in range(n) if treat[i] == 1 and res["weights"][i] > 0)
    matched_controls = sum(1 for i in range(n) if treat[i] == 0 and res["weights"][i] > 0)
    expected = {
        "source": "reference_nearest.py (MatchIt >= 4.5.4 method = \"nearest\"), "
                  "made by " + case_dir.name + "/make.py",
        "options": {k: v for k, v in options.items() if not k.startswith("_")},
        "effective_order": res["effective_order"],
        "distance": distance_note,
        "n": n,
        "n_treated": sum(treat),
        "n_control": n - sum(treat),
        "caliper_width": res["caliper_width"],
        "caliper_margin": caliper_margin(trace, res["caliper_width"]),
        "visit_order": [i + 1 for i in res["visit_order"]],
        "matches": matches,
        "weights": res["weights"],
        "matched_treated": matched_treated,
        "matched_controls": matched_controls,
        "unmatched_treated": sum(treat) - matched_treated,
        "diagnostics": count_diagnostics(trace, distance, treat, res),
    }
    if strata_cols:
        per = {}
        for i in range(n):
            key = "|".join(shortest(v) for v in strata[i])
            e = per.setdefault(key, {"treated": 0, "controls": 0, "matched_treated": 0, "matched_controls": 0})
            kind = "treated" if treat[i] == 1 else "controls"
            e[kind] += 1
            if res["weights"][i] > 0:
                e["matched_" + kind] += 1
        expected["strata"] = {k: per[k] for k in sorted(per)}
    if options["caliper"] is not None:
        # Treated units left without a control because every candidate was beyond the caliper.
        dropped = sorted({s["treated"] + 1 for s in trace if s["round"] == 1 and s["reason"] == "no candidate"})
        expected["dropped_treated"] = len(dropped)
        expected["dropped_treated_rows"] = dropped
    if extra:
        expected.update(extra)
    if effect:
        expected["effect"] = att_effect(data, res, options["replace"])
    if balance_covariates:
        bal = balance_table(data, res, balance_covariates)
        (case_dir / "balance.json").write_text(dump_json(bal) + "\n")
    (case_dir / "expected.json").write_text(dump_json(expected) + "\n")
    return res, expected, trace


# ----------------------------------------------------------------------------------------------
# Effect: R (sandwich/lmtest), checked against a numpy implementation of the same formulas

def att_effect(data, res, replace):
    y, t, w = data["y"], data["treat"], res["weights"]
    sub = [np.nan if s is None else float(s) for s in res["subclass"]]
    lines = run_r("effect.R", ["TRUE" if replace else "FALSE"],
                  hex_csv({"y": y, "treat": t, "weights": w, "subclass": sub}))
    est, se = float.fromhex(lines[0]), float.fromhex(lines[1])
    est_np, se_np = att_effect_numpy(y, t, w, sub, replace)
    assert abs(est - est_np) <= 1e-12 * max(1, abs(est)), (est, est_np)
    assert abs(se - se_np) <= 1e-10 * se, (se, se_np)
    return {"estimate": est, "std_error": se,
            "method": ("lm(y ~ treat, data = md, weights = weights); "
                       + ("coeftest(fit, vcov. = vcovHC(fit, type = \"HC3\"))" if replace else
                          "coeftest(fit, vcov. = vcovCL, cluster = ~subclass)")
                       + "; md = rows with weight > 0"),
            "n": int(sum(1 for v in w if v > 0)),
            "n_clusters": None if replace else len({s for s in res["subclass"] if s is not None}),
            "r_packages": {"sandwich": lines[2], "lmtest": lines[3]}}


def att_effect_numpy(y, t, w, sub, replace):
    y, t, w, sub = map(np.asarray, (y, t, w, sub))
    keep = w > 0
    y, t, w, sub = y[keep], t[keep], w[keep], sub[keep]
    X = np.column_stack([np.ones_like(t), t])
    XtWX = X.T @ (w[:, None] * X)
    bread = np.linalg.inv(XtWX)
    beta = bread @ (X.T @ (w * y))
    e = y - X @ beta
    psi = (w * e)[:, None] * X                     # estfun.lm: w_i e_i x_i
    n, k = X.shape
    if replace:                                    # HC3
        h = w * np.einsum("ij,jk,ik->i", X, bread, X)
        meat = (psi / (1 - h)[:, None]).T @ (psi / (1 - h)[:, None])
        V = bread @ meat @ bread
    else:                                          # vcovCL, HC1 with cluster adjustment
        groups = np.unique(sub)
        G = len(groups)
        U = np.array([psi[sub == g].sum(axis=0) for g in groups])
        V = (G / (G - 1)) * ((n - 1) / (n - k)) * bread @ (U.T @ U) @ bread
    return beta[1], float(np.sqrt(V[1, 1]))


# ----------------------------------------------------------------------------------------------
# Balance: MatchIt's summary() (R), checked against a Python implementation of its formulas

STAT_NAMES = {"Means Treated": "means_treated", "Means Control": "means_control",
              "Std. Mean Diff.": "std_mean_diff", "Var. Ratio": "var_ratio",
              "eCDF Mean": "ecdf_mean", "eCDF Max": "ecdf_max", "Std. Pair Dist.": "std_pair_dist"}


def balance_table(data, res, covariates):
    n = len(data["treat"])
    ratio_max = max(len(m) for m in res["matches"])
    cols = {"treat": data["treat"]}
    for c in covariates:
        cols[c] = data[c]
    cols["distance"] = data["distance"]
    cols["weights"] = res["weights"]
    cols["subclass"] = [np.nan if s is None else float(s) for s in res["subclass"]]
    for k in range(ratio_max):
        cols[f"mm{k + 1}"] = [float(res["matches"][i][k] + 1) if len(res["matches"][i]) > k else np.nan
                              for i in range(n)]
    lines = run_r("balance.R", [",".join(covariates)], hex_csv(cols))
    out = {"all": {}, "matched": {}}
    distance_rows = {"all": {}, "matched": {}}
    nn = {}
    checks = {}
    for line in lines:
        table, row, stat, value = line.split(",")
        if table == "check":
            checks[row] = value
            continue
        v = None if value == "NA" else float.fromhex(value)
        if table == "nn":
            nn.setdefault(row, {})[stat.lower()] = v
            continue
        key = STAT_NAMES[stat]
        if key == "std_pair_dist":
            continue
        if row == "distance":
            distance_rows[table][key] = v
        else:
            out[table].setdefault(row, {})[key] = v
    # Independent check of the formulas written in README.md.
    t = np.asarray(data["treat"])
    w = np.asarray(res["weights"])
    for name in list(covariates) + ["distance"]:
        x = np.asarray(data[name])
        for table, ww in (("all", np.ones(n)), ("matched", w)):
            got = distance_rows[table] if name == "distance" else out[table][name]
            mine = balance_row(x, t, ww)
            for key, v in mine.items():
                r = got[key]
                assert (r is None and v is None) or abs(r - v) <= 1e-12 * max(1, abs(v)), (name, table, key, r, v)
    return {"source": "MatchIt " + checks["matchit_version"] + " summary(m, un = TRUE) with m$weights, "
                      "m$subclass and m$match.matrix replaced by those of reference_nearest.py; made by "
                      "R/balance.R via make.py",
            "estimand": "ATT", "covariates": list(covariates),
            "all": out["all"], "matched": out["matched"],
            "distance": distance_rows,
            "sample_sizes": nn}


def _wvar(x, w, binary):
    w = w / w.sum()
    mx = np.sum(w * x)
    if binary:
        return mx * (1 - mx)
    return np.sum(w * (x - mx) ** 2) / (1 - np.sum(w ** 2))


def balance_row(x, t, w):
    """One row of MatchIt's summary() for the ATT (bal1var with standardize = TRUE, s.weights = 1)."""
    binary = bool(np.all((x == 0) | (x == 1)))
    i1, i0 = t == 1, t == 0
    mt = np.sum(x[i1] * w[i1]) / np.sum(w[i1])
    mc = np.sum(x[i0] * w[i0]) / np.sum(w[i0])
    diff = mt - mc
    sd_t = np.sqrt(_wvar(x[i1], np.ones(i1.sum()), binary))     # full-sample treated SD, unweighted
    smd = diff / sd_t if abs(diff) > np.sqrt(np.finfo(float).eps) else diff
    if binary:
        return {"means_treated": mt, "means_control": mc, "std_mean_diff": smd, "var_ratio": None,
                "ecdf_mean": abs(diff), "ecdf_max": abs(diff)}
    vr = _wvar(x[i1], w[i1], False) / _wvar(x[i0], w[i0], False)
    # eCDF: weights normalised within group; all units (zero weights included) sorted by x;
    # |cumulative treated share - cumulative control share| at the last unit of each distinct x.
    wn = np.where(i1, w / np.sum(w[i1]), w / np.sum(w[i0]))
    order = np.argsort(x, kind="stable")
    signed = np.where(i1[order], wn[order], -wn[order])
    cum = np.abs(np.cumsum(signed))
    xs = x[order]
    last_of_value = np.append(xs[1:] != xs[:-1], True)
    e = cum[last_of_value]
    return {"means_treated": mt, "means_control": mc, "std_mean_diff": smd, "var_ratio": vr,
            "ecdf_mean": float(np.mean(e)), "ecdf_max": float(np.max(e))}
