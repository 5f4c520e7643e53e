## Reference fixture "distributions" for Tests/StatsTests (DistributionTests.swift).
## Normal, Student t, F and chi-squared probabilities and quantiles from R's stats package (Rmath).
## Made with: R 4.2.2 Patched (2022-11-10 r83330) (Debian 12 package r-base-core).
## Command (from this folder):  Rscript make.R
## Writes expected.csv with columns function,a,b,x,value:
##   a = degrees of freedom (df, or df1 for F), b = df2 for F, empty when unused;
##   x = the argument (quantile for p* functions, probability for q* functions);
##   value = R's result written with format(value, digits = 17).
## Upper tails use lower.tail = FALSE so that tiny probabilities keep full relative accuracy.

rows <- list()
add <- function(fn, a, b, x, value) {
  rows[[length(rows) + 1L]] <<- data.frame(fn = fn, a = a, b = b, x = x, value = value)
}

for (x in c(-40, -37.5, -20, -8, -3, -1, 0, 0.5, 1.96, 3, 8, 20)) {
  add("pnorm_lower", NA, NA, x, pnorm(x))
  add("pnorm_upper", NA, NA, x, pnorm(x, lower.tail = FALSE))
}
for (p in c(1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.025, 0.5, 0.975, 1 - 1e-10))
  add("qnorm", NA, NA, p, qnorm(p))
dfs_t <- c(1, 2, 5, 30, 1000, 1e6)
for (df in dfs_t) for (t in c(0.1, 1, 2.5, 10, 50, 1e3))
  add("pt_upper", df, NA, t, pt(t, df, lower.tail = FALSE))
for (df in dfs_t) for (p in c(0.975, 0.995, 1e-10, 0.5))
  add("qt", df, NA, p, qt(p, df))
for (ab in list(c(1, 10), c(3, 100), c(10, 1e5), c(100, 50))) for (x in c(0.5, 1, 3, 10, 100))
  add("pf_upper", ab[1], ab[2], x, pf(x, ab[1], ab[2], lower.tail = FALSE))
dfs_c <- c(1, 2, 10, 100, 1000)
for (df in dfs_c) for (x in c(0.001, 1, 10, 100, 500, 2000))
  add("pchisq_upper", df, NA, x, pchisq(x, df, lower.tail = FALSE))
for (df in dfs_c) for (p in c(0.05, 0.5, 0.95, 0.999999))
  add("qchisq", df, NA, p, qchisq(p, df))
tab <- do.call(rbind, rows)

## Inputs: the shortest decimal that reads back to the same double; degrees of freedom as plain integers.
shortest <- function(v) vapply(v, function(u) {
  if (is.na(u)) return("")
  for (dg in 15:17) { s <- sprintf(paste0("%.", dg, "g"), u); if (as.numeric(s) == u) return(s) }
  s
}, "")
int_or_empty <- function(v) ifelse(is.na(v), "", format(v, scientific = FALSE, trim = TRUE))
out <- data.frame(
  `function` = tab$fn,
  a = vapply(tab$a, int_or_empty, ""),
  b = vapply(tab$b, int_or_empty, ""),
  x = shortest(tab$x),
  value = vapply(tab$value, function(v) format(v, digits = 17), ""),
  check.names = FALSE, stringsAsFactors = FALSE)
stopifnot(all(as.numeric(out$value) == tab$value), all(as.numeric(out$x) == tab$x))
con <- file("expected.csv", open = "wb")
writeLines(c("function,a,b,x,value", do.call(paste, c(unname(out), sep = ","))), con, sep = "\n")
close(con)
