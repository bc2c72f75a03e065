using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Reliability;

public sealed record Interval(double Low, double High);

public sealed record ReliabilityEstimate(double Value, Interval? Ci95);

public sealed record CompetencyReliability(string Competency, ReliabilityEstimate Icc1, ReliabilityEstimate AlphaOrdinal, int Candidates, int Ratings);

/// <summary>Reliability of the whole season (docs/calibration-method.md §3): ICC(1) before and after removing interviewer effects, Krippendorff's ordinal alpha, complete-design ICC forms when the design allows.</summary>
public sealed record ReliabilityReport(
    ReliabilityEstimate Icc1Overall,
    ReliabilityEstimate Icc1AfterCalibration,
    ReliabilityEstimate AlphaOrdinal,
    IccForms? CompleteDesign,
    IReadOnlyList<CompetencyReliability> Competencies,
    int BootstrapReplicates,
    ulong Seed);

/// <summary>
/// Computes the reliability report with candidate-cluster bootstrap percentile intervals (resampling candidates with
/// replacement, fixed seed). Every statistic is built from per-candidate sufficient statistics, so a replicate costs
/// one pass over the candidates.
/// </summary>
public static class ReliabilityAnalysis
{
    private sealed class CandidateStats(int categories)
    {
        // One-way ANOVA of scorecard means (overall), raw and interviewer-adjusted.
        public int K;
        public double Sum;
        public double SumSq;
        public double AdjSum;
        public double AdjSumSq;

        // Coincidence contributions of this candidate's units (candidate x competency).
        public double[,] Coincidence = new double[categories, categories];
    }

    /// <param name="parallelism">How many bootstrap replicates are computed side by side (-1 as many as the machine has);
    /// the draws are taken in one order whatever it is, so the intervals are the same.</param>
    public static ReliabilityReport Compute(CalibrationData data, IReadOnlyList<double>? interviewerEffects, int replicates, ulong seed,
        int parallelism = -1)
    {
        var categories = data.Scale.K + 1;
        var values = Enumerable.Range(0, categories).ToArray();
        var stats = BuildStats(data, interviewerEffects, categories, c => true);
        var overall = Estimate(stats, values, replicates, seed, parallelism);

        var perCompetency = new List<CompetencyReliability>();
        for (var c = 0; c < data.CompetencyIds.Count; c++)
        {
            var comp = c;
            var ratings = data.Observations.Count(o => o.Competency == comp);
            if (ratings == 0)
            {
                continue;
            }

            var cs = BuildPerCompetency(data, comp, categories);
            var est = Estimate(cs, values, replicates, seed + (ulong)c + 1, parallelism);
            perCompetency.Add(new CompetencyReliability(data.CompetencyIds[c], est.Icc1, est.Alpha, cs.Count(s => s.K > 0), ratings));
        }

        return new ReliabilityReport(overall.Icc1, overall.Icc1Adjusted, overall.Alpha, CompleteForms(data), perCompetency, replicates, seed);
    }

    private static (ReliabilityEstimate Icc1, ReliabilityEstimate Icc1Adjusted, ReliabilityEstimate Alpha) Estimate(List<CandidateStats> stats, int[] values, int replicates, ulong seed,
        int parallelism)
    {
        var weights = Enumerable.Repeat(1, stats.Count).ToArray();
        var (icc, iccAdj, alpha) = Statistics(stats, weights, values);
        if (replicates <= 0 || stats.Count < 2)
        {
            return (new(icc, null), new(iccAdj, null), new(alpha, null));
        }

        // The replicates' resamples are drawn one after the other from the one seeded generator, as many at a time as
        // there are cores to compute their statistics side by side: the same draws and results as one at a time.
        var rng = new SplitMix64(seed);
        var b1 = new List<double>(replicates);
        var b2 = new List<double>(replicates);
        var b3 = new List<double>(replicates);
        var side = Math.Max(1, Environment.ProcessorCount) * 2;
        var resamples = Enumerable.Range(0, Math.Min(side, replicates)).Select(_ => new int[stats.Count]).ToArray();
        var results = new (double Icc, double Adjusted, double Alpha)[resamples.Length];
        for (var first = 0; first < replicates; first += resamples.Length)
        {
            var count = Math.Min(resamples.Length, replicates - first);
            for (var r = 0; r < count; r++)
            {
                var w = resamples[r];
                Array.Clear(w);
                for (var i = 0; i < stats.Count; i++)
                {
                    w[rng.NextInt(stats.Count)]++;
                }
            }
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                r => results[r] = Statistics(stats, resamples[r], values));
            for (var r = 0; r < count; r++)
            {
                b1.Add(results[r].Icc);
                b2.Add(results[r].Adjusted);
                b3.Add(results[r].Alpha);
            }
        }

