using System.Globalization;
using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>
/// Rater-by-group bias (differential rater functioning, §4.5 and §1.6): with the JMLE main parameters fixed, a bias term per
/// (interviewer, group) cell, with each candidate's ability re-estimated without the interviewer's own ratings; each group is contrasted with the interviewer's other candidates by the Rasch-Welch t
/// (Bonferroni across the interviewer's groups), its p-value from permuting the group labels among the interviewer's own
/// candidates (§4.5). A positive contrast means the interviewer rates that group harsher than
/// the model (i.e. the other interviewers of the same candidates) predicts. Runs only with group data.
/// </summary>
public static class GroupBiasDetector
{
    public static IEnumerable<DetectorTest> Run(DetectorContext ctx)
    {
        var data = ctx.Data;
        if (!data.HasGroups)
        {
            yield break;
        }

        var e = ctx.Config.Eligibility;
        var pr = ctx.Config.Practical;
        foreach (var cf in ctx.Models.Fits)
        {
            var d = cf.Data;
            var byCandidate = new List<int>[d.CandidateCount];
            for (var n = 0; n < byCandidate.Length; n++)
            {
                byCandidate[n] = [];
            }

            for (var o = 0; o < d.Count; o++)
            {
                if (cf.Jmle.Active[o])
                {
                    byCandidate[d.Candidate[o]].Add(o);
                }
            }

            var cells = new Dictionary<(int Rater, int Group), List<int>>();
            var candidates = new Dictionary<(int Rater, int Group), HashSet<int>>();
            for (var o = 0; o < d.Count; o++)
            {
                if (!cf.Jmle.Active[o])
                {
                    continue;
                }

                var g = data.GroupOf[d.CandidateGlobal[d.Candidate[o]]];
                if (g < 0)
                {
                    continue;
                }

                var key = (d.Rater[o], g);
                if (!cells.TryGetValue(key, out var list))
                {
                    cells[key] = list = [];
                    candidates[key] = [];
                }

                list.Add(o);
                candidates[key].Add(d.Candidate[o]);
            }

            for (var r = 0; r < d.RaterCount; r++)
            {
                var groups = cells.Keys.Where(k => k.Rater == r && candidates[k].Count >= e.GroupMinPerGroup && cells[k].Count >= e.GroupMinCellRatings).Select(k => k.Group).OrderBy(g => g).ToArray();
                if (groups.Length < 2)
                {
                    var seen = cells.Keys.Where(k => k.Rater == r).OrderBy(k => k.Group).Select(k => string.Create(CultureInfo.InvariantCulture, $"'{data.GroupIds[k.Group]}' {candidates[k].Count}")).ToArray();
                    ctx.Missing(DetectorNames.GroupBias, d.RaterGlobal[r], string.Create(CultureInfo.InvariantCulture, $"needs {e.GroupMinPerGroup} candidates (and {e.GroupMinCellRatings} ratings) in each of two groups (has {(seen.Length == 0 ? "no candidates with a group" : string.Join(", ", seen))})"));
                    continue;
                }

                DetectorTest? best = null;
                foreach (var g in groups)
                {
                    var focalObs = cells[(r, g)];
                    var restObs = groups.Where(h => h != g).SelectMany(h => cells[(r, h)]).ToArray();
                    var focal = BiasAnalysis.CellLeavingRaterOut(d, cf.Jmle, focalObs, r, byCandidate);
                    var rest = BiasAnalysis.CellLeavingRaterOut(d, cf.Jmle, restObs, r, byCandidate);
                    var contrast = focal.Bias - rest.Bias;

                    // Test on candidate-level mean residuals (candidate-cluster Welch t): robust to the noise of the
                    // leave-one-out abilities and to correlated ratings within a scorecard.
                    var dFocal = CandidateResiduals(d, cf.Jmle, focalObs, r, byCandidate);
                    var dRest = CandidateResiduals(d, cf.Jmle, restObs, r, byCandidate);
                    var (pointContrast, t, df, se) = Welch(dFocal, dRest);
                    var draws = ctx.Config.GroupPermutationDraws;
                    var p = draws > 0
                        ? PermutationP(dFocal, dRest, t, draws, ctx.Config.Seed ^ (((ulong)d.RaterGlobal[r] + 1) * 0x9E3779B97F4A7C15UL) ^ (ulong)g)
                        : Probability.TwoSidedStudentP(t, df);
                    var adjusted = Math.Min(1, p * (groups.Length == 2 ? 1 : groups.Length));
                    var practical = Math.Abs(pointContrast) >= pr.BiasObsExpPoints || Math.Abs(contrast) >= pr.BiasLogit;
                    var harsher = pointContrast < 0;
                    var reason = string.Create(CultureInfo.InvariantCulture, $"Rates group '{data.GroupIds[g]}' {Math.Abs(pointContrast):0.00} points {(harsher ? "lower" : "higher")} relative to what the other interviewers of the same candidates imply than the interviewer's other candidates (bias contrast {contrast:+0.00;-0.00;0.00} logits; {dFocal.Count} vs {dRest.Count} candidates).");
                    var powerZ = ctx.PowerZ;
                    var tails = 2.0 * (groups.Length == 2 ? 1 : groups.Length);
                    var minPoints = pr.BiasObsExpPoints;
                    var test = new DetectorTest(DetectorNames.GroupBias, d.RaterGlobal[r], harsher ? $"against:{data.GroupIds[g]}" : $"favours:{data.GroupIds[g]}", pointContrast, "rating points", adjusted, practical, reason, focalObs.Count + restObs.Length)
                    {
                        // Two-sided, Bonferroni over the focal groups; the permutation p follows the Welch t's distribution, whose
                        // tails at ~15 candidates per group are much heavier than the normal's at BH levels near q/m.
                        Detectable = double.IsFinite(se) && se > 0
                            ? new Detectable(alpha => Math.Max(minPoints, (Probability.StudentQuantile(1 - Math.Clamp(alpha / tails, 1e-300, 0.5), df) + powerZ) * se), "rating points", "a group contrast (mean observed-minus-expected rating of one group against the others)", string.Create(CultureInfo.InvariantCulture, $"{dFocal.Count} and {dRest.Count} candidates"))
                            : null,
                    };
                    if (best is null || test.P < best.P)
                    {
                        best = test;
                    }

                    if (groups.Length == 2)
                    {
                        break;
                    }
                }

                if (best is not null)
                {
                    yield return best;
                }
            }
        }
    }

