## Reference fixture "propensity_weighting" for Tests/EffectsTests.
## IPW (ATT, weights normalised within start month) and AIPW (comparison-group outcome model) on a risk-set
## data set with 3 start months; cluster-robust SEs by person (sandwich::vcovCL, type "HC1").
## Command (from this folder):  Rscript make.R   -> writes data.csv and expected.csv (fixed seed, byte-identical reruns).
## Self-contained: needs only R and the sandwich package.
suppressPackageStartupMessages(library(sandwich))

## Doubles are written with 17 significant digits (exact round trip for a correctly rounding parser);
## -0 is written as 0. x1 and the y's are multiples of 2^-10, so their decimal expansion is exact.
fmt <- function(v) {
  v[!is.na(v) & v == 0] <- 0
  ifelse(is.na(v), "", sprintf("%.17g", v))
}
fmt_int <- function(v) ifelse(is.na(v), "", sprintf("%d", as.integer(v)))
write_lines_lf <- function(lines, path) {
  con <- file(path, open = "wb"); on.exit(close(con))
  writeLines(lines, con, sep = "\n")
}

## ---- persons ----
set.seed(20261203)
np <- 900L
x1 <- round(rnorm(np) * 1024) / 1024
x2 <- sample(0:12, np, replace = TRUE)
x3 <- rbinom(np, 1, 0.4)

## ---- treatment: discrete-time logit over start months 1..3 ----
## (intercept -4.3 rather than -3.2: -3.2 gives 100+ participants per month; -4.3 gives 48, 47, 52)
start <- rep(NA_integer_, np)
for (m in 1:3) {
  at_risk <- which(is.na(start))
  p <- plogis(-4.3 + 0.3 * m + 0.6 * x1[at_risk] + 0.08 * x2[at_risk] + 0.5 * x3[at_risk])
  s <- rbinom(length(at_risk), 1, p)
  start[at_risk[s == 1]] <- m
}
n_start <- table(factor(start, levels = 1:3))
cat("participants per start month:", paste(names(n_start), n_start, sep = ": ", collapse = ", "),
    "; never started:", sum(is.na(start)), "\n")

## ---- risk-set rows: participants of month m (d = 1) and persons not yet started by m (d = 0) ----
rows <- do.call(rbind, lapply(1:3, function(m) {
  tr <- which(!is.na(start) & start == m)
  co <- which(is.na(start) | start > m)
  rbind(data.frame(person = tr, month = rep(m, length(tr)), d = rep(1L, length(tr))),
        data.frame(person = co, month = rep(m, length(co)), d = rep(0L, length(co))))
}))
rows <- rows[order(rows$month, -rows$d, rows$person), ]
rownames(rows) <- NULL
rows$person <- as.integer(rows$person); rows$month <- as.integer(rows$month)
rows$x1 <- x1[rows$person]; rows$x2 <- as.integer(x2[rows$person]); rows$x3 <- as.integer(x3[rows$person])
N <- nrow(rows)

## ---- outcomes ----
with_rows <- function(expr) eval(substitute(expr), rows)
e6 <- rnorm(N); e12 <- rnorm(N)
rows$y6 <- with_rows(round(1024 * (1.0 + 0.5 * x1 + 0.1 * x2 - 0.4 * x3 + 0.2 * month + 0.7 * d + e6)) / 1024)
rows$y12 <- with_rows(round(1024 * (0.3 + 0.8 * x1 - 0.05 * x2 + 0.3 * x3 + 0.5 * d + 1.5 * e12)) / 1024)
rows$y12[rows$month == 3] <- NA          # 12-month outcome beyond the data window
rows$z6 <- as.integer(rbinom(N, 1, with_rows(plogis(-0.5 + 0.4 * x1 + 0.3 * d))))

## ---- propensity over all rows ----
ps <- glm(d ~ factor(month) + x1 + x2 + x3, family = binomial, data = rows,
          control = glm.control(epsilon = 1e-14, maxit = 100))
