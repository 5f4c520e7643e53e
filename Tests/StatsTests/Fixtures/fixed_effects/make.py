"""Reference fixture "fixed_effects" for Tests/StatsTests (FixtureTests.swift).

Linear models with absorbed fixed effects (firm, firm + year) on an unbalanced panel, fitted with pyfixest.
Made with: Python 3.11.7, pyfixest 0.60.0, numpy 2.4.6, pandas 3.1.1  (pip install pyfixest==0.60.0).
Command (from this folder):  python3 make.py
Cross-check with R (stats::lm with dummy variables + sandwich):  Rscript check.R

Writes data.csv (generated with a fixed seed), reads it back (csv module + float(), correctly rounded) and fits
on the read-back data, so that the Swift side and pyfixest see identical numbers; writes expected.json.
Small-sample corrections are pyfixest's defaults, pf.ssc() = {k_adj: True, k_fixef: "nonnested",
G_adj: True, G_df: "min"}; the per-covariance K ("df_k"), t degrees of freedom ("df_t") and the
scalar factors pyfixest applied are stored in each model's "pyfixest_dof" object.
"""

import os
import sys

# pyfixest's result depends in the last bit on Python's string-hash order (the order in which it sweeps the fixed
# effects), so run with a fixed hash seed: re-execute this script with PYTHONHASHSEED=0 if it is not set so.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable, *sys.argv])

