## Helpers shared by the make.R scripts of these fixtures (sourced from each case folder):
## writing data with exactly representable values, reading it back, fitting, and writing expected.json.
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

