using System.Globalization;
using HiringPlatform.Calibration.Engine.Rasch;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>
/// Rater-by-group bias (differential rater functioning, §4.5 and §1.6): with the JMLE main parameters fixed, a bias term per
/// (interviewer, group) cell; each group is contrasted with the interviewer's other candidates by the Rasch-Welch t
/// (Bonferroni across the interviewer's groups). A positive contrast means the interviewer rates that group harsher than
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
                    continue;
                }

                DetectorTest? best = null;
                foreach (var g in groups)
                {
                    var focal = BiasAnalysis.Cell(d, cf.Jmle, cells[(r, g)]);
                    var rest = BiasAnalysis.Cell(d, cf.Jmle, groups.Where(h => h != g).SelectMany(h => cells[(r, h)]).ToArray());
                    var (contrast, _, _, p) = BiasAnalysis.WelchContrast(focal, rest);
                    var pointContrast = focal.ObsExpAverage - rest.ObsExpAverage;
                    var adjusted = Math.Min(1, p * (groups.Length == 2 ? 1 : groups.Length));
                    var practical = Math.Abs(pointContrast) >= pr.BiasObsExpPoints || Math.Abs(contrast) >= pr.BiasLogit;
                    var harsher = contrast > 0;
                    var reason = string.Create(CultureInfo.InvariantCulture, $"Rates group '{data.GroupIds[g]}' {Math.Abs(pointContrast):0.00} points {(harsher ? "lower" : "higher")} relative to the other interviewers of the same candidates than the interviewer's other candidates (bias contrast {contrast:+0.00;-0.00} logits, {candidates[(r, g)].Count} vs {groups.Where(h => h != g).Sum(h => candidates[(r, h)].Count)} candidates).");
                    var test = new DetectorTest(DetectorNames.GroupBias, d.RaterGlobal[r], harsher ? $"against:{data.GroupIds[g]}" : $"favours:{data.GroupIds[g]}", contrast, "logit", adjusted, practical, reason, cells[(r, g)].Count);
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
}