        return (new(icc, Ci(b1)), new(iccAdj, Ci(b2)), new(alpha, Ci(b3)));
    }

    private static Interval? Ci(List<double> draws)
    {
        var sorted = draws.Where(double.IsFinite).OrderBy(v => v).ToArray();
        return sorted.Length < 10 ? null : new Interval(Probability.Percentile(sorted, 0.025), Probability.Percentile(sorted, 0.975));
    }

    private static (double Icc1, double Icc1Adjusted, double Alpha) Statistics(List<CandidateStats> stats, int[] weights, int[] values)
    {
        double n = 0, total = 0, sum = 0, sumK2 = 0, adjSum = 0;
        var m = values.Length;
        var o = new double[m, m];
        for (var i = 0; i < stats.Count; i++)
        {
            var w = weights[i];
            if (w == 0)
            {
                continue;
            }

            var s = stats[i];
            for (var c = 0; c < m; c++)
            {
                for (var k = 0; k < m; k++)
                {
                    o[c, k] += w * s.Coincidence[c, k];
                }
            }

            if (s.K == 0)
            {
                continue;
            }

            n += w;
            total += w * s.K;
            sum += w * s.Sum;
            adjSum += w * s.AdjSum;
            sumK2 += w * (double)s.K * s.K;
        }

        var alpha = KrippendorffAlpha.FromCoincidences(o, values, AlphaMetric.Ordinal);
        if (n < 2 || total <= n)
        {
            return (double.NaN, double.NaN, alpha);
        }

        var k0 = (total - (sumK2 / total)) / (n - 1);
        double Icc(Func<CandidateStats, double> sumOf, Func<CandidateStats, double> sumSqOf, double grandSum)
        {
            var grand = grandSum / total;
            double ssb = 0, ssw = 0;
            for (var i = 0; i < stats.Count; i++)
            {
                var w = weights[i];
                var s = stats[i];
                if (w == 0 || s.K == 0)
                {
                    continue;
                }

                var mean = sumOf(s) / s.K;
                ssb += w * s.K * (mean - grand) * (mean - grand);
                ssw += w * (sumSqOf(s) - (s.K * mean * mean));
            }

            var msb = ssb / (n - 1);
            var msw = ssw / (total - n);
            return (msb - msw) / (msb + ((k0 - 1) * msw));
        }

        return (Icc(s => s.Sum, s => s.SumSq, sum), Icc(s => s.AdjSum, s => s.AdjSumSq, adjSum), alpha);
    }

    private static List<CandidateStats> BuildStats(CalibrationData data, IReadOnlyList<double>? effects, int categories, Func<int, bool> competencyFilter)
    {
        var stats = new List<CandidateStats>(data.CandidateIds.Count);
        for (var i = 0; i < data.CandidateIds.Count; i++)
        {
            stats.Add(new CandidateStats(categories));
        }

        // Overall score = scorecard mean rating; adjusted = minus the interviewer's additive effect.
        var scorecardSum = new double[data.Scorecards.Count];
        var scorecardCount = new int[data.Scorecards.Count];
        foreach (var o in data.Observations)
        {
            if (competencyFilter(o.Competency))
            {
                scorecardSum[o.Scorecard] += o.Category;
                scorecardCount[o.Scorecard]++;
            }
        }

        for (var s = 0; s < data.Scorecards.Count; s++)
        {
            if (scorecardCount[s] == 0)
            {
                continue;
            }

            var card = data.Scorecards[s];
            var mean = scorecardSum[s] / scorecardCount[s];
            var adj = mean - (effects?[card.Interviewer] ?? 0);
            var st = stats[card.Candidate];
            st.K++;
            st.Sum += mean;
            st.SumSq += mean * mean;
            st.AdjSum += adj;
            st.AdjSumSq += adj * adj;
        }

        // Units for alpha: (candidate, competency).
        var unitCounts = new Dictionary<(int, int), int[]>();
        foreach (var o in data.Observations)
        {
            if (!competencyFilter(o.Competency))
            {
                continue;
            }

            if (!unitCounts.TryGetValue((o.Candidate, o.Competency), out var counts))
            {
                unitCounts[(o.Candidate, o.Competency)] = counts = new int[categories];
            }

            counts[o.Category]++;
        }

        foreach (var ((cand, _), counts) in unitCounts)
        {
            KrippendorffAlpha.AddUnit(stats[cand].Coincidence, counts, counts.Sum());
        }

        return stats;
    }

    private static List<CandidateStats> BuildPerCompetency(CalibrationData data, int competency, int categories)
    {
        var stats = new List<CandidateStats>(data.CandidateIds.Count);
        for (var i = 0; i < data.CandidateIds.Count; i++)
        {
            stats.Add(new CandidateStats(categories));
        }

        var counts = new Dictionary<int, int[]>();
        foreach (var o in data.Observations)
        {
            if (o.Competency != competency)
            {
                continue;
            }

            var st = stats[o.Candidate];
            st.K++;
            st.Sum += o.Category;
            st.SumSq += o.Category * o.Category;
            st.AdjSum += o.Category;
            st.AdjSumSq += o.Category * o.Category;
            if (!counts.TryGetValue(o.Candidate, out var c))
            {
                counts[o.Candidate] = c = new int[categories];
            }

            c[o.Category]++;
        }

        foreach (var (cand, c) in counts)
        {
            KrippendorffAlpha.AddUnit(stats[cand].Coincidence, c, c.Sum());
        }

        return stats;
    }

    /// <summary>Shrout-Fleiss forms when one competency is rated by the same interviewers for every candidate.</summary>
    private static IccForms? CompleteForms(CalibrationData data)
    {
        var competencies = data.Observations.Select(o => o.Competency).Distinct().ToArray();
        if (competencies.Length != 1 || data.InterviewerIds.Count < 2)
        {
            return null;
        }

        int n = data.CandidateIds.Count, k = data.InterviewerIds.Count;
        if ((long)n * k != data.Observations.Length)
        {
            return null;
        }

        var x = new double[n, k];
        var seen = new bool[n, k];
        foreach (var o in data.Observations)
        {
            if (seen[o.Candidate, o.Interviewer])
            {
                return null;
            }

            seen[o.Candidate, o.Interviewer] = true;
            x[o.Candidate, o.Interviewer] = o.Category;
        }

        return IccForms.FromComplete(x);
    }
}
