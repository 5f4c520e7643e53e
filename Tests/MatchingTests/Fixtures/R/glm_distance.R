# Propensity score: fitted values of glm(<formula>, family = binomial).
# Usage: Rscript glm_distance.R '<formula>' < data.csv
# stdin: CSV whose numeric fields are C99 hex floats (exact doubles); stdout: one fitted value per line, hex.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(file("stdin"), colClasses = "character")
for (v in names(d)) d[[v]] <- as.numeric(d[[v]])
fit <- glm(as.formula(args[1]), family = binomial, data = d)
stopifnot(fit$converged)
cat(sprintf("%a", unname(fitted(fit))), sep = "\n")
