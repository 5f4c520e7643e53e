# Peer for scripts/bench: R's glm(family = binomial) with the standard errors of summary(). The stopping rule is
# glm's own, with epsilon = 1e-12 — the tolerance our LogisticModel uses by default — instead of glm's 1e-8,
# so that both stop at the same point.
#   Rscript logit.R DIR
# DIR is what `finsam-bench logit --write DIR` wrote: design.f64 (n x (P+2) little-endian float64, column-major:
# intercept, x1..xP, y) and meta.json. Only glm() and summary() are timed, not reading the file or building the
# data frame. Prints
#   RESULT logit R-glm <seconds>   (or RESULT logit R-glm OOM, or FAILED <reason>)
#   COEF logit R-glm x1 <value>
#   PEAK logit R-glm <bytes>   (peak resident memory, from /proc/self/status; data included)
peer <- "R-glm"
fail <- function(e) {
  message <- gsub("[[:space:]]+", " ", conditionMessage(e))
  if (grepl("cannot allocate|memory exhausted", message)) cat("RESULT logit", peer, "OOM\n")
  else cat("FAILED logit ", peer, ": ", message, "\n", sep = "")
  quit(save = "no", status = 1)
}

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
  invisible(column())                                   # column 0, the intercept: glm() adds its own
  data <- lapply(seq_len(p + 1), function(j) column())  # x1..xP, y
  close(con)
  names(data) <- c(paste0("x", seq_len(p)), "y")
  data <- list2DF(data)
  formula <- as.formula(paste("y ~", paste0("x", seq_len(p), collapse = " + ")))

  t0 <- proc.time()[["elapsed"]]
  fit <- glm(formula, family = binomial(), data = data, control = glm.control(epsilon = 1e-12))
  se <- summary(fit)$coefficients[, "Std. Error"]
  seconds <- proc.time()[["elapsed"]] - t0
  if (!fit$converged) stop("glm did not converge")
  stopifnot(all(is.finite(se)))
}, error = fail)
cat(sprintf("RESULT logit %s %.4f\n", peer, seconds))
cat(sprintf("COEF logit %s x1 %.17g\n", peer, coef(fit)[["x1"]]))
peak <- grep("^VmHWM:", tryCatch(readLines("/proc/self/status"), error = function(e) ""), value = TRUE)
if (length(peak) == 1) cat(sprintf("PEAK logit %s %.0f\n", peer, 1024 * as.numeric(gsub("[^0-9]", "", peak))))
