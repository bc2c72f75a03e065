using System.Globalization;
using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>Severity and fair averages per interviewer from the MML fit (docs/calibration-method.md §4.1).</summary>
public sealed record SeverityEstimate(int Interviewer, double Severity, double Se, double Shrunk, double ShrunkLow90, double ShrunkHigh90, double FairAverage, double FairAverageDifference, double ShrunkFairAverageDifference);

/// <summary>
/// Severity and leniency (docs/calibration-method.md, "Severe and lenient"): a minimum-effect (interval-null) test of
/// H0: |α| ≤ δ0 with δ0 = <see cref="Flagging.PracticalConfig.SeverityLogit"/> on the unshrunk MML estimate and its
/// observed-information SE, so a discovery is a severity beyond the practical size; the EB-shrunk estimate is reported
/// for ranking and display, never used to decide.
/// </summary>
public static class SeverityDetector
{
    /// <summary>
    /// p-value of the minimum-effect test H0: |α| ≤ δ0 against |α| &gt; δ0 for an estimate α̂ ~ N(α, SE²) (Murphy and Myors'
    /// minimum-effect test: z² against a non-central χ²₁ with non-centrality (δ0/SE)²). The null is least favourable at |α| = δ0:
    /// p = P(|α̂| ≥ |a| given α = δ0) = Φ(−(|a| − δ0)/SE) + Φ(−(|a| + δ0)/SE). With δ0 = 0 this is the two-sided p of z = a/SE;
    /// an estimate inside [−δ0, δ0] gets p ≥ 0.5.
    /// </summary>
    public static double IntervalNullP(double estimate, double se, double delta0)
    {
        if (double.IsNaN(estimate) || !(se > 0) || double.IsNaN(delta0) || delta0 < 0)
        {
            return 1;
        }

        var a = Math.Abs(estimate);
        return Math.Min(1, Probability.NormalCdf(-(a - delta0) / se) + Probability.NormalCdf(-(a + delta0) / se));
    }

    public static SeverityEstimate?[] Estimates(DetectorContext ctx)
    {
        var data = ctx.Data;
        var result = new SeverityEstimate?[data.InterviewerIds.Count];
        var raw = new List<(int J, double A, double Se)>();
        for (var j = 0; j < result.Length; j++)
        {
            var f = ctx.Models.RaterFit[j];
            if (f < 0)
            {
                continue;
            }

            var fit = ctx.Models.Fits[f].Mml;
            var local = ctx.Models.RaterLocal[j];
            raw.Add((j, fit.Severity[local], fit.SeveritySe[local]));
        }

        // Empirical Bayes (§1.7 logic on the logit scale) over all modelled interviewers.
        var tau2 = 0.0;
        if (raw.Count >= 2)
        {
            var mean = raw.Average(r => r.A);
            var variance = raw.Sum(r => (r.A - mean) * (r.A - mean)) / raw.Count;
            tau2 = Math.Max(0, variance - raw.Average(r => r.Se * r.Se));
        }

        foreach (var (j, a, se) in raw)
        {
            var fit = ctx.Models.Fits[ctx.Models.RaterFit[j]].Mml;
            var cum = RatingScaleModel.Cumulative(fit.Thresholds);
            var fair = data.Scale.Min + RatingScaleModel.Moments(fit.Mean - a, cum).E;
            var fairAll = data.Scale.Min + RatingScaleModel.Moments(fit.Mean, cum).E;
            var w = tau2 / (tau2 + (se * se));
            var shrunk = a * w;
            var postSd = Math.Sqrt(tau2 * se * se / (tau2 + (se * se)));
            var shrunkFair = data.Scale.Min + RatingScaleModel.Moments(fit.Mean - shrunk, cum).E;
            var z = Probability.NormalQuantile(0.5 + (ctx.Config.IntervalLevel / 2));
            result[j] = new SeverityEstimate(j, a, se, shrunk, shrunk - (z * postSd), shrunk + (z * postSd), fair, fair - fairAll, shrunkFair - fairAll);
        }

        return result;
    }

    public static IEnumerable<DetectorTest> Run(DetectorContext ctx, SeverityEstimate?[] estimates)
    {
        var e = ctx.Config.Eligibility;
        var p = ctx.Config.Practical;
        for (var j = 0; j < estimates.Length; j++)
        {
            var est = estimates[j];
            var ratings = ctx.RatingsOf[j];
            var linking = ctx.Models.Components.LinkingCandidates[j];
            if (est is null)
            {
                ctx.Missing(DetectorNames.Severe, j, FitDetectors.NotModelled(ctx));
                continue;
            }

            if (ratings < e.SeverityMinRatings || linking < e.LinkingCandidatesMin)
            {
                ctx.Missing(DetectorNames.Severe, j, Shortfall((ratings, e.SeverityMinRatings, "ratings"), (linking, e.LinkingCandidatesMin, "candidates shared with other interviewers")));
                continue;
            }

            // Minimum-effect test (H0: |α| ≤ practical size) on the unshrunk estimate with its observed-information SE.
            var pValue = IntervalNullP(est.Severity, est.Se, p.SeverityLogit);
            var severe = est.Severity > 0;
            var practical = Math.Abs(est.Severity) >= p.SeverityLogit || Math.Abs(est.FairAverageDifference) >= p.FairAveragePoints;
            var additive = ctx.Additive.Interviewers[est.Interviewer];
            var z = Probability.NormalQuantile(0.5 + (ctx.Config.IntervalLevel / 2));
            var reason = string.Create(
                CultureInfo.InvariantCulture,
                $"Severity {est.Severity:+0.00;-0.00;0.00} logits (SE {est.Se:0.00}, {ctx.Config.IntervalLevel:P0} interval {est.Severity - (z * est.Se):+0.00;-0.00;0.00} to {est.Severity + (z * est.Se):+0.00;-0.00;0.00}; shrunk {est.Shrunk:+0.00;-0.00;0.00}): an average candidate gets {Math.Abs(est.FairAverageDifference):0.00} points {(est.FairAverageDifference < 0 ? "less" : "more")} from this interviewer than from an average interviewer. {additive.Explanation}");
            var se = est.Se;
            var powerZ = ctx.PowerZ;
            var delta0 = p.SeverityLogit;
            yield return new DetectorTest(severe ? DetectorNames.Severe : DetectorNames.Lenient, est.Interviewer, severe ? "harsh" : "lenient", est.Severity, "logit", pValue, practical, reason, ratings, est.Shrunk)
            {
                // The test rejects when |α̂| ≥ δ0 + z(1−α)·SE (the second tail of the interval null is negligible there).
                Detectable = new Detectable(alpha => delta0 + ((DetectorContext.CriticalZ(alpha, 1) + powerZ) * se), "logit", "a severity (harsh or lenient)", string.Create(CultureInfo.InvariantCulture, $"{ratings} ratings")),
            };
        }
    }

    /// <summary>"needs 30 ratings (has 12) and 10 candidates shared with other interviewers (has 4)": the unmet minima.</summary>
    public static string Shortfall(params (double Has, double Needs, string What)[] minima) =>
        "needs " + string.Join(" and ", minima.Where(m => m.Has < m.Needs).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Needs:0.##} {m.What} (has {m.Has:0.##})")));
}
