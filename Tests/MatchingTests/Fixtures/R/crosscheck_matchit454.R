# Cross-check of every fixture against MatchIt 4.5.4's own C++ matcher (not used to make the fixtures).
# Debian's MatchIt is 4.5.1 (buggy nearest-neighbour matching), and 4.5.4 cannot be installed here (it needs
# chk and rlang >= 1.1.0), so this compiles MatchIt 4.5.4's src/nn_matchC_vec.cpp and src/weights_matrixC.cpp
# (with src/internal.h next to them) with Rcpp and reproduces the R glue of its R/matchit2nearest.R:
# m.order forced to "data" with replacement, order() of the treated distances, caliper * sd(distance),
# exact strata matched one at a time.
# Usage: Rscript crosscheck_matchit454.R <MatchIt-4.5.4 src directory> [fixtures directory]
#   e.g. git -C <MatchIt clone> archive dae1eb4 src | tar -x -C /tmp/mi454   (dae1eb4 = "Version: 4.5.4")
suppressPackageStartupMessages({ library(Rcpp); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
src <- args[1]
fixtures <- if (length(args) > 1) args[2] else "."
sourceCpp(file.path(src, "nn_matchC_vec.cpp"))
sourceCpp(file.path(src, "weights_matrixC.cpp"))

ok_all <- TRUE
for (case in sort(list.dirs(fixtures, recursive = FALSE, full.names = FALSE))) {
  ef <- file.path(fixtures, case, "expected.json")
  if (!file.exists(ef)) next
  e <- fromJSON(ef, simplifyVector = FALSE)
  d <- read.csv(file.path(fixtures, case, "data.csv"))
  n <- nrow(d)
  treat <- setNames(as.integer(d$treat), as.character(seq_len(n)))
  distance <- d$distance
  o <- e$options
  n1 <- sum(treat == 1)
  reuse.max <- if (isTRUE(o$replace)) .Machine$integer.max else 1L
  m.order <- if (reuse.max >= n1) "data" else o$order
  caliper.dist <- if (is.null(o$caliper)) NULL else abs(o$caliper * sd(distance))
  ratio <- rep(as.integer(o$ratio), n1)
  discarded <- rep(FALSE, n)
  ord_of <- function(dist1) switch(m.order,
                                   largest = order(dist1, decreasing = TRUE),
                                   smallest = order(dist1, decreasing = FALSE),
                                   data = seq_along(dist1))
  exact <- unlist(o$exact)
  if (length(exact) == 0) {
    mm <- nn_matchC_vec(treat, ord_of(distance[treat == 1]), ratio, discarded, reuse.max, distance,
                        NULL, caliper.dist, NULL, NULL, NULL, NULL, FALSE)
  } else {
    ex <- factor(do.call(paste, c(d[exact], sep = "|")))
    cc <- intersect(as.integer(ex)[treat == 1], as.integer(ex)[treat == 0])
    mm <- matrix(NA_integer_, nrow = n1, ncol = o$ratio, dimnames = list(names(treat)[treat == 1], NULL))
    for (lev in levels(ex)[cc]) {
      .e <- which(ex == lev)
      .e1 <- which(ex[treat == 1] == lev)
      treat_ <- treat[.e]
      mm_ <- nn_matchC_vec(treat_, ord_of(distance[.e][treat_ == 1]), ratio[.e1], discarded[.e], reuse.max,
                           distance[.e], NULL, caliper.dist, NULL, NULL, NULL, NULL, FALSE)
      mm_[] <- seq_along(treat)[.e][mm_]
      mm[rownames(mm_), seq_len(ncol(mm_))] <- mm_
    }
  }
  w <- weights_matrixC(mm, treat)
  t1 <- which(treat == 1)
  exp_controls <- lapply(e$matches[t1], function(m) as.integer(unlist(m$controls)))
  got_controls <- lapply(seq_along(t1), function(k) { r <- mm[k, ]; as.integer(r[!is.na(r)]) })
  same_sets <- identical(exp_controls, got_controls)
  wdiff <- max(abs(w - unlist(e$weights)))
  ok <- same_sets && wdiff == 0
  ok_all <- ok_all && ok
  cat(sprintf("%-16s %s  matched sets %s, max |weight difference| %g\n", case, if (ok) "OK  " else "FAIL",
              if (same_sets) "identical" else "DIFFER", wdiff))
}
if (!ok_all) quit(status = 1)
