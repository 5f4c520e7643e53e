## Reference fixture "meta" for Tests/StatsTests (MetaAnalysisTests.swift).
## Random-effects meta-analysis (metafor::rma.uni, REML and DL, test = "z"), the Q-profile interval for tau^2
## (confint), empirical-Bayes estimates (blup), and p-value adjustment (stats::p.adjust, "holm" and "BH").
## Made with: R 4.2.2 Patched (2022-11-10 r83330), metafor 3.8-1, metadat 1.2-0 (Debian 12 packages r-base-core,
##   r-cran-metafor, r-cran-metadat).
## Command (from this folder):  Rscript make_meta.R
## Writes
##   data.csv      dataset,study,yi,vi                  the studies' estimates and sampling variances;
##   expected.csv  dataset,method,quantity,study,value  metafor's results (study empty for one-per-fit values);
##   p_adjust.csv  p,holm,BH                            p.adjust on a vector with ties and values near 1.
## Every double is written with the shortest of 15-17 significant digits that reads back to the same double (checked
## on reading back); the fits run on the values read back from data.csv.

suppressPackageStartupMessages(library(metafor))

## The shortest of 15, 16 or 17 significant digits that reads back to the same double.
num17 <- function(v) vapply(v, function(u) {
  if (is.na(u)) return("")
  for (dg in 15:17) { s <- sprintf(paste0("%.", dg, "g"), u); if (as.numeric(s) == u) return(s) }
  s
}, "")
write_lines <- function(lines, path) {
  con <- file(path, open = "wb"); on.exit(close(con))
  writeLines(lines, con, sep = "\n")
}
write_table <- function(df, path) {
  cols <- lapply(df, function(v) if (is.double(v)) num17(v) else ifelse(is.na(v), "", as.character(v)))
  write_lines(c(paste(names(df), collapse = ","), do.call(paste, c(unname(cols), sep = ","))), path)
  back <- read.csv(path, na.strings = "", stringsAsFactors = FALSE)
  for (nm in names(df)) if (is.double(df[[nm]])) stopifnot(identical(back[[nm]], df[[nm]]))
  back
}

## ---- data ----
sets <- list()
## (1) BCG vaccine trials (Colditz et al. 1994): log risk ratios, k = 13.
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
sets$bcg <- data.frame(yi = as.numeric(bcg$yi), vi = as.numeric(bcg$vi))
## (2) Homogeneous: tau^2 = 0 under REML and DL, Q between the chi-square quantiles (Q-profile interval [0, ub]).
set.seed(2); vi <- runif(8, 0.01, 0.06); sets$homogeneous <- data.frame(yi = rnorm(8, 0.25, sqrt(vi)), vi = vi)
## (3) Very homogeneous: Q below the lower 2.5% chi-square quantile (Q-profile interval [0, 0]).
set.seed(32); vi <- runif(8, 0.01, 0.06); sets$very_homogeneous <- data.frame(yi = rnorm(8, 0.25, sqrt(vi)), vi = vi)
## (4) Near the boundary: REML's Fisher scoring stops at a tiny positive tau^2 (step halving towards 0), DL gives 0.
set.seed(11); vi <- runif(8, 0.01, 0.06); sets$boundary <- data.frame(yi = rnorm(8, 0.25, sqrt(vi)), vi = vi)
## (5) k = 3.
sets$k3 <- data.frame(yi = c(-0.35, 0.12, 0.48), vi = c(0.04, 0.09, 0.02))
## (6) k = 30 with very unequal sampling variances (largest / smallest about 700), true tau^2 = 0.1.
set.seed(20240611); vi <- exp(runif(30, log(0.002), log(1.5)))
sets$unequal30 <- data.frame(yi = rnorm(30, 0.3, sqrt(vi + 0.1)), vi = vi)

data <- do.call(rbind, lapply(names(sets), function(nm)
  data.frame(dataset = nm, study = seq_len(nrow(sets[[nm]])), yi = sets[[nm]]$yi, vi = sets[[nm]]$vi,
             stringsAsFactors = FALSE)))
data$study <- as.integer(data$study)
data <- write_table(data, "data.csv")

## ---- fits on the data read back ----
rows <- list()
add <- function(dataset, method, quantity, value, study = NA_integer_) {
  rows[[length(rows) + 1L]] <<- data.frame(dataset = dataset, method = method, quantity = quantity,
                                           study = as.integer(study), value = as.double(value),
                                           stringsAsFactors = FALSE)
}
for (nm in names(sets)) {
  d <- data[data$dataset == nm, ]
  for (method in c("REML", "DL")) {
    fit <- rma(yi, vi, data = d, method = method, test = "z")   # default control, level = 95
    ci <- confint(fit)$random                                 # type = "QP", default tol and search bounds
    b <- blup(fit)
    one <- c(k = fit$k, mu = fit$beta[1], se = fit$se, ci_lb = fit$ci.lb, ci_ub = fit$ci.ub, pval = fit$pval,
             tau2 = fit$tau2, se_tau2 = fit$se.tau2, tau2_lb = ci["tau^2", "ci.lb"], tau2_ub = ci["tau^2", "ci.ub"],
             QE = fit$QE, QE_df = fit$k - fit$p, QEp = fit$QEp, I2 = fit$I2, H2 = fit$H2)
    for (q in names(one)) add(nm, method, q, one[[q]])
    for (i in seq_len(fit$k)) {
      add(nm, method, "blup_pred", b$pred[i], i); add(nm, method, "blup_se", b$se[i], i)
      add(nm, method, "blup_pi_lb", b$pi.lb[i], i); add(nm, method, "blup_pi_ub", b$pi.ub[i], i)
    }
  }
}
invisible(write_table(do.call(rbind, rows), "expected.csv"))

## ---- p.adjust: ties (0.01 twice, 0.04 three times), a zero and values near 1 ----
p <- c(0.04, 0.001, 0.01, 0.2, 0.04, 0.999, 0.01, 0.5, 0.04, 0.0001, 0.97, 0.03, 0)
invisible(write_table(data.frame(p = p, holm = p.adjust(p, "holm"), BH = p.adjust(p, "BH")), "p_adjust.csv"))
