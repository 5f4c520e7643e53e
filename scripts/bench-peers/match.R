# MatchIt nearest-neighbour matching (1:1, caliper 0.2 sd, no replacement) on the scores finsam-bench wrote.
# Usage: Rscript match.R DIR   — prints `RESULT match MatchIt SECONDS` and the number of matched treated units.
# Note: Debian's MatchIt 4.5.1 ignores the caliper on this platform (an upstream bug fixed in 4.5.4), so its count
# of matched units differs; the timing still shows the cost of its matcher.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
n <- file.info(file.path(dir, "scores.f64"))$size / 8
d <- readBin(file.path(dir, "scores.f64"), "double", n)
treat <- readBin(file.path(dir, "treat.i32"), "integer", n, size = 4)
data <- data.frame(treat = treat)
suppressPackageStartupMessages(library(MatchIt))
t0 <- proc.time()[["elapsed"]]
m <- matchit(treat ~ 1, data = data, method = "nearest", distance = d, caliper = 0.2)
t1 <- proc.time()[["elapsed"]]
cat(sprintf("RESULT match MatchIt %.4f\n", t1 - t0))
cat(sprintf("MATCHED match MatchIt %d   # MatchIt %s\n", sum(m$weights[treat == 1] > 0), packageVersion("MatchIt")))
