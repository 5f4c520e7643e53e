## Reference fixture "supt": the equicoordinate two-sided 95 % quantile of a multivariate normal with a given
## correlation matrix — the critical value c of sup-t simultaneous bands, P(max_k |Z_k| <= c) = 0.95 for
## Z ~ N(0, R) — computed with R's mvtnorm (Genz-Bretz integration, qmvnorm(tail = "both.tails")).
## Command (from this folder): Rscript make_supt.R    (Debian 12: r-base-core, r-cran-mvtnorm 1.1-3)
## Writes supt.csv: case,dimension,rho,quantile. Cases: identity (rho 0), equicorrelated (rho), AR(1) (rho^|i-j|).
library(mvtnorm)
set.seed(20141)
ar1 <- function(k, rho) rho^abs(outer(1:k, 1:k, "-"))
equi <- function(k, rho) { m <- matrix(rho, k, k); diag(m) <- 1; m }
cases <- list(
  list("identity", 5, 0, diag(5)),
  list("identity", 20, 0, diag(20)),
  list("equicorrelated", 10, 0.5, equi(10, 0.5)),
  list("equicorrelated", 30, 0.9, equi(30, 0.9)),
  list("ar1", 20, 0.8, ar1(20, 0.8)),
  list("ar1", 61, 0.95, ar1(61, 0.95))
)
rows <- vapply(cases, function(z) {
  q <- qmvnorm(0.95, tail = "both.tails", corr = z[[4]], algorithm = GenzBretz(maxpts = 2e6, abseps = 1e-5))$quantile
  sprintf("%s,%d,%.17g,%.17g", z[[1]], z[[2]], z[[3]], q)
}, "")
writeLines(c("case,dimension,rho,quantile", rows), "supt.csv")
cat("mvtnorm", format(packageVersion("mvtnorm")), "- wrote supt.csv\n")
