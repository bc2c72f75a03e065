using System.Globalization;
using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>
/// Inconsistency (§4.4: infit/outfit mean-square with ZSTD) and central tendency (§4.3: observed share of middle categories
/// against the share the fitted model expects for the same candidates, competencies and types, or muted fit).
/// </summary>
public static class FitDetectors
{
    public static IEnumerable<DetectorTest> Inconsistent(DetectorContext ctx)
    {
        var min = ctx.Config.Eligibility.InconsistencyMinRatings;
        var high = ctx.Config.Practical.InfitHigh;
        for (var j = 0; j < ctx.Data.InterviewerIds.Count; j++)
        {
            var f = ctx.Models.RaterFit[j];
            if (f < 0)
            {
                ctx.Missing(DetectorNames.Inconsistent, j, NotModelled(ctx));
                continue;
            }

            var fit = ctx.Models.Fits[f].Jmle.RaterFit[ctx.Models.RaterLocal[j]];
            if (fit.Count < min)
            {
                ctx.Missing(DetectorNames.Inconsistent, j, SeverityDetector.Shortfall((fit.Count, min, "ratings with a fitted expectation")));
                continue;
            }

            // Against the interviewer's own parametric-bootstrap distribution (infit and outfit standardised and combined, referred
            // to Student's t with B − 1 df for the bootstrap's own sampling error), or
            // without a bootstrap the larger of the two ZSTD one-sided p-values' evidence, Bonferroni over the two.
            var reference = ctx.FitReference(j);
            var p = reference is null
                ? Math.Min(1, 2 * Math.Min(Probability.UpperNormalP(fit.InfitZ), Probability.UpperNormalP(fit.OutfitZ)))
                : reference.UpperP;
            var practical = Math.Max(fit.Infit, fit.Outfit) >= high;
            var critical = reference is null
                ? string.Create(CultureInfo.InvariantCulture, $"ZSTD {fit.InfitZ:0.0} and {fit.OutfitZ:0.0}")
                : string.Create(CultureInfo.InvariantCulture, $"97.5th percentiles for this interviewer's design {reference.InfitHigh:0.00} and {reference.OutfitHigh:0.00} over {reference.Replicates} parametric-bootstrap replicates");
            var reason = string.Create(CultureInfo.InvariantCulture, $"Ratings are noisier than the model expects: infit {fit.Infit:0.00}, outfit {fit.Outfit:0.00} over {fit.Count} ratings ({critical}); 1.0 is the expectation and {high:0.0} the practical threshold.");
            // Minimum detectable infit: the combined statistic (z_in + z_out)/√(2 + 2ρ) reaches the critical value plus the power's
            // z when both cube roots move by the same number of bootstrap SDs; back on the mean-square scale, at least the
            // practical threshold. Without a bootstrap reference there is no SE on this scale to state it with.
            Detectable? detectable = null;
            if (reference is { } rf && double.IsFinite(rf.InfitRootSd) && rf.InfitRootSd > 0)
            {
                var powerZ = ctx.PowerZ;
                var spread = Math.Sqrt(2 + (2 * rf.Correlation)) / 2;
                detectable = new Detectable(alpha => Math.Max(high, Math.Pow(rf.InfitRootMean + ((rf.CriticalZ(alpha) + powerZ) * spread * rf.InfitRootSd), 3)), "mean-square", "an infit", string.Create(CultureInfo.InvariantCulture, $"{fit.Count} ratings"));
            }

            yield return new DetectorTest(DetectorNames.Inconsistent, j, "erratic", fit.Infit, "mean-square", p, practical, reason, fit.Count) { Detectable = detectable };
        }
    }