stopifnot(ps$converged)
rows$e <- unname(fitted(ps))
## "%.17g" round-trips exactly through a correctly rounding parser (Swift's Double(String)); the estimates
## below use the in-memory values, i.e. exactly what a test reading data.csv sees.

rows <- rows[, c("person", "month", "d", "x1", "x2", "x3", "e", "y6", "y12", "z6")]
cols <- lapply(names(rows), function(nm) if (is.integer(rows[[nm]])) fmt_int(rows[[nm]]) else fmt(rows[[nm]]))
write_lines_lf(c(paste(names(rows), collapse = ","), do.call(paste, c(cols, sep = ","))), "data.csv")
cat("rows:", N, "(treated", sum(rows$d == 1), ", comparisons", sum(rows$d == 0), ", persons", length(unique(rows$person)), ")\n")

## ---- estimators ----
## ATT weights: 1 for participants; e/(1-e) for comparisons, rescaled so that in each month they sum to that
## month's number of participants (both counted among the rows used).
att_weights <- function(dd) {
  w <- rep(1, nrow(dd))
  for (m in unique(dd$month)) {
    c_m <- dd$month == m & dd$d == 0
    n_t <- sum(dd$month == m & dd$d == 1)
    odds <- dd$e[c_m] / (1 - dd$e[c_m])
    w[c_m] <- odds * n_t / sum(odds)
  }
  w
}
summarise_fit <- function(fit, dd, outcome, estimator) {
  V <- sandwich::vcovCL(fit, cluster = ~ person, type = "HC1")
  est <- unname(coef(fit)["d"]); se <- sqrt(V["d", "d"]); dfr <- df.residual(fit)
  q <- qt(0.975, dfr)
  data.frame(outcome = outcome, estimator = estimator, estimate = est, std_error = se,
             conf_low = est - q * se, conf_high = est + q * se, n = nrow(dd),
             treated = sum(dd$d == 1), controls = sum(dd$d == 0),
             clusters = length(unique(dd$person)), df = as.integer(dfr), stringsAsFactors = FALSE)
}

out <- list()
for (y in c("y6", "y12", "z6")) {
  dd <- rows[!is.na(rows[[y]]), ]
  dd$y <- as.double(dd[[y]])
  dd$w <- att_weights(dd)

  ## 1. IPW
  fit <- lm(y ~ d, data = dd, weights = w)
  ## check: estimate = treated mean - sum_m (n_T,m / n_T) * weighted comparison mean in month m
  n_T <- sum(dd$d == 1)
  ctrl <- sum(sapply(unique(dd$month), function(m) {
    c_m <- dd$month == m & dd$d == 0
    sum(dd$month == m & dd$d == 1) / n_T * weighted.mean(dd$y[c_m], dd$w[c_m])
  }))
  manual <- mean(dd$y[dd$d == 1]) - ctrl
  cat(sprintf("%-4s IPW lm = %.17g, by hand = %.17g\n", y, coef(fit)[["d"]], manual))
  stopifnot(abs(coef(fit)[["d"]] - manual) < 1e-12)
  out[[length(out) + 1]] <- summarise_fit(fit, dd, y, "ipw")

  ## 2. AIPW: OLS outcome model on the comparisons, residualise every row, weighted difference in residuals
  m0 <- lm(y ~ factor(month) + x1 + x2 + x3, data = dd[dd$d == 0, ])
  dd$r <- dd$y - unname(predict(m0, newdata = dd))
  fit2 <- lm(r ~ d, data = dd, weights = w)
  out[[length(out) + 1]] <- summarise_fit(fit2, dd, y, "aipw")
}
res <- do.call(rbind, out)
num <- c("estimate", "std_error", "conf_low", "conf_high")
cols <- lapply(names(res), function(nm) {
  v <- res[[nm]]
  if (nm %in% num) fmt(v) else if (is.numeric(v)) fmt_int(v) else v
})
write_lines_lf(c(paste(names(res), collapse = ","), do.call(paste, c(cols, sep = ","))), "expected.csv")
print(res, digits = 10)
