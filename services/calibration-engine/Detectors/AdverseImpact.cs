using System.Globalization;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>Adverse-impact statistics of one focal group against the reference group (highest selection rate), docs/calibration-method.md §5.</summary>
public sealed record ImpactComparison(
    string FocalGroup,
    string ReferenceGroup,
    int FocalN,
    int FocalPass,
    int ReferenceN,
    int ReferencePass,
    double ImpactRatio,
    double? ImpactRatioLow95,
    double? ImpactRatioHigh95,
    double ZDifference,
    double ZLogRatio,
    double FisherMidP,
    double Shortfall,
    bool FourFifths,
    bool FlipFlop)
{
    public static ImpactComparison Compute(string focal, string reference, int nf, int pf, int nr, int prf, Flagging.PracticalConfig? practical = null)
    {
        var srF = nf > 0 ? pf / (double)nf : double.NaN;
        var srR = nr > 0 ? prf / (double)nr : double.NaN;
        var ir = srR > 0 ? srF / srR : double.NaN;
        var pooled = (pf + prf) / (double)(nf + nr);
        var zd = (srF - srR) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / nf) + (1.0 / nr)));
        var zir = Math.Log(ir) / Math.Sqrt((1 - pooled) / pooled * ((1.0 / nf) + (1.0 / nr)));
        double? lo = null, hi = null;
        if (pf > 0 && prf > 0)
        {
            var se = Math.Sqrt(((1 - srF) / (nf * srF)) + ((1 - srR) / (nr * srR)));
            lo = Math.Exp(Math.Log(ir) - (1.959963984540054 * se));
            hi = Math.Exp(Math.Log(ir) + (1.959963984540054 * se));
        }

        var midP = Discrete.FisherLowerMidP(pf, nf, prf, nr);

        // Flip-flop: would a couple more focal passes remove significance?
        practical ??= new Flagging.PracticalConfig();
        var alpha = practical.FlipFlopAlpha;
        var extra = practical.FlipFlopExtraPasses;
        var flip = midP < alpha && pf + extra <= nf && Discrete.FisherLowerMidP(pf + extra, nf, prf, nr) >= alpha;
        return new ImpactComparison(focal, reference, nf, pf, nr, prf, ir, lo, hi, zd, zir, midP, (nf * srR) - pf, ir < practical.ImpactRatioFourFifths, flip);
    }
}

/// <summary>
/// Adverse impact: organisation-level UGESP analysis of the final decision per group, and per interviewer the pass rate
/// (recommendation yes or strong yes) by group with Katz CI and Fisher mid-p, flagged only when BH-significant and the
/// impact ratio is below four-fifths. The per-interviewer figures are not adjusted for the candidate pool; the group-bias
/// detector is the pool-adjusted signal.
/// </summary>
public static class AdverseImpact
{
    public static IReadOnlyList<ImpactComparison> Organisation(CalibrationData data, Flagging.PracticalConfig? practical = null)
    {
        if (!data.HasGroups || !data.HasDecisions)
        {
            return [];
        }

        var n = new int[data.GroupIds.Count];
        var pass = new int[data.GroupIds.Count];
        for (var c = 0; c < data.CandidateIds.Count; c++)
        {
            if (data.GroupOf[c] >= 0 && data.Hired[c] is { } hired)
            {
                n[data.GroupOf[c]]++;
                pass[data.GroupOf[c]] += hired ? 1 : 0;
            }
        }

        return Compare(data.GroupIds, n, pass, practical);
    }

    private static List<ImpactComparison> Compare(IReadOnlyList<string> groups, int[] n, int[] pass, Flagging.PracticalConfig? practical = null)
    {
        var present = Enumerable.Range(0, groups.Count).Where(g => n[g] > 0).ToArray();
        if (present.Length < 2)
        {
            return [];
        }

        var reference = present.OrderByDescending(g => pass[g] / (double)n[g]).ThenBy(g => g).First();
        return present.Where(g => g != reference).Select(g => ImpactComparison.Compute(groups[g], groups[reference], n[g], pass[g], n[reference], pass[reference], practical)).ToList();
    }

