#!/usr/bin/env python3
"""Peer for scripts/bench: logistic regression in Python, statsmodels.Logit(y, X).fit() and its standard errors.

    python3 logit.py DIR

DIR is what `finsam-bench logit --write DIR` wrote: design.f64 (n x (P+2) little-endian float64, column-major:
intercept, x1..xP, y) and meta.json. statsmodels' defaults: Newton's method, stopping when no coefficient moves by
more than 1e-8. Only the fit and the standard errors are timed, not reading the file. Prints
    RESULT logit statsmodels <seconds>   (or RESULT logit statsmodels OOM, or FAILED <reason>)
    COEF logit statsmodels x1 <value>
    PEAK logit statsmodels <bytes>       (peak resident memory of this process, data included)
"""
import json
import resource
import sys
import time

import numpy as np

PEER = "statsmodels"


def load(directory):
    """The design as an n x (P+2) column-major view of the file (no copy), and P."""
    with open(f"{directory}/meta.json") as f:
        meta = json.load(f)
    n, p = meta["rows"], meta["columns"]
    design = np.fromfile(f"{directory}/design.f64", dtype="<f8")
    if design.size != n * (p + 2):
        raise ValueError(f"{directory}: design.f64 does not match meta.json")
    return design.reshape(p + 2, n).T, p


def main():
    directory = sys.argv[1]
    try:
        import statsmodels.api as sm

        design, p = load(directory)
        x, y = design[:, : p + 1], design[:, p + 1]  # the intercept column is column 0
        t0 = time.perf_counter()
        fit = sm.Logit(y, x).fit(disp=0)
        se = fit.bse
        seconds = time.perf_counter() - t0
        if not fit.mle_retvals["converged"]:
            raise RuntimeError("Newton's method did not converge")
        assert np.all(np.isfinite(se))
    except MemoryError:
        print(f"RESULT logit {PEER} OOM")
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - any failure is reported, not raised
        print(f"FAILED logit {PEER}: {type(e).__name__}: {' '.join(str(e).split())}")
        sys.exit(1)
    print(f"RESULT logit {PEER} {seconds:.4f}")
    print(f"COEF logit {PEER} x1 {fit.params[1]:.17g}")
    print(f"PEAK logit {PEER} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}")  # bytes (Linux: ru_maxrss in KiB)


if __name__ == "__main__":
    main()
