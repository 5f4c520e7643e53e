# Reference fixtures for Rosenbaum sensitivity bounds, computed with R's
# rbounds package (binarysens and psens).
#
# Regenerate (from this folder):
#   R_LIBS=/tmp/Rlib Rscript make_rbounds.R
#
# Generated with:
#   rbounds 2.2 (CRAN, Date/Publication 2022-04-29), installed from the CRAN
#   read-only GitHub mirror cran/rbounds, commit
#   473e39125cb08eeff286ddae0e4013e2c7360ab5 ("version 2.2"), via
#     git -C <mirror> archive HEAD | tar -x -C /tmp/rbounds-src
#     mkdir -p /tmp/Rlib && R CMD INSTALL -l /tmp/Rlib /tmp/rbounds-src
#   R 4.2.2 Patched (2022-11-10 r83330), Debian.
#   (rbounds has no dependencies beyond base R's stats package.)
#
# rbounds rounds its output tables (binarysens: 5 decimals, psens: 4
# decimals), and the returned objects keep only the rounded values. Full
# precision values are therefore recomputed here with exactly the same
# formulas as the package source (see README.md) and then checked against
# the package output: round(ours, digits) must equal the package's table
# entry exactly, for every row. Γ crossings of 0.05 are found by uniroot on
# the same formulas and checked against the package's grid values.
#
# Outputs (written to the working directory):
#   binarysens.csv, binarysens_gamma.csv, psens_pairs.csv, psens.csv,
#   psens_gamma.csv

suppressPackageStartupMessages(library(rbounds))
stopifnot(as.character(packageVersion("rbounds")) == "2.2")

fmt <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
alpha <- 0.05

# rbounds' grid: seq(1, Gamma, by = GammaInc). Same call as inside the package,
# so the doubles are identical (e.g. 1.7000000000000002, not 1.7).
GAMMA <- 6
GAMMA_INC <- 0.1
gamma_grid <- seq(1, GAMMA, by = GAMMA_INC)

# ---------------------------------------------------------------------------
# binarysens
# ---------------------------------------------------------------------------
# Recomputation of rbounds::binarysens' upper bound (same expression).
binary_upper <- function(x, y, g) {
  D <- max(x, y)          # the package uses the larger of the two counts
  n <- x + y
  1 - pbinom(D, n, prob = g / (1 + g))   # = P(B > D), B ~ Bin(n, g/(1+g))
}

# x = discordant pairs in which the treated unit has the outcome,
# y = discordant pairs in which the control unit has the outcome.
# (binarysens itself is symmetric in x and y: it only uses max(x, y) and
# x + y; cases "a" and "e" show this.)
binary_cases <- data.frame(
  case = c("a_120_60", "b_30_25", "c_5_1", "d_200_190", "e_60_120",
           "f_50_20", "g_110_12"),
  x = c(120, 30, 5, 200, 60, 50, 110),
  y = c(60, 25, 1, 190, 120, 20, 12),
  stringsAsFactors = FALSE
)

