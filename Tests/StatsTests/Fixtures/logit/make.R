## Reference fixture "logit" for Tests/StatsTests (FixtureTests.swift).
## Logistic regression (glm binomial, n = 1200) with a string factor, iid/HC0/HC1/cluster SEs; integer prior weights.
## Made with: R 4.2.2 Patched (2022-11-10 r83330), sandwich 3.0-2, jsonlite 1.8.4 (Debian 12 packages
##   r-base-core, r-cran-sandwich, r-cran-jsonlite).
## Command (from this folder):  Rscript make.R
## Writes data.csv (generated with a fixed seed), then reads data.csv back and fits on the read-back
## data, so that the Swift side and R see identical numbers; writes expected.json.

source("../fixture_helpers.R")

## ---- data: n = 1200, binary y from a logit model, 40 clusters ("kommun") ----
set.seed(20240202)
n <- 1200L
kommun <- sample(1:40, n, replace = TRUE)
u_k <- rnorm(40, sd = 0.6)               # cluster effect in the linear predictor
g <- sample(c("a", "b", "c"), n, replace = TRUE, prob = c(0.4, 0.35, 0.25))
b_g <- c(a = 0, b = 0.5, c = -0.4)
x1 <- rnorm(n) + 0.3 * u_k[kommun]
x2 <- runif(n, -2, 2)
x3 <- rbinom(n, 1, 0.4)
eta <- -0.3 + 0.8 * x1 - 0.5 * x2 + 0.7 * x3 + b_g[g] + u_k[kommun]
y <- rbinom(n, 1, plogis(eta))
w <- sample(1:3, n, replace = TRUE)
d <- data.frame(y = as.integer(y), x1 = dy(x1), x2 = dy(x2), x3 = as.integer(x3), g = g,
                kommun = as.integer(kommun), w = as.integer(w), stringsAsFactors = FALSE)
write_csv_exact(d, "data.csv")

## ---- fit on the data read back from data.csv ----
d <- read_csv_back("data.csv")
f <- "y ~ x1 + x2 + x3 + factor(g)"
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
fit <- glm(as.formula(f), family = binomial, data = d, control = ctl)
fitw <- glm(as.formula(f), family = binomial, data = d, weights = w, control = ctl)
stopifnot(fit$converged, fitw$converged)
models <- list(
  model_entry("logit", f, fit, c("iid", "HC0", "HC1", "cluster:kommun")),
  model_entry("logit_weights", f, fitw, c("iid"), weights = "w")
)
write_expected(source_string(paste(
  "stats::glm(family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100));",
  "iid = sqrt(diag(vcov(fit))); HCk = sandwich::vcovHC(fit, type = 'HCk') (HC1 = HC0 * n/(n-k));",
  "cluster:kommun = sandwich::vcovCL(fit, cluster = ~kommun) with sandwich defaults, which for a glm object is type 'HC0'",
  "(only G/(G-1), no (n-1)/(n-k) factor; vcovCL uses 'HC1' only when class(fit)[1] == 'lm');",
  "loglik = logLik(fit), aic = AIC(fit), iterations = fit$iter")), models)
