# MatchIt's summary() balance table, computed by MatchIt's own summary machinery (the installed version,
# Debian's 4.5.1) but with the weights, subclasses and matched sets of the reference implementation:
# matchit() is run only to obtain a "matchit" object; its weights, subclass and match.matrix are then
# overwritten before summary(m, un = TRUE) is called.
# Usage: Rscript balance.R <comma-separated covariates> < rows.csv
# stdin: columns treat, the covariates, distance, weights, subclass, mm1..mmk (hex floats; NA allowed).
# stdout: lines "table,row,statistic,value" (value hex or NA), then "nn,<row>,<column>,value", then checks.
suppressPackageStartupMessages(library(MatchIt))
covs <- strsplit(commandArgs(trailingOnly = TRUE)[1], ",")[[1]]
d <- read.csv(file("stdin"), colClasses = "character")
for (v in names(d)) d[[v]] <- as.numeric(d[[v]])
n <- nrow(d)

m <- suppressWarnings(matchit(reformulate(covs, "treat"), data = d, method = "nearest",
                              distance = d$distance))
s_own <- summary(m, un = TRUE)

lab <- names(m$treat)
w <- setNames(d$weights, lab)
sc <- d$subclass
m$weights <- w
m$subclass <- if (all(is.na(sc))) NULL else
  setNames(factor(sc, levels = sort(unique(sc[!is.na(sc)]))), lab)
mm_cols <- grep("^mm[0-9]+$", names(d), value = TRUE)
t1 <- which(d$treat == 1)
mm <- matrix(NA_character_, nrow = length(t1), ncol = length(mm_cols), dimnames = list(lab[t1], NULL))
for (k in seq_along(mm_cols)) mm[, k] <- ifelse(is.na(d[[mm_cols[k]]][t1]), NA_character_, lab[d[[mm_cols[k]]][t1]])
m$match.matrix <- mm
s <- summary(m, un = TRUE)

# Checks: the overwrite reached the "Matched" table, the "All" table is untouched, and the matched means
# are the means weighted by the reference weights.
stopifnot(isTRUE(all.equal(s$sum.all, s_own$sum.all)))
stopifnot(!isTRUE(all.equal(s$sum.matched[, 1:6], s_own$sum.matched[, 1:6])))
i0 <- d$treat == 0; i1 <- d$treat == 1
for (v in covs) {
  stopifnot(abs(s$sum.matched[v, "Means Control"] - sum(w[i0] * d[[v]][i0]) / sum(w[i0])) < 1e-12)
  stopifnot(abs(s$sum.matched[v, "Means Treated"] - sum(w[i1] * d[[v]][i1]) / sum(w[i1])) < 1e-12)
}
stopifnot(s$nn["Matched", "Control"] == sum(w[i0] > 0), s$nn["Matched", "Treated"] == sum(w[i1] > 0))

out <- function(tab, name) {
  for (r in rownames(tab)) for (cn in colnames(tab)) {
    v <- tab[r, cn]
    cat(name, ",", r, ",", cn, ",", if (is.na(v)) "NA" else sprintf("%a", v), "\n", sep = "")
  }
}
out(s$sum.all, "all")
out(s$sum.matched, "matched")
out(s$nn, "nn")
cat("check,own_matchit_means_control_x1,,", sprintf("%a", s_own$sum.matched[covs[1], "Means Control"]), "\n", sep = "")
cat("check,matchit_version,,", as.character(packageVersion("MatchIt")), "\n", sep = "")