bin_rows <- list()
bin_gamma_rows <- list()
for (i in seq_len(nrow(binary_cases))) {
  cs <- binary_cases$case[i]; x <- binary_cases$x[i]; y <- binary_cases$y[i]
  pkg <- binarysens(x, y, Gamma = GAMMA, GammaInc = GAMMA_INC)
  stopifnot(identical(pkg$bounds$Gamma, gamma_grid))
  up <- vapply(gamma_grid, function(g) binary_upper(x, y, g), numeric(1))
  # Our full-precision values reproduce the package's printed table exactly.
  stopifnot(identical(round(up, 5), pkg$bounds[["Upper bound"]]))
  bin_rows[[i]] <- data.frame(case = cs, x = x, y = y, gamma = gamma_grid,
                              upper_p = up, stringsAsFactors = FALSE)

  f <- function(g) binary_upper(x, y, g) - alpha
  if (f(1) >= 0) {
    cross <- NA_real_      # upper bound already >= 0.05 at Γ = 1
  } else {
    stopifnot(f(1000) > 0)
    cross <- uniroot(f, c(1, 1000), tol = 1e-13)$root
    stopifnot(f(cross - 1e-7) < 0, f(cross + 1e-7) > 0)
  }
  # Check against the package's (rounded) grid values: below the crossing
  # the package's upper bound is <= 0.05, at/after it >= 0.05 (rounding can
  # only make a value equal to 0.05).
  pk <- pkg$bounds[["Upper bound"]]
  if (is.na(cross)) {
    stopifnot(all(pk >= alpha))
  } else {
    stopifnot(all(pk[gamma_grid < cross] <= alpha),
              all(pk[gamma_grid > cross] >= alpha))
    if (cross <= GAMMA) {
      stopifnot(any(pk[gamma_grid < cross] < alpha),
                any(pk[gamma_grid > cross] > alpha))
    }
  }
  # The textbook bound, P(B >= D) (Rosenbaum 2002, sec. 4.3.2; rbounds leaves out B = D), and its crossing.
  ft <- function(g) 1 - pbinom(max(x, y) - 1, x + y, prob = g / (1 + g)) - alpha
  cross_textbook <- if (ft(1) >= 0) NA_real_ else uniroot(ft, c(1, 1000), tol = 1e-13)$root
  bin_gamma_rows[[i]] <- data.frame(case = cs, x = x, y = y,
                                    gamma_crossing = cross,
                                    gamma_crossing_textbook = cross_textbook,
                                    stringsAsFactors = FALSE)
}
bin <- do.call(rbind, bin_rows)
bin_gamma <- do.call(rbind, bin_gamma_rows)

# x/y symmetry of the package.
stopifnot(identical(bin$upper_p[bin$case == "a_120_60"],
                    bin$upper_p[bin$case == "e_60_120"]))

writeLines(c("case,x,y,gamma,upper_p",
             paste(bin$case, bin$x, bin$y, fmt(bin$gamma), fmt(bin$upper_p),
                   sep = ",")),
           "binarysens.csv")
writeLines(c("case,x,y,gamma_crossing,gamma_crossing_textbook",
             paste(bin_gamma$case, bin_gamma$x, bin_gamma$y,
                   fmt(bin_gamma$gamma_crossing), fmt(bin_gamma$gamma_crossing_textbook), sep = ",")),
           "binarysens_gamma.csv")

# ---------------------------------------------------------------------------
# psens
# ---------------------------------------------------------------------------
# Synthetic paired data: integer outcomes, so zero differences and tied
# |differences| occur exactly (no floating-point near-ties).
set.seed(2)
ctA <- round(rnorm(30, 20, 3));   trA <- round(ctA + rnorm(30, 2.5, 2.5))   # clearly positive
ctB <- round(rnorm(100, 10, 2));  trB <- round(ctB + rnorm(100, 0.1, 2))    # near zero
ctC <- round(rnorm(500, 10, 2));  trC <- round(ctC + rnorm(500, -0.4, 2))   # negative
ctD <- sample(1:7, 100, TRUE, prob = c(1, 2, 3, 4, 3, 2, 1))                # 7-point scale,
trD <- pmin(7, pmax(1, ctD + sample(-2:3, 100, TRUE,                        # moderate positive,
                                    prob = c(1, 2, 4, 4, 3, 1))))            # heavy ties
# Rosenbaum's lead example (from rbounds' own ?psens example; 33 pairs).
trL <- c(38, 23, 41, 18, 37, 36, 23, 62, 31, 34, 24, 14, 21, 17, 16, 20,
         15, 10, 45, 39, 22, 35, 49, 48, 44, 35, 43, 39, 34, 13, 73, 25, 27)
ctL <- c(16, 18, 18, 24, 19, 11, 10, 15, 16, 18, 18, 13, 19, 10, 16,
         16, 24, 13, 9, 14, 21, 19, 7, 18, 19, 12, 11, 22, 25, 16, 13, 11, 13)