    public static IEnumerable<DetectorTest> CentralTendency(DetectorContext ctx)
    {
        var k = ctx.Data.Scale.K;
        if (k < 2)
        {
            yield break;
        }

        var min = ctx.Config.Eligibility.FitMinRatings;
        var excessMin = ctx.Config.Practical.MiddleShareExcess;
        for (var j = 0; j < ctx.Data.InterviewerIds.Count; j++)
        {
            if (ctx.Models.RaterFit[j] < 0)
            {
                ctx.Missing(DetectorNames.CentralTendency, j, NotModelled(ctx));
            }
        }

        var p = new double[k + 1];
        foreach (var cf in ctx.Models.Fits)
        {
            var d = cf.Data;
            var jm = cf.Jmle;
            var cum = RatingScaleModel.Cumulative(jm.Thresholds);
            var observed = new double[d.RaterCount];
            var expected = new double[d.RaterCount];
            var variance = new double[d.RaterCount];
            var count = new int[d.RaterCount];
            for (var o = 0; o < d.Count; o++)
            {
                if (!jm.Active[o] || jm.CandidateExtreme[d.Candidate[o]])
                {
                    continue;
                }

                RatingScaleModel.Probabilities(jm.Eta(d, o), cum, p);
                var pm = 1 - p[0] - p[k];
                var r = d.Rater[o];
                expected[r] += pm;
                variance[r] += pm * (1 - pm);
                observed[r] += d.X[o] > 0 && d.X[o] < k ? 1 : 0;
                count[r]++;
            }

            for (var r = 0; r < d.RaterCount; r++)
            {
                if (count[r] < min || variance[r] <= 0)
                {
                    ctx.Missing(DetectorNames.CentralTendency, d.RaterGlobal[r], count[r] < min
                        ? SeverityDetector.Shortfall((count[r], min, "ratings of candidates who are not at an extreme"))
                        : "no variance in the model-expected share of middle categories");
                    continue;
                }

                var z = (observed[r] - expected[r]) / Math.Sqrt(variance[r]);
                var excess = (observed[r] - expected[r]) / count[r];
                var fit = jm.RaterFit[r];
                var j = d.RaterGlobal[r];

                // Two signals (§4.3 items 3 and 4), Bonferroni-combined: too many middle categories for these candidates,
                // or muted fit (infit and outfit both low).
                var pMiddle = Probability.UpperNormalP(z);
                var reference = ctx.FitReference(j);
                var pMuted = Probability.NormalCdf(reference is null ? Math.Max(fit.InfitZ, fit.OutfitZ) : Math.Max(reference.InfitZ, reference.OutfitZ));
                var pValue = Math.Min(1, 2 * Math.Min(pMiddle, pMuted));
                var muted = fit.Infit < ctx.Config.Practical.InfitLow && fit.Outfit < ctx.Config.Practical.InfitLow;
                var reason = string.Create(CultureInfo.InvariantCulture, $"Uses the middle categories in {observed[r] / count[r]:P0} of {count[r]} ratings where the model expects {expected[r] / count[r]:P0} for the same candidates (excess {excess:+0.00;-0.00;0.00}); infit {fit.Infit:0.00}, outfit {fit.Outfit:0.00} ({(muted ? "muted: more predictable than the model" : $"not muted; muted means both below {ctx.Config.Practical.InfitLow:0.0}")}).");
                var se = Math.Sqrt(variance[r]) / count[r];
                var powerZ = ctx.PowerZ;
                yield return new DetectorTest(DetectorNames.CentralTendency, j, muted && excess < excessMin ? "muted" : "central", excess, "share of ratings", pValue, excess >= excessMin || muted, reason, count[r])
                {
                    // Bonferroni over the two signals: the middle-share test runs at half the level.
                    Detectable = new Detectable(alpha => Math.Max(excessMin, (DetectorContext.CriticalZ(alpha, 2) + powerZ) * se), "share of ratings", "an excess share of middle categories", string.Create(CultureInfo.InvariantCulture, $"{count[r]} ratings")),
                };
            }
        }
    }

    public static string NotModelled(DetectorContext ctx) => string.Create(CultureInfo.InvariantCulture, $"not estimable: the interviewer's component is not modelled (it needs two interviewers, two candidates and {ctx.Config.Eligibility.ComponentMinRatings} ratings)");
}
