## Reference fixture "missing" for Tests/StatsTests (FixtureTests.swift).
## Listwise deletion of rows with missing y, x1 or factor g (empty CSV cells); n used and n dropped; iid/HC1/cluster.
## Made with: R 4.2.2 Patched (2022-11-10 r83330), sandwich 3.0-2, jsonlite 1.8.4 (Debian 12 packages
##   r-base-core, r-cran-sandwich, r-cran-jsonlite).
## Command (from this folder):  Rscript make.R
## Writes data.csv (generated with a fixed seed), then reads data.csv back and fits on the read-back
## data, so that the Swift side and R see identical numbers; writes expected.json.

source("../fixture_helpers.R")

## ---- data: n = 200 with missing values in y, x1 and the factor g (empty cells) ----
set.seed(20240505)
n <- 200L
g <- sample(c("low", "mid", "high"), n, replace = TRUE)
cl <- sample(1:20, n, replace = TRUE)
x1 <- rnorm(n)
x2 <- runif(n, 0, 10)
b_g <- c(low = 0, mid = 0.8, high = 1.5)
y <- 0.5 + 1.2 * x1 + 0.1 * x2 + b_g[g] + rnorm(n)
y[sample.int(n, 12)] <- NA
x1[sample.int(n, 10)] <- NA
g[sample.int(n, 8)] <- NA
d <- data.frame(y = dy(unname(y)), x1 = dy(x1), x2 = dy(x2), g = g, cl = as.integer(cl),
                stringsAsFactors = FALSE)
write_csv_exact(d, "data.csv")

## ---- fit on the data read back from data.csv (na.action = na.omit, R's default) ----
d <- read_csv_back("data.csv")
f <- "y ~ x1 + x2 + factor(g)"
m <- lm(as.formula(f), data = d)
stopifnot(nobs(m) + length(m$na.action) == nrow(d),
          nobs(m) == sum(complete.cases(d[, c("y", "x1", "x2", "g")])))
models <- list(model_entry("missing", f, m, c("iid", "HC1", "cluster:cl")))
write_expected(source_string(paste(
  "stats::lm with na.action = na.omit (listwise deletion over y, x1, x2, g; cl has no missing values);",
  "n = nobs(fit), n_dropped_missing = length(fit$na.action); iid = sqrt(diag(vcov(fit)));",
  "HC1 = sandwich::vcovHC(fit, type = 'HC1'); cluster:cl = sandwich::vcovCL(fit, cluster = ~cl) on the kept rows")), models)