# Single-threaded Rust (rayon) demeaning and BLAS, so that summation order and hence every bit of the output are
# reproducible from run to run (multithreaded runs differ in the last digit).
for var in ("RAYON_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ[var] = "1"

import csv  # noqa: E402
import json  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pyfixest as pf  # noqa: E402

SEED = 20240606
N_FIRM, YEARS = 80, np.arange(2001, 2011)

# ---- data: 80 firms x 10 years, ~10 % of the rows dropped at random ----
rng = np.random.default_rng(SEED)
firm = np.repeat(np.arange(1, N_FIRM + 1), len(YEARS))
year = np.tile(YEARS, N_FIRM)
n = firm.size
a_f = rng.normal(size=N_FIRM)          # firm effect (correlated with x1, x2)
d_t = rng.normal(scale=0.5, size=len(YEARS))
s_f = rng.normal(scale=0.4, size=N_FIRM)  # firm-specific trend in the error: within-firm correlation
fi, ti = firm - 1, year - YEARS[0]
x1 = 0.7 * a_f[fi] + 0.3 * d_t[ti] + rng.normal(size=n)
x2 = 0.5 * a_f[fi] - 0.4 * d_t[ti] + rng.normal(scale=1.2, size=n)
e = s_f[fi] * (ti - 4.5) / 3 + rng.normal(size=n) * (0.5 + 0.5 * np.abs(x1))
y = 0.5 * x1 - 0.25 * x2 + 2.0 * a_f[fi] + d_t[ti] + e
keep = rng.random(n) >= 0.10


def dy(v):
    """Round to a multiple of 2^-10: a double whose exact decimal expansion (<= 10 decimals) is written in full, so
    that every correct parser (and R's read.csv, used by check.R) reads back exactly the same double."""
    return np.round(v * 1024) / 1024


df = pd.DataFrame({"firm": firm, "year": year, "y": dy(y), "x1": dy(x1), "x2": dy(x2)})[keep]
assert df.groupby("firm").size().min() >= 2 and df.groupby("year").size().min() >= 2  # no singletons


def cell(v):
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    assert float(v) * 1024 == round(float(v) * 1024) and abs(v) < 1e5
    return format(float(v), ".15g")  # exact: at most 5 integer digits + 10 decimals


with open("data.csv", "w", newline="\n") as fh:
    fh.write(",".join(df.columns) + "\n")
    for row in df.itertuples(index=False):
        fh.write(",".join(cell(v) for v in row) + "\n")

# ---- fit on the data read back from data.csv ----
written = df.reset_index(drop=True)
with open("data.csv", newline="") as fh:
    records = list(csv.DictReader(fh))
df = pd.DataFrame({
    "firm": np.array([int(r["firm"]) for r in records], dtype=np.int64),
    "year": np.array([int(r["year"]) for r in records], dtype=np.int64),
    "y": np.array([float(r["y"]) for r in records]),
    "x1": np.array([float(r["x1"]) for r in records]),
    "x2": np.array([float(r["x2"]) for r in records]),
})
assert all(np.array_equal(df[c].to_numpy(), written[c].to_numpy()) for c in df.columns)  # exact round trip

VCOVS = {  # key in expected.json -> pyfixest vcov argument
    "iid": "iid",
    "HC1": "hetero",
    "cluster:firm": {"CRV1": "firm"},
    "cluster:firm,year": {"CRV1": "firm+year"},
}
# A tight demeaning tolerance so that the coefficients are exact to ~1e-13 (the default 1e-6 is not).
DEMEANER = pf.MapDemeaner(fixef_tol=1e-13, fixef_maxiter=100_000)


def dummy_lstsq(data, fes):
    """Coefficients of x1, x2 in the least-squares fit y ~ 1 + x1 + x2 + dummies (first level dropped)."""
    cols = [np.ones(len(data)), data["x1"].to_numpy(), data["x2"].to_numpy()]
    for fe in fes:
        levels = np.sort(data[fe].unique())
        cols += [(data[fe].to_numpy() == lv).astype(float) for lv in levels[1:]]
    X = np.column_stack(cols)
    beta, *_ = np.linalg.lstsq(X, data["y"].to_numpy(), rcond=None)
    return {"x1": float(beta[1]), "x2": float(beta[2])}


def fit_model(name, fml, fes):
    ses, dof = {}, {}
    fit = None
    for key, vc in VCOVS.items():
        fit = pf.feols(fml, data=df, vcov=vc, demeaner=DEMEANER)
        assert list(fit._coefnames) == ["x1", "x2"]
        ses[key] = [float(s) for s in fit.se().to_numpy()]
        dof[key] = {
            "pyfixest_vcov": vc,
            "df_k": int(fit._df_k),
            "df_t": int(fit._df_t),
            "ssc_factors": [float(s) for s in np.ravel(fit._ssc)],
            "G": [int(g) for g in np.ravel(fit._G)] if key.startswith("cluster") else None,
        }
    iid = pf.feols(fml, data=df, vcov="iid", demeaner=DEMEANER)
    return {
        "name": name,
        "formula": fml,
        "family": "gaussian",
        "weights": None,
        "terms": ["x1", "x2"],
        "coefficients": [float(b) for b in iid.coef().to_numpy()],
        "std_errors": ses,
        "n": int(iid._N),
        "n_dropped_missing": 0,
        "df_residual": int(iid._df_t),  # pyfixest iid: N - K, K = k + sum(levels) - (number of FE - 1)
        "r_squared": float(iid._r2),
        "adj_r_squared": float(iid._adj_r2),
        "r_squared_within": float(iid._r2_within),
        "f_statistic": None, "f_df1": None, "f_df2": None, "sigma": None,
        "loglik": None, "aic": None, "deviance": None, "null_deviance": None, "iterations": None,
        "absorbed": fes,
        "n_levels": {fe: int(df[fe].nunique()) for fe in fes},
        "dummy_lm": dummy_lstsq(df, fes),
        "pyfixest_dof": dof,
    }


with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    models = [
        fit_model("fe_firm_year", "y ~ x1 + x2 | firm + year", ["firm", "year"]),
        fit_model("fe_firm", "y ~ x1 + x2 | firm", ["firm"]),
    ]

for m in models:  # the FE estimates must equal the dummy-variable least-squares estimates
    for j, t in enumerate(m["terms"]):
        assert abs(m["coefficients"][j] - m["dummy_lm"][t]) <= 1e-10 * abs(m["dummy_lm"][t]), (m["name"], t)

source = (
    f"pyfixest {pf.__version__} (numpy {np.__version__}, pandas {pd.__version__}), pf.feols(fml, data, vcov=..., "
    "demeaner=pf.MapDemeaner(fixef_tol=1e-13, fixef_maxiter=100000)); default small-sample correction "
    "pf.ssc(k_adj=True, k_fixef='nonnested', G_adj=True, G_df='min') (fixest's ssc(adj=TRUE, fixef.K='nested', "
    "cluster.adj=TRUE, cluster.df='min')). K = k + sum(FE levels) - (nFE - 1), minus the levels of every FE "
    "nested in a cluster variable plus 1 per such FE. iid: V = RSS/(N-K) (X~'X~)^-1; "
    "hetero (key HC1): N/(N-K) * HC0; CRV1: G/(G-1) * (N-1)/(N-K) * B M B, two-way V = V_firm + V_year - V_firm*year "
    "with every term using min(G)/(min(G)-1). Per-vcov K, df and factors in each model's pyfixest_dof. "
    "r_squared = pyfixest _r2, r_squared_within = _r2_within, df_residual = N - K (iid). "
    "dummy_lm = numpy lstsq of y ~ 1 + x1 + x2 + FE dummies; check.R confirms them with R's lm."
)
with open("expected.json", "w", newline="\n") as fh:
    json.dump({"source": source, "models": models}, fh, indent=2)
    fh.write("\n")
