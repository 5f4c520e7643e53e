## Reference fixture "evalue": E-values for unmeasured confounding (VanderWeele & Ding 2017) computed with R's
## EValue package: evalues.RR and evalues.MD.
## Made with: R 4.2.2 Patched (2022-11-10 r83330); EValue 4.1.3; MetaUtility 2.1.2 (an Import of EValue); the other
##   Imports from Debian 12 (r-cran-ggplot2 3.4.1, r-cran-metafor 3.8-1, r-cran-metadat 1.2-0, r-cran-boot 1.3-28.1,
##   r-cran-dplyr 1.0.10; MetaUtility also needs r-cran-stringr, r-cran-purrr, r-cran-tidyr, r-cran-rlang).
## Source of the packages (neither is packaged in Debian 12, `apt-get install r-cran-evalue` fails):
##   EValue 4.1.3      GitHub mayamathur/evalue_package, commit 333d022041951903744e097e052430700eabbbca
##                     (2025-07-24), subfolder EValue/
##   MetaUtility 2.1.2 GitHub mayamathur/MetaUtility, commit 2767aaa275c7a27a22d7115275b2104f27e1d455 (2021-10-29)
##   installed into a private library:
##     mkdir -p /tmp/Rlib
##     R CMD INSTALL -l /tmp/Rlib <MetaUtility checkout>
##     R_LIBS=/tmp/Rlib R CMD INSTALL -l /tmp/Rlib <evalue_package checkout>/EValue
## Command (from this folder):  R_LIBS=/tmp/Rlib Rscript make_evalue.R
## Writes (see README.md for the columns and for what EValue computes):
##   evalue_rr.csv  est,lo,hi,true,evalue_point,evalue_ci                           evalues.RR(est, lo, hi, true)
##   evalue_md.csv  est,se,true,evalue_point,evalue_ci                              evalues.MD(est, se, true)
## Every double is written with the shortest of 15-17 significant digits that reads back to the same double (checked
## on reading back); NA is written as an empty field; logicals as TRUE/FALSE. EValue does not round these results.
## The script also recomputes every E-value from the formulas stated in README.md and stops if any differs from
## EValue's by more than 1e-13 (relative).

suppressPackageStartupMessages(library(EValue))
if (format(packageVersion("EValue")) != "4.1.3")
  warning("EValue ", format(packageVersion("EValue")), " is loaded; the fixture was made with 4.1.3")

## ---- writing (same conventions as ../meta/make_meta.R) ----
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
  for (nm in names(df)) if (is.double(df[[nm]])) stopifnot(identical(as.double(back[[nm]]), df[[nm]]))
  invisible(back)
}

## The E-value of the CI is the one non-NA entry of the "lower"/"upper" E-values (EValue sets the other to NA);
## NA when neither is reported.
ci_evalue <- function(m) { e <- unname(m[2, 2:3]); e <- e[!is.na(e)]; if (length(e)) e[1] else NA_real_ }
plain <- function(x) as.numeric(unclass(x))   # drop the "estimate" classes/attributes
run <- function(f, ...) suppressMessages(f(...))   # EValue messages about non-null `true` and crossing CIs

## ---- independent recomputation from the formulas in README.md ----
f_e <- function(r) r + sqrt(r * (r - 1))
e_single <- function(x, t) if (is.na(x)) NA_real_ else f_e(max(x / t, t / x))
e_pair <- function(est, lo, hi, t) {
  pt <- e_single(est, t)
  ci <- if (is.na(lo) && is.na(hi)) NA_real_
        else if (est > t) { if (is.na(lo)) NA_real_ else if (lo < t) 1 else e_single(lo, t) }
        else if (est < t) { if (is.na(hi)) NA_real_ else if (hi > t) 1 else e_single(hi, t) }
        else 1
  c(pt, ci)
}
check <- function(got, want, what) {
  ok <- (is.na(got) & is.na(want)) | (!is.na(got) & !is.na(want) & abs(got - want) <= 1e-13 * abs(want))
  if (!all(ok)) stop("recomputation differs from EValue in ", what, ": ", paste(which(!ok), collapse = " "))
}

## ---- evalues.RR (it has no `rare` argument) ----
rr_cases <- read.table(header = TRUE, text = "
est        lo        hi         true
0.80       0.71      0.91       1
10.729780  8.017457  14.359688  1
1.25       1.10      1.42       1
2.0        1.5       2.7        1
3.0        2.5       3.6        1
0.1        0.05      0.2        1
1.01       1.001     1.02       1
1.3        0.9       1.8        1
0.7        0.45      1.1        1
0.8        0.7       1.0        1
1.0        0.8       1.25       1
1.5        1.3       1.9        1.2
1.5        1.2       1.9        1.2
1.1        1.02      1.15       1.2
1.1        1.02      1.25       1.2
1.2        1.0       1.44       1.2
0.6        0.5       0.75       0.9
0.95       0.92      0.98       0.9
0.95       0.85      1.05       0.9
0.5        NA        NA         1
1.8        1.3       NA         1
1.8        NA        2.4        1
")
rr_cases[] <- lapply(rr_cases, as.double)
rr <- do.call(rbind, lapply(seq_len(nrow(rr_cases)), function(i) {
  z <- rr_cases[i, ]
  m <- run(evalues.RR, z$est, z$lo, z$hi, true = z$true)
  check(c(m[2, 1], ci_evalue(m)), e_pair(z$est, z$lo, z$hi, z$true), paste("RR row", i))
  data.frame(z, evalue_point = unname(m[2, 1]), evalue_ci = ci_evalue(m))
}))
write_table(rr, "evalue_rr.csv")

## ---- evalues.MD (standardized mean difference d and its SE) ----
md_cases <- read.table(header = TRUE, text = "
est    se     true
0.5    0.25   0
-0.5   0.25   0
1.2    0.3    0
2.0    0.5    0
0.05   0.01   0
0.3    0.2    0
-0.2   0.15   0
0      0.1    0
0.8    0.1    0.2
-0.6   0.12   -0.2
0.25   0.05   0.5
0.4    0.3    0.3
0.4    NA     0
")
md_cases[] <- lapply(md_cases, as.double)
md <- do.call(rbind, lapply(seq_len(nrow(md_cases)), function(i) {
  z <- md_cases[i, ]
  m <- run(evalues.MD, z$est, z$se, true = z$true)
  lo <- if (is.na(z$se)) NA_real_ else exp(0.91 * z$est - 1.78 * z$se)
  hi <- if (is.na(z$se)) NA_real_ else exp(0.91 * z$est + 1.78 * z$se)
  check(plain(m[1, ]), c(exp(0.91 * z$est), lo, hi), paste("MD RR-scale row", i))
  check(c(m[2, 1], ci_evalue(m)), e_pair(exp(0.91 * z$est), lo, hi, exp(0.91 * z$true)), paste("MD row", i))
  data.frame(z, evalue_point = unname(m[2, 1]), evalue_ci = ci_evalue(m))
}))
write_table(md, "evalue_md.csv")

cat("EValue", format(packageVersion("EValue")), "- wrote evalue_rr.csv (", nrow(rr), "rows), evalue_md.csv (",
    nrow(md), "rows)\n")
