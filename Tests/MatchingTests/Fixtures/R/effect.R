# ATT as in MatchIt's "Estimating effects" vignette, with the weights of the reference implementation.
#   fit <- lm(y ~ treat, data = md, weights = weights)
#   without replacement: coeftest(fit, vcov. = vcovCL, cluster = ~subclass)   (sandwich default: HC1-type)
#   with replacement:    coeftest(fit, vcov. = vcovHC(fit, type = "HC3"))
# md = the rows with weight > 0 (what match.data() returns).
# Usage: Rscript effect.R <replace: TRUE|FALSE> < rows.csv
# stdin: columns y, treat, weights, subclass (hex floats; subclass NA with replacement).
# stdout: estimate, std_error (hex), then the versions of sandwich and lmtest.
suppressPackageStartupMessages({ library(sandwich); library(lmtest) })
replace <- as.logical(commandArgs(trailingOnly = TRUE)[1])
d <- read.csv(file("stdin"), colClasses = "character")
for (v in c("y", "treat", "weights")) d[[v]] <- as.numeric(d[[v]])
md <- d[d$weights > 0, ]
fit <- lm(y ~ treat, data = md, weights = weights)
if (replace) {
  ct <- coeftest(fit, vcov. = vcovHC(fit, type = "HC3"))
} else {
  md$subclass <- factor(as.integer(md$subclass))
  stopifnot(!anyNA(md$subclass))
  ct <- coeftest(fit, vcov. = vcovCL, cluster = ~subclass)
}
cat(sprintf("%a", ct["treat", "Estimate"]), sprintf("%a", ct["treat", "Std. Error"]),
    as.character(packageVersion("sandwich")), as.character(packageVersion("lmtest")), sep = "\n")
