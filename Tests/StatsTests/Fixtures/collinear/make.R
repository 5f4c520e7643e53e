## Reference fixture "collinear" for Tests/StatsTests (FixtureTests.swift).
## Exact collinearity (x3 = x1 + 2*x2) and a constant column aliased with the intercept: NA coefficients and SEs.
## Made with: R 4.2.2 Patched (2022-11-10 r83330), sandwich 3.0-2, jsonlite 1.8.4 (Debian 12 packages
##   r-base-core, r-cran-sandwich, r-cran-jsonlite).
## Command (from this folder):  Rscript make.R
## Writes data.csv (generated with a fixed seed), then reads data.csv back and fits on the read-back
## data, so that the Swift side and R see identical numbers; writes expected.json.

source("../fixture_helpers.R")

## ---- data: n = 300, x3 = x1 + 2*x2 exactly, constant k = 5 ----
set.seed(20240303)
n <- 300L
cl <- rep(1:30, each = 10)[sample.int(n)]
v_c <- rnorm(30, sd = 0.7)
## x1, x2 are multiples of 1/8 with small magnitude, so x1 + 2*x2 is exact in binary and in decimal
x1 <- sample(-48:48, n, replace = TRUE) / 8
x2 <- sample(-40:40, n, replace = TRUE) / 8
x3 <- x1 + 2 * x2
k <- rep(5L, n)
x4 <- rnorm(n) + 0.4 * v_c[cl]
y <- 2 + 0.6 * x1 - 0.4 * x2 + 0.3 * x4 + v_c[cl] + rnorm(n, sd = 0.6 + 0.2 * abs(x1))
d <- data.frame(y = dy(y), x1 = x1, x2 = x2, x3 = x3, k = k, x4 = dy(x4), cl = as.integer(cl))
write_csv_exact(d, "data.csv")

## ---- fit on the data read back from data.csv ----
d <- read_csv_back("data.csv")
stopifnot(identical(d$x3, d$x1 + 2 * d$x2), all(d$k == 5))
keys <- c("iid", "HC0", "HC1", "HC2", "HC3", "cluster:cl")
f1 <- "y ~ x1 + x2 + x3 + x4"
f2 <- "y ~ x1 + k + x4"
m1 <- lm(as.formula(f1), data = d)
m2 <- lm(as.formula(f2), data = d)
stopifnot(is.na(coef(m1)["x3"]), is.na(coef(m2)["k"]))
models <- list(model_entry("collinear", f1, m1, keys), model_entry("constant", f2, m2, keys))
write_expected(source_string(paste(
  "stats::lm (QR with pivoting, tol 1e-7: the aliased term gets NA -> null);",
  "iid = sqrt(diag(vcov(fit))) (NA row for the aliased term); HCk = sandwich::vcovHC(fit, type = 'HCk');",
  "cluster:cl = sandwich::vcovCL(fit, cluster = ~cl) (type 'HC1', cadjust = TRUE).",
  "sandwich drops aliased columns: its matrices cover only the non-NA coefficients (aligned here by name)",
  "and k in n/(n-k) and (n-1)/(n-k) is the rank (number of non-NA coefficients), as df_residual = n - rank.")), models)
