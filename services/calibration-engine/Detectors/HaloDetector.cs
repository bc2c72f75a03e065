using System.Globalization;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>
/// Halo (§4.2, profile flatness): on scorecards with at least three rated competencies, SD_s is the standard deviation over
/// competencies of (rating − mean rating of that competency in that interview type across all interviewers). H_r = mean SD_s
/// is compared with the peers' scorecards of the same types by a one-sided Mann-Whitney test; the effect is H_r divided by
/// the peer median, and the share of perfectly flat scorecards is reported.
/// Second signal (§4.2 item 2, within-interviewer correlation): r̄_r = the mean pairwise Spearman correlation between the
/// interviewer's competency columns across their candidates (per interview type, pairs with at least 5 scorecards rating
/// both), on the Fisher-z scale, against the other interviewers' r̄ (median, with a robust between-interviewer variance
/// from the MAD on top of the sampling variance 1.06 / (n − 3)), one-sided. The two p-values are Bonferroni-combined; the
/// effect is that of the stronger signal.
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
        var (fisherZ, pairN) = WithinCorrelations(ctx);
        var medianOfTypes = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var j = 0; j < data.InterviewerIds.Count; j++)
        {
            var mine = ctx.ScorecardsOf[j].Where(s => !double.IsNaN(profileSd[s])).ToArray();
            if (mine.Length < ctx.Config.Eligibility.HaloMinScorecards)
            {
                ctx.Missing(DetectorNames.Halo, j, SeverityDetector.Shortfall((mine.Length, ctx.Config.Eligibility.HaloMinScorecards, $"scorecards rating at least {minComp} competencies")));
                continue;
            }

            var types = mine.Select(s => data.Scorecards[s].Type).Distinct().OrderBy(t => t).ToArray();
            var x = mine.Select(s => profileSd[s]).ToArray();
            var mineAll = types.SelectMany(t => ctx.ScorecardsOf[j].Where(s => data.Scorecards[s].Type == t && !double.IsNaN(profileSd[s]))).Select(s => profileSd[s]).ToArray();
            var peerCount = types.Sum(t => pools[t].Count) - mineAll.Length;
            if (peerCount < ctx.Config.Eligibility.HaloMinPeerScorecards)
            {
                ctx.Missing(DetectorNames.Halo, j, SeverityDetector.Shortfall((peerCount, ctx.Config.Eligibility.HaloMinPeerScorecards, "peers' scorecards of the same interview types")));
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
            var (pCorrelation, mineR, peerR, zCentre, zSe) = CorrelationTest(j, fisherZ, pairN, ctx.Config.Eligibility.HaloMinPeerInterviewers);
            var pr = ctx.Config.Practical;
            var correlated = mineR - peerR >= pr.HaloCorrelationExcess && mineR >= pr.HaloCorrelationMin;
            var flatPractical = ratio <= pr.HaloFlatnessRatio;
            var pValue = Math.Min(1, 2 * Math.Min(p, pCorrelation));
            var byCorrelation = pCorrelation < p;
            var reason = string.Create(CultureInfo.InvariantCulture, $"Competency profiles are flat: mean profile SD {h:0.00} against a peer median of {peerMedian:0.00} (ratio {ratio:0.00}) over {mine.Length} scorecards; {flatShare:P0} of the scorecards give every competency the same rating; competencies correlate {mineR:0.00} within this interviewer's scorecards (mean pairwise Spearman) against a peer median of {peerR:0.00}.");
            // Minimum detectable effect on the correlation signal (the flatness signal is a rank test without an SE on its own
            // scale): the interviewer's mean inter-competency correlation that the Fisher-z test (at half the level, Bonferroni
            // over the two signals) reaches with the configured power, and at least the practical minima.
            Detectable? detectable = null;
            if (double.IsFinite(zCentre) && zSe > 0)
            {
                var powerZ = ctx.PowerZ;
                var floor = Math.Max(pr.HaloCorrelationMin, Math.Tanh(zCentre) + pr.HaloCorrelationExcess);
                detectable = new Detectable(alpha => Math.Min(1, Math.Max(floor, Math.Tanh(zCentre + ((DetectorContext.CriticalZ(alpha, 2) + powerZ) * zSe)))), "inter-competency correlation", "a mean inter-competency correlation", string.Create(CultureInfo.InvariantCulture, $"{mine.Length} scorecards"));
            }

            yield return (byCorrelation
                ? new DetectorTest(DetectorNames.Halo, j, "correlated-competencies", mineR - peerR, "inter-competency correlation minus peers", pValue, correlated || flatPractical, reason, mine.Length)
                : new DetectorTest(DetectorNames.Halo, j, "flat-profiles", ratio, "profile SD ratio to peers", pValue, flatPractical || correlated, reason, mine.Length)) with { Detectable = detectable };
        }
    }

    /// <summary>One-sided p of the interviewer's Fisher-z mean inter-competency correlation against the other interviewers', and both on the correlation scale.</summary>
    private static (double P, double Mine, double Peers, double Centre, double Se) CorrelationTest(int j, double[] fisherZ, int[] n, int minPeers)
    {
        if (!double.IsFinite(fisherZ[j]) || n[j] <= 3)
        {
            return (1, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var peers = Enumerable.Range(0, fisherZ.Length).Where(i => i != j && double.IsFinite(fisherZ[i]) && n[i] > 3).ToArray();
        if (peers.Length < minPeers)
        {
            return (1, Math.Tanh(fisherZ[j]), double.NaN, double.NaN, double.NaN);
        }

        var z = peers.Select(i => fisherZ[i]).ToArray();
        var centre = Probability.Median(z);
        var mad = Probability.Median(z.Select(v => Math.Abs(v - centre))) * 1.482602218505602;
        var sampling = peers.Average(i => 1.06 / (n[i] - 3));
        var tau2 = Math.Max(0, (mad * mad) - sampling);
        var se = Math.Sqrt((1.06 / (n[j] - 3)) + tau2);
        var p = Probability.UpperNormalP((fisherZ[j] - centre) / se);
        return (p, Math.Tanh(fisherZ[j]), Math.Tanh(centre), centre, se);
    }

    /// <summary>
    /// Per interviewer: the Fisher z of the pair-count-weighted mean Spearman correlation between competency columns (per interview
    /// type, pairs rated together on at least 5 scorecards), and the number of scorecards rating at least two competencies.
    /// </summary>
    private static (double[] FisherZ, int[] N) WithinCorrelations(DetectorContext ctx)
    {
        var data = ctx.Data;
        var nr = data.InterviewerIds.Count;
        var fisherZ = new double[nr];
        var n = new int[nr];
        Array.Fill(fisherZ, double.NaN);
        for (var j = 0; j < nr; j++)
        {
            double sum = 0, weight = 0;
            foreach (var type in ctx.ScorecardsOf[j].GroupBy(s => data.Scorecards[s].Type).OrderBy(g => g.Key))
            {
                var rows = type.Select(s => ctx.ObservationsOfScorecard[s].Select(o => data.Observations[o]).ToDictionary(o => o.Competency, o => (double)o.Category)).Where(r => r.Count >= 2).ToList();
                n[j] += rows.Count;
                var competencies = rows.SelectMany(r => r.Keys).Distinct().Order().ToArray();
                for (var a = 0; a < competencies.Length; a++)
                {
                    for (var b = a + 1; b < competencies.Length; b++)
                    {
                        var both = rows.Where(r => r.ContainsKey(competencies[a]) && r.ContainsKey(competencies[b])).ToList();
                        if (both.Count < ctx.Config.Eligibility.HaloMinPairScorecards)
                        {
                            continue;
                        }

                        var rho = Spearman(both.Select(r => r[competencies[a]]).ToArray(), both.Select(r => r[competencies[b]]).ToArray());
                        if (double.IsFinite(rho))
                        {
                            sum += both.Count * rho;
                            weight += both.Count;
                        }
                    }
                }
            }

            if (weight > 0)
            {
                fisherZ[j] = Math.Atanh(Math.Clamp(sum / weight, -0.999999, 0.999999));
            }
        }

        return (fisherZ, n);
    }

    /// <summary>Spearman correlation with average ranks for ties; NaN when a column is constant.</summary>
    public static double Spearman(double[] x, double[] y)
    {
        var rx = Ranks(x);
        var ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }

    private static double[] Ranks(double[] v)
    {
        var order = Enumerable.Range(0, v.Length).OrderBy(i => v[i]).ToArray();
        var ranks = new double[v.Length];
        for (var i = 0; i < order.Length;)
        {
            var k = i;
            while (k + 1 < order.Length && v[order[k + 1]] == v[order[i]])
            {
                k++;
            }

            for (var m = i; m <= k; m++)
            {
                ranks[order[m]] = (i + k) / 2.0;
            }

            i = k + 1;
        }

        return ranks;
    }
}