    public static IEnumerable<DetectorTest> PerInterviewer(DetectorContext ctx)
    {
        var data = ctx.Data;
        if (!data.HasGroups || !data.HasRecommendations)
        {
            yield break;
        }

        var e = ctx.Config.Eligibility;
        for (var j = 0; j < data.InterviewerIds.Count; j++)
        {
            var n = new int[data.GroupIds.Count];
            var pass = new int[data.GroupIds.Count];
            foreach (var s in ctx.ScorecardsOf[j])
            {
                var card = data.Scorecards[s];
                var g = data.GroupOf[card.Candidate];
                if (g < 0 || card.Recommendation is null)
                {
                    continue;
                }

                n[g]++;
                pass[g] += card.Recommendation >= Recommendation.Yes ? 1 : 0;
            }

            var eligible = Compare(data.GroupIds, n, pass, ctx.Config.Practical)
                .Where(c => c.FocalN >= e.AdverseMinPerGroup && c.ReferenceN >= e.AdverseMinPerGroup && c.FocalN * ((c.FocalPass + c.ReferencePass) / (double)(c.FocalN + c.ReferenceN)) >= e.AdverseMinExpectedPasses)
                .ToArray();
            if (eligible.Length == 0)
            {
                var seen = Enumerable.Range(0, n.Length).Where(g => n[g] > 0).Select(g => string.Create(CultureInfo.InvariantCulture, $"'{data.GroupIds[g]}' {n[g]}")).ToArray();
                ctx.Missing(DetectorNames.AdverseImpact, j, string.Create(CultureInfo.InvariantCulture, $"needs {e.AdverseMinPerGroup} recommendations in each of two groups and {e.AdverseMinExpectedPasses:0.#} expected passes in the focal group (has {(seen.Length == 0 ? "no recommendations of candidates with a group" : string.Join(", ", seen))})"));
                continue;
            }

            var worst = eligible.OrderBy(c => c.FisherMidP).ThenBy(c => c.FocalGroup, StringComparer.Ordinal).First();
            // The reference group is chosen after seeing the data (the highest rate), so the one-sided mid-p is doubled;
            // Bonferroni over the focal groups.
            var p = Math.Min(1, 2 * worst.FisherMidP * eligible.Length);
            var reason = string.Create(CultureInfo.InvariantCulture, $"Recommends {worst.FocalPass} of {worst.FocalN} candidates of group '{worst.FocalGroup}' against {worst.ReferencePass} of {worst.ReferenceN} of group '{worst.ReferenceGroup}': impact ratio {worst.ImpactRatio:0.00} (95% CI {worst.ImpactRatioLow95:0.00} to {worst.ImpactRatioHigh95:0.00}), shortfall {worst.Shortfall:0.0} recommendations; not adjusted for the candidate pool (see group-bias).");
            var pooled = (worst.FocalPass + worst.ReferencePass) / (double)(worst.FocalN + worst.ReferenceN);
            var logSe = Math.Sqrt((1 - pooled) / pooled * ((1.0 / worst.FocalN) + (1.0 / worst.ReferenceN)));
            var powerZ = ctx.PowerZ;
            var tails = 2.0 * eligible.Length;
            var fourFifths = ctx.Config.Practical.ImpactRatioFourFifths;
            yield return new DetectorTest(DetectorNames.AdverseImpact, j, $"against:{worst.FocalGroup}", worst.ImpactRatio, "impact ratio", p, worst.ImpactRatio < ctx.Config.Practical.ImpactRatioFourFifths, reason, worst.FocalN + worst.ReferenceN)
            {
                // The log impact ratio's null SE (Morris and Lobsenz); one-sided at the doubled, Bonferroni-divided level.
                Detectable = double.IsFinite(logSe) && logSe > 0
                    ? new Detectable(alpha => Math.Min(fourFifths, Math.Exp(-(DetectorContext.CriticalZ(alpha, tails) + powerZ) * logSe)), "impact ratio", "an impact ratio", string.Create(CultureInfo.InvariantCulture, $"{worst.FocalN} and {worst.ReferenceN} recommendations"), AtMost: true)
                    : null,
            };
        }
    }
}
