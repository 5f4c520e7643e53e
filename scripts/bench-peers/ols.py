#!/usr/bin/env python3
"""Peer for scripts/bench: least squares with cluster-robust standard errors, in Python.

    python3 ols.py DIR statsmodels   # statsmodels.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": cl})
    python3 ols.py DIR pyfixest      # pyfixest.feols("y ~ x1 + ... + xP", data, vcov={"CRV1": "cl"})

DIR is what `finsam-bench ols --write DIR` wrote: design.f64 (n x (P+2) little-endian float64, column-major:
intercept, x1..xP, y), cluster.i32 (n int32 cluster ids) and meta.json. Only the fit and its standard errors
are timed; reading the files and building the DataFrame are not. Prints
    RESULT ols <peer> <seconds>        (or RESULT ols <peer> OOM, or FAILED <reason>)
    COEF ols <peer> x1 <value>
    PEAK ols <peer> <bytes>            (peak resident memory of this process, data included)
"""
import json
import resource
import sys
import time

import numpy as np


def load(directory):
    """The design as an n x (P+2) column-major view of the file (no copy), the cluster ids, and P."""
    with open(f"{directory}/meta.json") as f:
        meta = json.load(f)
    n, p = meta["rows"], meta["columns"]
    design = np.fromfile(f"{directory}/design.f64", dtype="<f8")
    cluster = np.fromfile(f"{directory}/cluster.i32", dtype="<i4")
    if design.size != n * (p + 2) or cluster.size != n:
        raise ValueError(f"{directory}: file sizes do not match meta.json")
    return design.reshape(p + 2, n).T, cluster, p


def fit_statsmodels(design, cluster, p):
    import statsmodels.api as sm

    x, y = design[:, : p + 1], design[:, p + 1]  # the intercept column is column 0
    t0 = time.perf_counter()
    fit = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": cluster})
    se = fit.bse
    seconds = time.perf_counter() - t0
    assert np.all(np.isfinite(se))
    return seconds, fit.params[1]


def fit_pyfixest(design, cluster, p):
    import pandas as pd
    import pyfixest as pf

    names = [f"x{j}" for j in range(1, p + 1)]
    columns = {name: design[:, j] for j, name in enumerate(names, start=1)}
    data = pd.DataFrame({**columns, "y": design[:, p + 1], "cl": cluster})
    del columns, design  # the DataFrame holds its own copy
    formula = "y ~ " + " + ".join(names)
    t0 = time.perf_counter()
    fit = pf.feols(formula, data=data, vcov={"CRV1": "cl"})
    se = fit.se()
    seconds = time.perf_counter() - t0
    assert np.all(np.isfinite(se))
    return seconds, fit.coef()["x1"]


def main():
    directory, peer = sys.argv[1], sys.argv[2]
    fit = {"statsmodels": fit_statsmodels, "pyfixest": fit_pyfixest}[peer]
    try:
        design, cluster, p = load(directory)
        seconds, x1 = fit(design, cluster, p)
    except MemoryError:
        print(f"RESULT ols {peer} OOM")
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - any failure is reported, not raised
        print(f"FAILED ols {peer}: {type(e).__name__}: {' '.join(str(e).split())}")
        sys.exit(1)
    print(f"RESULT ols {peer} {seconds:.4f}")
    print(f"COEF ols {peer} x1 {x1:.17g}")
    print(f"PEAK ols {peer} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}")  # bytes (Linux: ru_maxrss in KiB)


if __name__ == "__main__":
    main()
