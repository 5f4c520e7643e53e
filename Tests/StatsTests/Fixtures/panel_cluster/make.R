## Reference fixture "panel_cluster" for Tests/StatsTests (FixtureTests.swift).
## Balanced panel (60 firms x 8 years): OLS, WLS and no-intercept lm with iid, HC0-HC3, one- and two-way cluster SEs.
## Made with: R 4.2.2 Patched (2022-11-10 r83330), sandwich 3.0-2, jsonlite 1.8.4 (Debian 12 packages
##   r-base-core, r-cran-sandwich, r-cran-jsonlite).
## Command (from this folder):  Rscript make.R
## Writes data.csv (generated with a fixed seed), then reads data.csv back and fits on the read-back
## data, so that the Swift side and R see identical numbers; writes expected.json.

## ---- shared helpers (identical in every make.R of these fixtures) ----
suppressPackageStartupMessages({ library(sandwich); library(jsonlite) })

## Continuous values are rounded to multiples of 2^-10 (dy), so that each is a double whose exact decimal expansion
## (at most 10 decimals) is written in full: every correct parser - and R's own strtod, which is not always correctly
## rounded for arbitrary decimals - reads back exactly the same double.
dy <- function(x) round(x * 1024) / 1024

## Write a data frame as RFC 4180 CSV: header unquoted, strings quoted, integers as integers,
## doubles exactly (see dy), empty cell = missing, LF line endings.
write_csv_exact <- function(df, path) {
  for (v in df) if (is.double(v)) stopifnot(all(is.na(v) | (v * 1024 == round(v * 1024) & abs(v) < 1e5)))
  .written <<- df
  cols <- lapply(df, function(v) {
    if (is.character(v) || is.factor(v)) {
      v <- as.character(v)
      ifelse(is.na(v), "", paste0("\"", gsub("\"", "\"\"", v), "\""))
    } else if (is.integer(v) || is.logical(v)) {
      ifelse(is.na(v), "", as.character(as.integer(v)))
    } else {
      ifelse(is.na(v), "", sprintf("%.15g", v))
    }
  })
  lines <- c(paste(names(df), collapse = ","), do.call(paste, c(unname(cols), sep = ",")))
  con <- file(path, open = "wb"); on.exit(close(con))
  writeLines(lines, con, sep = "\n")
}

read_csv_back <- function(path) {
  back <- read.csv(path, na.strings = "", stringsAsFactors = FALSE, check.names = FALSE)
  ## the round trip must be exact
  stopifnot(identical(names(back), names(.written)), nrow(back) == nrow(.written))
  for (nm in names(back)) {
    a <- back[[nm]]; b <- .written[[nm]]
    if (is.character(b)) stopifnot(identical(a, b)) else stopifnot(identical(as.double(a), as.double(b)))
  }
  back
}

## Standard errors aligned with names(coef(fit)); NA (-> null) for aliased terms.
## sandwich returns matrices for the non-aliased coefficients only, so align by name.
aligned_se <- function(fit, V) {
  cf <- coef(fit)
  out <- setNames(rep(NA_real_, length(cf)), names(cf))
  d <- diag(V)
  keep <- !is.na(d)
  out[rownames(V)[keep]] <- sqrt(d[keep])
  stopifnot(all(is.na(out[is.na(cf)])), all(!is.na(out[!is.na(cf)])))
  unname(out)
}

covariance <- function(fit, key) {
  if (key == "iid") return(vcov(fit))
  if (key %in% c("HC0", "HC1", "HC2", "HC3")) return(sandwich::vcovHC(fit, type = key))
  if (startsWith(key, "cluster:")) {
    vars <- strsplit(sub("^cluster:", "", key), ",")[[1]]
    f <- as.formula(paste("~", paste(vars, collapse = " + ")))
    return(sandwich::vcovCL(fit, cluster = f))
  }
  stop("unknown covariance ", key)
}

num <- function(x) if (is.null(x) || length(x) == 0) NA_real_ else unname(as.numeric(x))

model_entry <- function(name, formula, fit, keys, weights = NULL) {
  cf <- coef(fit)
  ses <- setNames(lapply(keys, function(k) aligned_se(fit, covariance(fit, k))), keys)
  is_glm <- inherits(fit, "glm")
  e <- list(
    name = name, formula = formula,
    family = if (is_glm) family(fit)$family else "gaussian",
    weights = if (is.null(weights)) NA else weights,
    terms = I(names(cf)),
    coefficients = I(unname(cf)),
    std_errors = lapply(ses, I),
    n = as.integer(nobs(fit)),
    n_dropped_missing = as.integer(length(fit$na.action)),
    df_residual = as.integer(fit$df.residual)
  )
  if (is_glm) {
    e <- c(e, list(r_squared = NA, adj_r_squared = NA, f_statistic = NA, f_df1 = NA, f_df2 = NA, sigma = NA,
                   loglik = num(logLik(fit)), aic = num(AIC(fit)), deviance = num(deviance(fit)),
                   null_deviance = num(fit$null.deviance), iterations = as.integer(fit$iter),
                   converged = fit$converged))
  } else {
    s <- summary(fit)
    fs <- s$fstatistic
    e <- c(e, list(r_squared = num(s$r.squared), adj_r_squared = num(s$adj.r.squared),
                   f_statistic = num(fs["value"]),
                   f_df1 = if (is.null(fs)) NA else as.integer(fs["numdf"]),
                   f_df2 = if (is.null(fs)) NA else as.integer(fs["dendf"]),
                   sigma = num(s$sigma), loglik = num(logLik(fit)), aic = num(AIC(fit)),
                   deviance = num(deviance(fit)), null_deviance = NA, iterations = NA))
  }
  e
}

source_string <- function(extra) {
  sprintf("R %s.%s, sandwich %s, jsonlite %s; %s", R.version$major, R.version$minor,
          packageDescription("sandwich")$Version, packageDescription("jsonlite")$Version, extra)
}

write_expected <- function(source, models, path = "expected.json") {
  txt <- jsonlite::toJSON(list(source = source, models = models), auto_unbox = TRUE, digits = NA,
                          na = "null", null = "null", pretty = TRUE)
  con <- file(path, open = "wb"); on.exit(close(con))
  writeLines(txt, con, sep = "\n")
}
## ---- end of shared helpers ----

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
