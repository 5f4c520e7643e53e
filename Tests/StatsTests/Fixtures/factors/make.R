## Reference fixture "factors" for Tests/StatsTests (FixtureTests.swift).
## Factors (string and integer-coded), an interaction x1:x2, log(z), and a no-intercept model keeping all levels; iid/HC1/HC3.
## Made with: R 4.2.2 Patched (2022-11-10 r83330), sandwich 3.0-2, jsonlite 1.8.4 (Debian 12 packages
##   r-base-core, r-cran-sandwich, r-cran-jsonlite).
## Command (from this folder):  Rscript make.R
## Writes data.csv (generated with a fixed seed), then reads data.csv back and fits on the read-back
## data, so that the Swift side and R see identical numbers; writes expected.json.

source("../fixture_helpers.R")

## ---- data: n = 400, string factor g, integer-coded factor h, interaction, log(z) ----
set.seed(20240404)
n <- 400L
g <- sample(c("north", "south", "east", "west"), n, replace = TRUE)
h <- sample(1:3, n, replace = TRUE)
x1 <- rnorm(n)
x2 <- rnorm(n, mean = 1, sd = 1.5)
z <- runif(n, 0.2, 6)
b_g <- c(north = 0.5, south = -0.3, east = 0, west = 1.1)
b_h <- c(0, 0.4, -0.6)
y <- 1 + 0.7 * x1 - 0.2 * x2 + 0.25 * x1 * x2 + b_g[g] + b_h[h] + 0.8 * log(z) + rnorm(n, sd = 0.5 + 0.3 * (g == "west"))
d <- data.frame(y = dy(unname(y)), x1 = dy(x1), x2 = dy(x2), z = dy(z), g = g,
                h = as.integer(h), stringsAsFactors = FALSE)
write_csv_exact(d, "data.csv")

## ---- fit on the data read back from data.csv ----
d <- read_csv_back("data.csv")
stopifnot(all(d$z > 0))
keys <- c("iid", "HC1", "HC3")
f1 <- "y ~ x1 + x2 + factor(g) + x1:x2 + log(z)"
f2 <- "y ~ factor(g) + x1 - 1"
f3 <- "y ~ factor(h) + x1 + factor(g)"
m1 <- lm(as.formula(f1), data = d)
m2 <- lm(as.formula(f2), data = d)
m3 <- lm(as.formula(f3), data = d)
models <- list(model_entry("factors", f1, m1, keys),
               model_entry("factor_interaction_free", f2, m2, keys),
               model_entry("integer_factor", f3, m3, keys))
write_expected(source_string(paste(
  "stats::lm with treatment contrasts (levels sorted; first level is the baseline; without an intercept",
  "the first factor keeps all its levels); terms are names(coef(fit)) (R orders main effects before x1:x2);",
  "summary.lm R^2 for a no-intercept model is uncentred; iid = sqrt(diag(vcov(fit))); HCk = sandwich::vcovHC(fit, type = 'HCk')")), models)