psens_data <- list(
  A_pos_n30     = list(tr = trA, ct = ctA),
  B_null_n100   = list(tr = trB, ct = ctB),
  C_neg_n500    = list(tr = trC, ct = ctC),
  D_likert_n100 = list(tr = trD, ct = ctD),
  E_lead_n33    = list(tr = trL, ct = ctL)
)

# Recomputation of rbounds::psens' upper bound (same expressions).
psens_stat <- function(tr, ct) {
  d <- tr - ct
  d <- d[d != 0]                               # zero differences dropped
  r <- rank(abs(d), ties.method = "average")   # ranks among the nonzero |d|
  list(T = sum(as.numeric(d > 0) * r), r = r)
}
psens_upper <- function(st, g) {
  p <- g / (1 + g)
  E <- sum(st$r * p)
  V <- sum(st$r^2 * p * (1 - p))
  1 - pnorm((st$T - E) / sqrt(V))
}

pairs_rows <- list(); ps_rows <- list(); ps_gamma_rows <- list()
for (cs in names(psens_data)) {
  tr <- psens_data[[cs]]$tr; ct <- psens_data[[cs]]$ct
  d <- tr - ct
  stopifnot(any(d == 0), anyDuplicated(abs(d[d != 0])) > 0)  # zeros and ties present
  pairs_rows[[cs]] <- data.frame(case = cs, treated = tr, control = ct,
                                 stringsAsFactors = FALSE)
  pkg <- psens(tr, ct, Gamma = GAMMA, GammaInc = GAMMA_INC)
  stopifnot(identical(pkg$bounds$Gamma, gamma_grid))
  st <- psens_stat(tr, ct)
  up <- vapply(gamma_grid, function(g) psens_upper(st, g), numeric(1))
  stopifnot(identical(round(up, 4), pkg$bounds[["Upper bound"]]))
  ps_rows[[cs]] <- data.frame(case = cs, gamma = gamma_grid, upper_p = up,
                              stringsAsFactors = FALSE)

  f <- function(g) psens_upper(st, g) - alpha
  if (f(1) >= 0) {
    cross <- NA_real_
  } else {
    stopifnot(f(1000) > 0)
    cross <- uniroot(f, c(1, 1000), tol = 1e-13)$root
    stopifnot(f(cross - 1e-7) < 0, f(cross + 1e-7) > 0)
  }
  pk <- pkg$bounds[["Upper bound"]]
  if (is.na(cross)) {
    stopifnot(all(pk >= alpha))
  } else {
    stopifnot(all(pk[gamma_grid < cross] <= alpha),
              all(pk[gamma_grid > cross] >= alpha))
    if (cross <= GAMMA) {
      stopifnot(any(pk[gamma_grid < cross] < alpha),
                any(pk[gamma_grid > cross] > alpha))
    }
  }
  ps_gamma_rows[[cs]] <- data.frame(case = cs, gamma_crossing = cross,
                                    stringsAsFactors = FALSE)
  message(sprintf("%-14s n=%3d zeros=%3d nonzero=%3d T=%g upper_p(1)=%.6g crossing=%s",
                  cs, length(d), sum(d == 0), length(st$r), st$T,
                  up[1], fmt(cross)))
}
pairs <- do.call(rbind, pairs_rows)
ps <- do.call(rbind, ps_rows)
ps_gamma <- do.call(rbind, ps_gamma_rows)

writeLines(c("case,treated,control",
             paste(pairs$case, fmt(pairs$treated), fmt(pairs$control), sep = ",")),
           "psens_pairs.csv")
writeLines(c("case,gamma,upper_p",
             paste(ps$case, fmt(ps$gamma), fmt(ps$upper_p), sep = ",")),
           "psens.csv")
writeLines(c("case,gamma_crossing",
             paste(ps_gamma$case, fmt(ps_gamma$gamma_crossing), sep = ",")),
           "psens_gamma.csv")

for (i in seq_len(nrow(bin_gamma)))
  message(sprintf("binarysens %-10s x=%3d y=%3d crossing=%s", bin_gamma$case[i],
                  bin_gamma$x[i], bin_gamma$y[i], fmt(bin_gamma$gamma_crossing[i])))
message("all checks passed")
