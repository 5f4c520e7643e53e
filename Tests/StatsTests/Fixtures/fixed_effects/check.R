## Cross-check of the "fixed_effects" fixture (made by make.py with pyfixest) against R.
## Made with: R 4.2.2 Patched (2022-11-10 r83330), sandwich 3.0-2, jsonlite 1.8.4.
## Command (from this folder, after python3 make.py):  Rscript check.R
## Writes nothing; stops with an error if a check fails.
##  1. The absorbed-FE coefficients equal those of lm(y ~ x1 + x2 + factor(firm) [+ factor(year)]) and dummy_lm.
##  2. r_squared = summary(lm)$r.squared; r_squared_within = 1 - RSS / sum(residuals of y ~ FE dummies ^ 2).
##  3. The pyfixest standard errors are reproduced from the dummy-variable lm with sandwich and the small-sample
##     convention stated in expected.json:
##       K   = k + sum(FE levels) - (nFE - 1)  (= rank of the dummy-variable lm, intercept included)
##       iid = vcov(lm)                                   (RSS / (N - K))
##       HC1 = sandwich::vcovHC(lm, "HC1")                 (N / (N - K))
##       CRV = sum over {A, B, A x B} of +-  min(G)/(min(G)-1) * (N-1)/(N-K_c) * B M_c B,
##             K_c = K - sum(levels of FEs nested in a cluster variable) + (number of such FEs).
suppressPackageStartupMessages({ library(sandwich); library(jsonlite) })
d <- read.csv("data.csv")
ex <- fromJSON("expected.json", simplifyVector = TRUE)$models

nested_in <- function(fe, cl) all(tapply(cl, fe, function(v) length(unique(v))) == 1L)
rel <- function(a, b) max(abs(a - b) / abs(b))
worst <- 0
for (i in seq_len(nrow(ex))) {
  m <- ex[i, ]
  fes <- m$absorbed[[1]]
  f <- as.formula(paste("y ~ x1 + x2 +", paste0("factor(", fes, ")", collapse = " + ")))
  fit <- lm(f, data = d)
  stopifnot(!anyNA(coef(fit)))
  b <- coef(fit)[c("x1", "x2")]
  cf <- unlist(m$coefficients); dl <- unlist(m$dummy_lm)[c("x1", "x2")]
  n <- nobs(fit); K <- fit$rank     # intercept + (levels - 1) per FE + k  ==  k + sum(levels) - (nFE - 1)
  se <- function(V) sqrt(diag(V)[c("x1", "x2")])
  bmb <- function(cl) vcovCL(fit, cluster = cl, type = "HC0", cadjust = FALSE)  # (X'X)^-1 M_c (X'X)^-1
  crv <- function(vars) {
    cls <- lapply(vars, function(v) d[[v]])
    nest <- vapply(fes, function(fe) any(vapply(cls, function(cl) nested_in(d[[fe]], cl), TRUE)), TRUE)
    Kc <- K - sum(vapply(fes[nest], function(fe) length(unique(d[[fe]])), 1)) + sum(nest)
    if (length(vars) == 1L) {
      G <- length(unique(cls[[1]]))
      return(list(V = G / (G - 1) * (n - 1) / (n - Kc) * bmb(cls[[1]]), K = Kc))
    }
    inter <- interaction(cls[[1]], cls[[2]], drop = TRUE)
    G <- min(length(unique(cls[[1]])), length(unique(cls[[2]])), nlevels(inter))
    c <- G / (G - 1) * (n - 1) / (n - Kc)
    list(V = c * (bmb(cls[[1]]) + bmb(cls[[2]]) - bmb(inter)), K = Kc)
  }
  got <- list(iid = se(vcov(fit)), HC1 = se(vcovHC(fit, type = "HC1")),
              `cluster:firm` = se(crv("firm")$V), `cluster:firm,year` = se(crv(c("firm", "year"))$V))
  dof <- m$pyfixest_dof
  stopifnot(dof$iid$df_k == K, dof$HC1$df_k == K,
            dof$`cluster:firm`$df_k == crv("firm")$K, dof$`cluster:firm,year`$df_k == crv(c("firm", "year"))$K,
            m$df_residual == n - K, m$n == n)
  fe_only <- lm(as.formula(paste("y ~", paste0("factor(", fes, ")", collapse = " + "))), data = d)
  r2w <- 1 - sum(residuals(fit)^2) / sum(residuals(fe_only)^2)
  r <- c(coef_vs_pyfixest = rel(b, cf), coef_vs_dummy_lm = rel(b, dl),
         r2 = rel(summary(fit)$r.squared, m$r_squared), r2_within = rel(r2w, m$r_squared_within),
         vapply(names(got), function(k) rel(got[[k]], unlist(m$std_errors[[k]])), 1))
  cat(m$name, ": K =", K, " max relative differences:\n"); print(signif(r, 3))
  worst <- max(worst, r)
}
stopifnot(worst < 1e-9)
cat("all checks passed (worst relative difference", signif(worst, 3), ")\n")
