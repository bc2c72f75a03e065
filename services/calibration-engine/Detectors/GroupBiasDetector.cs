using System.Globalization;
using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>
/// Rater-by-group bias (differential rater functioning, §4.5 and §1.6): with the JMLE main parameters fixed and each candidate's
/// ability re-estimated without the interviewer's own ratings, a bias term for each group against the interviewer's other
/// candidates, every candidate weighted by the precision of its evidence (the interviewer's ratings of it and the error of
/// the ability the others' ratings give), with its model SE widened by the interviewer's dispersion when their candidates
/// scatter more than the model allows (<see cref="BiasAnalysis.WeightedGroupContrast"/>); Bonferroni across the interviewer's
/// groups. A positive contrast means the interviewer rates that group harsher than the model (i.e. the other
/// interviewers of the same candidates) predicts, as with severity (the effect is the contrast). Runs only with group data.
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

            var cum = RatingScaleModel.Cumulative(cf.Jmle.Thresholds);
            var tested = new List<(int Rater, int Groups, List<GroupCase> Cases)>();
            for (var r = 0; r < d.RaterCount; r++)
            {
                var groups = cells.Keys.Where(k => k.Rater == r && candidates[k].Count >= e.GroupMinPerGroup && cells[k].Count >= e.GroupMinCellRatings).Select(k => k.Group).OrderBy(g => g).ToArray();
                if (groups.Length < 2)
                {
                    var seen = cells.Keys.Where(k => k.Rater == r).OrderBy(k => k.Group).Select(k => string.Create(CultureInfo.InvariantCulture, $"'{data.GroupIds[k.Group]}' {candidates[k].Count}")).ToArray();
                    ctx.Missing(DetectorNames.GroupBias, d.RaterGlobal[r], string.Create(CultureInfo.InvariantCulture, $"needs {e.GroupMinPerGroup} candidates (and {e.GroupMinCellRatings} ratings) in each of two groups (has {(seen.Length == 0 ? "no candidates with a group" : string.Join(", ", seen))})"));
                    continue;
                }

                var cases = new List<GroupCase>();
                foreach (var g in groups)
                {
                    var focalObs = cells[(r, g)];
                    var restObs = groups.Where(h => h != g).SelectMany(h => cells[(r, h)]).ToArray();
                    var focal = BiasAnalysis.LeaveRaterOutEvidence(d, cf.Jmle, focalObs, r, byCandidate);
                    var rest = BiasAnalysis.LeaveRaterOutEvidence(d, cf.Jmle, restObs, r, byCandidate);
                    var cellContrast = BiasAnalysis.CellLeavingRaterOut(d, cf.Jmle, focalObs, r, byCandidate).Bias - BiasAnalysis.CellLeavingRaterOut(d, cf.Jmle, restObs, r, byCandidate).Bias;
                    cases.Add(new GroupCase(g, BiasAnalysis.WeightedGroupContrast(focal, rest, cf.Jmle.Thresholds), MeanObsExp(focal, cum) - MeanObsExp(rest, cum), cellContrast, focalObs.Count + restObs.Length));
                    if (groups.Length == 2)
                    {
                        break;
                    }
                }

                tested.Add((r, groups.Length, cases));
            }

            foreach (var (r, groupCount, cases) in tested)
            {
                DetectorTest? best = null;
                foreach (var c in cases)
                {
                    var w = c.Contrast;
                    var se = w.Se;
                    var adjusted = Math.Min(1, w.P * (groupCount == 2 ? 1 : groupCount));
                    var practical = Math.Abs(c.PointContrast) >= pr.BiasObsExpPoints || Math.Abs(c.CellContrast) >= pr.BiasLogit;
                    var harsher = double.IsFinite(w.Contrast) ? w.Contrast > 0 : c.PointContrast < 0;
                    var g = c.Group;
                    var reason = string.Create(CultureInfo.InvariantCulture, $"Rates group '{data.GroupIds[g]}' {Math.Abs(w.Contrast):0.00} logits {(harsher ? "harsher" : "more leniently")} than the interviewer's other candidates, relative to what the other interviewers of the same candidates imply ({Math.Abs(c.PointContrast):0.00} rating points {(c.PointContrast < 0 ? "lower" : "higher")} on average; {w.FocalCandidates} vs {w.RestCandidates} candidates, SE {se:0.00}).");
                    var powerZ = ctx.PowerZ;
                    var tails = 2.0 * (groupCount == 2 ? 1 : groupCount);
                    var minLogit = pr.BiasLogit;
                    var test = new DetectorTest(DetectorNames.GroupBias, d.RaterGlobal[r], harsher ? $"against:{data.GroupIds[g]}" : $"favours:{data.GroupIds[g]}", w.Contrast, "logit", adjusted, practical, reason, c.Ratings)
                    {
                        // Two-sided, Bonferroni over the focal groups, with the SE the p-value uses.
                        Detectable = double.IsFinite(se) && se > 0
                            ? new Detectable(alpha => Math.Max(minLogit, (DetectorContext.CriticalZ(alpha, tails) + powerZ) * se), "logit", "a group bias contrast (one group against the interviewer's other candidates)", string.Create(CultureInfo.InvariantCulture, $"{w.FocalCandidates} and {w.RestCandidates} candidates"))
                            : null,
                    };
                    if (best is null || test.P < best.P)
                    {
                        best = test;
                    }
                }

                if (best is not null)
                {
                    yield return best;
                }
            }
        }
    }

    /// <summary>One focal group of an interviewer: the precision-weighted contrast, the candidate-mean Obs−Exp contrast (rating points), the cell bias contrast (logits) and the ratings counted.</summary>
    private sealed record GroupCase(int Group, GroupContrast Contrast, double PointContrast, double CellContrast, int Ratings);

    /// <summary>Mean over candidates of the interviewer's mean observed-minus-expected rating (at the leave-out abilities, no bias).</summary>
    private static double MeanObsExp(IReadOnlyList<CandidateEvidence> candidates, double[] cum) =>
        candidates.Count == 0 ? double.NaN : candidates.Average(c => c.At(0, cum).Residual / c.Ratings.Count);
}
