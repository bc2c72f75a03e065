using System.Globalization;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>
/// Halo (§4.2, profile flatness): on scorecards with at least three rated competencies, SD_s is the standard deviation over
/// competencies of (rating − mean rating of that competency in that interview type across all interviewers). H_r = mean SD_s
/// is compared with the peers' scorecards of the same types by a one-sided Mann-Whitney test; the effect is H_r divided by
/// the peer median, and the share of perfectly flat scorecards is reported.
/// </summary>
public static class HaloDetector
{
    public static IEnumerable<DetectorTest> Run(DetectorContext ctx)
    {
        var data = ctx.Data;
        var minComp = ctx.Config.Eligibility.HaloMinCompetencies;
        var nt = data.TypeIds.Count;
        var nc = data.CompetencyIds.Count;
        var sum = new double[nt * nc];
        var cnt = new int[nt * nc];
        foreach (var o in data.Observations)
        {
            sum[(o.Type * nc) + o.Competency] += o.Category;
            cnt[(o.Type * nc) + o.Competency]++;
        }

        var profileSd = new double[data.Scorecards.Count];
        var flat = new bool[data.Scorecards.Count];
        Array.Fill(profileSd, double.NaN);
        for (var s = 0; s < data.Scorecards.Count; s++)
        {
            var obs = ctx.ObservationsOfScorecard[s];
            if (obs.Count < minComp)
            {
                continue;
            }

            var dev = obs.Select(i => data.Observations[i]).Select(o => o.Category - (sum[(o.Type * nc) + o.Competency] / cnt[(o.Type * nc) + o.Competency])).ToArray();
            var mean = dev.Average();
            profileSd[s] = Math.Sqrt(dev.Sum(v => (v - mean) * (v - mean)) / dev.Length);
            flat[s] = obs.Select(i => data.Observations[i].Category).Distinct().Count() == 1;
        }

        var byType = new List<int>[nt];
        for (var t = 0; t < nt; t++)
        {
            byType[t] = [];
        }

        for (var s = 0; s < data.Scorecards.Count; s++)
        {
            if (!double.IsNaN(profileSd[s]))
            {
                byType[data.Scorecards[s].Type].Add(s);
            }
        }

        var pools = byType.Select(list => new SortedPool(list.Select(s => profileSd[s]))).ToArray();
        var medianOfTypes = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var j = 0; j < data.InterviewerIds.Count; j++)
        {
            var mine = ctx.ScorecardsOf[j].Where(s => !double.IsNaN(profileSd[s])).ToArray();
            if (mine.Length < ctx.Config.Eligibility.HaloMinScorecards)
            {
                continue;
            }

            var types = mine.Select(s => data.Scorecards[s].Type).Distinct().OrderBy(t => t).ToArray();
            var x = mine.Select(s => profileSd[s]).ToArray();
            var mineAll = types.SelectMany(t => ctx.ScorecardsOf[j].Where(s => data.Scorecards[s].Type == t && !double.IsNaN(profileSd[s]))).Select(s => profileSd[s]).ToArray();
            var peerCount = types.Sum(t => pools[t].Count) - mineAll.Length;
            if (peerCount < 10)
            {
                continue;
            }

            // Peer median: the median of the type pools (own scorecards are a small part of them).
            var key = string.Join(',', types);
            if (!medianOfTypes.TryGetValue(key, out var peerMedian))
            {
                peerMedian = types.Length == 1 ? pools[types[0]].Median : Probability.Median(types.SelectMany(t => byType[t]).Select(s => profileSd[s]));
                medianOfTypes[key] = peerMedian;
            }

            var h = x.Average();
            var ratio = peerMedian > 0 ? h / peerMedian : double.NaN;
            var p = SortedPool.LessThanOthers(mineAll, types.Select(t => pools[t]).ToArray());
            var flatShare = mine.Count(s => flat[s]) / (double)mine.Length;
            var reason = string.Create(CultureInfo.InvariantCulture, $"Competency profiles are flat: mean profile SD {h:0.00} against a peer median of {peerMedian:0.00} (ratio {ratio:0.00}) over {mine.Length} scorecards; {flatShare:P0} of the scorecards give every competency the same rating.");
            yield return new DetectorTest(DetectorNames.Halo, j, "flat-profiles", ratio, "profile SD ratio to peers", p, ratio <= ctx.Config.Practical.HaloFlatnessRatio, reason, mine.Length);
        }
    }
}