    private static List<double> CandidateResiduals(FacetData d, JmleResult fit, IReadOnlyList<int> observations, int rater, List<int>[] byCandidate)
    {
        var cum = RatingScaleModel.Cumulative(fit.Thresholds);
        var result = new List<double>();
        foreach (var group in observations.GroupBy(o => d.Candidate[o]).OrderBy(g => g.Key))
        {
            var cellObs = group.ToArray();
            var term = BiasAnalysis.CellLeavingRaterOut(d, fit, cellObs, rater, byCandidate);
            result.Add(term.ObsExpAverage);
        }

        return result;
    }

    /// <summary>
    /// Two-sided permutation p-value of the Welch t (§4.5): the group labels are permuted among the interviewer's own
    /// candidates, so the reference distribution is that interviewer's, whatever the shape of the residuals. Monte Carlo
    /// with a seeded generator: (1 + #{|t*| ≥ |t|}) / (draws + 1).
    /// </summary>
    public static double PermutationP(IReadOnlyList<double> focal, IReadOnlyList<double> rest, double observedT, int draws, ulong seed)
    {
        if (!double.IsFinite(observedT))
        {
            return 1;
        }

        var values = focal.Concat(rest).ToArray();
        var n = values.Length;
        var na = focal.Count;
        var nb = n - na;
        double total = 0, totalSq = 0;
        foreach (var v in values)
        {
            total += v;
            totalSq += v * v;
        }

        var rng = new SplitMix64(seed);
        var threshold = Math.Abs(observedT) * (1 - 1e-12);
        var exceed = 0;
        for (var b = 0; b < draws; b++)
        {
            double sa = 0, sqa = 0;
            for (var i = 0; i < na; i++)
            {
                var pick = i + rng.NextInt(n - i);
                (values[i], values[pick]) = (values[pick], values[i]);
                sa += values[i];
                sqa += values[i] * values[i];
            }

            var sb = total - sa;
            var sqb = totalSq - sqa;
            double ma = sa / na, mb = sb / nb;
            var va = Math.Max(0, sqa - (na * ma * ma)) / (na - 1) / na;
            var vb = Math.Max(0, sqb - (nb * mb * mb)) / (nb - 1) / nb;
            var se = Math.Sqrt(va + vb);
            if (se > 0 && Math.Abs(ma - mb) / se >= threshold)
            {
                exceed++;
            }
        }

        return (1.0 + exceed) / (draws + 1.0);
    }

    private static (double Difference, double T, double Df, double Se) Welch(List<double> a, List<double> b)
    {
        if (a.Count < 2 || b.Count < 2)
        {
            return (double.NaN, double.NaN, 0, double.NaN);
        }

        double ma = a.Average(), mb = b.Average();
        var va = a.Sum(x => (x - ma) * (x - ma)) / (a.Count - 1) / a.Count;
        var vb = b.Sum(x => (x - mb) * (x - mb)) / (b.Count - 1) / b.Count;
        var t = (ma - mb) / Math.Sqrt(va + vb);
        var df = (va + vb) * (va + vb) / ((va * va / (a.Count - 1)) + (vb * vb / (b.Count - 1)));
        return (ma - mb, t, df, Math.Sqrt(va + vb));
    }
}
