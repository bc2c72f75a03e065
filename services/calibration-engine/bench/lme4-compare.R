# Side-by-side of the engine's additive model with lme4 on the same ratings (issue 6 acceptance).
# usage: Rscript services/calibration-engine/bench/lme4-compare.R DIR
#   DIR holds ratings.csv, additive.csv and additive-seconds.txt written by
#   `dotnet run --project services/calibration-engine/cli -c Release -- bench-additive --size 100000 --out DIR`.
suppressPackageStartupMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
d <- read.csv(file.path(dir, "ratings.csv"), stringsAsFactors = FALSE)
d <- d[!is.na(d$rating), ]
d$candidate <- factor(d$candidate_id)
d$interviewer <- factor(d$interviewer_id)
t <- system.time(m <- lmer(rating ~ 1 + (1 | candidate) + (1 | interviewer), data = d))[["elapsed"]]
re <- ranef(m)$interviewer
lme <- data.frame(interviewer_id = rownames(re), blup = re[, 1])
add <- read.csv(file.path(dir, "additive.csv"), stringsAsFactors = FALSE)
both <- merge(add, lme, by = "interviewer_id")
additive_seconds <- as.numeric(readLines(file.path(dir, "additive-seconds.txt")))
cat(sprintf("ratings %d, candidates %d, interviewers %d\n", nrow(d), nlevels(d$candidate), nlevels(d$interviewer)))
cat(sprintf("lme4 %s lmer: %.2f s; engine additive model (same terms: candidate + interviewer): %.3f s; time ratio lmer/additive %.1f\n",
            packageVersion("lme4"), t, additive_seconds, t / additive_seconds))
cat(sprintf("correlation with the lmer BLUPs, same terms: fixed-effect estimate %.4f, EB-shrunk %.4f\n",
            cor(both$effect_interviewer_only, both$blup), cor(both$shrunk_interviewer_only, both$blup)))
cat(sprintf("correlation with the lmer BLUPs, engine model with competency and type effects: fixed %.4f, EB-shrunk %.4f\n",
            cor(both$effect, both$blup), cor(both$shrunk, both$blup)))
print(VarCorr(m))
