## Reference fixture "panel_cluster" for Tests/StatsTests (FixtureTests.swift).
## Balanced panel (60 firms x 8 years): OLS, WLS and no-intercept lm with iid, HC0-HC3, one- and two-way cluster SEs.
## Made with: R 4.2.2 Patched (2022-11-10 r83330), sandwich 3.0-2, jsonlite 1.8.4 (Debian 12 packages
##   r-base-core, r-cran-sandwich, r-cran-jsonlite).
## Command (from this folder):  Rscript make.R
## Writes data.csv (generated with a fixed seed), then reads data.csv back and fits on the read-back
## data, so that the Swift side and R see identical numbers; writes expected.json.

source("../fixture_helpers.R")

## ---- data: balanced panel, 60 firms x 8 years ----
set.seed(20240101)
n_firm <- 60L; years <- 2011:2018
d <- expand.grid(year = years, firm = seq_len(n_firm))[, c("firm", "year")]
d$firm <- as.integer(d$firm); d$year <- as.integer(d$year)
n <- nrow(d)
a_f  <- rnorm(n_firm)                  # firm component shared by regressors
b_f  <- rnorm(n_firm)
u_f  <- rnorm(n_firm, sd = 1.0)        # firm random effect in the error
c_t  <- rnorm(length(years), sd = 0.8) # year shock shared by x1 and the error
e_t  <- rnorm(length(years), sd = 0.6) # year effect in the error
fi <- d$firm; ti <- d$year - 2010L
x1 <- 0.8 * a_f[fi] + 0.5 * c_t[ti] + rnorm(n)
x2 <- 0.6 * b_f[fi] + 0.3 * a_f[fi] + rnorm(n, sd = 0.8)
x3 <- 0.5 * a_f[fi] + runif(n, -1, 1)
eps <- rnorm(n, sd = 0.5 + 0.5 * abs(x1))
y <- 1 + 0.5 * x1 - 0.3 * x2 + 0.2 * x3 + u_f[fi] + e_t[ti] + c_t[ti] + eps
w <- runif(n, 0.5, 2)
d$x1 <- dy(x1); d$x2 <- dy(x2); d$x3 <- dy(x3); d$w <- dy(w); d$y <- dy(y)
d <- d[, c("firm", "year", "y", "x1", "x2", "x3", "w")]
write_csv_exact(d, "data.csv")

## ---- fit on the data read back from data.csv ----
d <- read_csv_back("data.csv")
all7 <- c("iid", "HC0", "HC1", "HC2", "HC3", "cluster:firm", "cluster:firm,year")
f1 <- "y ~ x1 + x2 + x3"
ols <- lm(as.formula(f1), data = d)
wls <- lm(as.formula(f1), data = d, weights = w)
f3 <- "y ~ x1 + x2 - 1"
noi <- lm(as.formula(f3), data = d)
models <- list(
  model_entry("ols", f1, ols, all7),
  model_entry("wls", f1, wls, all7, weights = "w"),
  model_entry("no_intercept", f3, noi, c("iid", "HC1", "cluster:firm"))
)
write_expected(source_string(paste(
  "stats::lm; iid = sqrt(diag(vcov(fit))); HCk = sandwich::vcovHC(fit, type = 'HCk');",
  "cluster:firm = sandwich::vcovCL(fit, cluster = ~firm); cluster:firm,year = sandwich::vcovCL(fit, cluster = ~firm + year)",
  "(sandwich defaults for lm: type 'HC1', cadjust = TRUE, multi0 = FALSE, fix = FALSE; i.e. each of the three terms",
  "V_firm + V_year - V_firm:year gets its own G/(G-1) (G = 60, 8, 480) and all get (n-1)/(n-k)).",
  "wls: weighted R^2, sigma and deviance; logLik includes 0.5*sum(log(w)).",
  "no_intercept: summary.lm R^2 and F are uncentred (F df1 = 2).")), models)
