# Cross-check of the engine's Shrout-Fleiss ICC forms on the style data against R's psych package (Debian r-cran-psych).
# usage: Rscript services/calibration-engine/bench/psych-icc-compare.R tests/HiringPlatform.Calibration.Engine.Tests/data/style_ratings.csv
suppressPackageStartupMessages(library(psych))
wide <- read.csv(commandArgs(trailingOnly = TRUE)[1])
x <- as.matrix(wide[, grep("^rater_", names(wide))])
icc <- ICC(x, lmer = FALSE)$results
cat(sprintf("psych %s ICC: %s\n", packageVersion("psych"), paste(sprintf("%s %.4f", icc$type, icc$ICC), collapse = ", ")))
