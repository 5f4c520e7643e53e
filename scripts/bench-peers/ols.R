# Peer for scripts/bench: R's lm() with sandwich::vcovCL(fit, cluster = ~cl) — its default for lm is HC1,
# G/(G-1)·(n-1)/(n-K), the same as ours.
#   Rscript ols.R DIR
# DIR is what `finsam-bench ols --write DIR` wrote: design.f64 (n x (P+2) little-endian float64, column-major:
# intercept, x1..xP, y), cluster.i32 (n int32 cluster ids) and meta.json. Only lm() and vcovCL() are timed, not
# reading the files or building the data frame. Prints
#   RESULT ols R-lm-sandwich <seconds>   (or RESULT ols R-lm-sandwich OOM, or FAILED <reason>)
#   COEF ols R-lm-sandwich x1 <value>
#   PEAK ols R-lm-sandwich <bytes>   (peak resident memory, from /proc/self/status; data included)
peer <- "R-lm-sandwich"
fail <- function(e) {
  message <- gsub("[[:space:]]+", " ", conditionMessage(e))
  if (grepl("cannot allocate|memory exhausted", message)) cat("RESULT ols", peer, "OOM\n")
  else cat("FAILED ols ", peer, ": ", message, "\n", sep = "")
  quit(save = "no", status = 1)
}
suppressPackageStartupMessages(library(sandwich))

dir <- commandArgs(trailingOnly = TRUE)[1]
meta <- paste(readLines(file.path(dir, "meta.json"), warn = FALSE), collapse = "")
field <- function(key) as.numeric(sub(sprintf('.*"%s": *([0-9]+).*', key), "\\1", meta))
n <- field("rows"); p <- field("columns")

tryCatch({
  con <- file(file.path(dir, "design.f64"), "rb")
  column <- function() {
    v <- readBin(con, "double", n = n, size = 8, endian = "little")
    if (length(v) != n) stop("design.f64 is shorter than meta.json says")
    v
  }
  invisible(column())                                   # column 0, the intercept: lm() adds its own
  data <- lapply(seq_len(p + 1), function(j) column())  # x1..xP, y
  close(con)
  names(data) <- c(paste0("x", seq_len(p)), "y")
  data$cl <- readBin(file.path(dir, "cluster.i32"), "integer", n = n, size = 4, endian = "little")
  data <- list2DF(data)
  formula <- as.formula(paste("y ~", paste0("x", seq_len(p), collapse = " + ")))

  t0 <- proc.time()[["elapsed"]]
  fit <- lm(formula, data = data)
  se <- sqrt(diag(vcovCL(fit, cluster = ~cl)))
  seconds <- proc.time()[["elapsed"]] - t0
  stopifnot(all(is.finite(se)))
}, error = fail)
cat(sprintf("RESULT ols %s %.4f\n", peer, seconds))
cat(sprintf("COEF ols %s x1 %.17g\n", peer, coef(fit)[["x1"]]))
peak <- grep("^VmHWM:", tryCatch(readLines("/proc/self/status"), error = function(e) ""), value = TRUE)
if (length(peak) == 1) cat(sprintf("PEAK ols %s %.0f\n", peer, 1024 * as.numeric(gsub("[^0-9]", "", peak))))
