namespace HiringPlatform.Calibration.Engine.Statistics;

/// <summary>
/// A pool of peer values kept sorted once, so that many interviewers can each be compared with "everyone else" by a
/// one-sided Mann-Whitney test in O(n log N): the interviewer's own values are subtracted from the pool by counting.
/// </summary>
public sealed class SortedPool
{
    private readonly double[] _sorted;

    public SortedPool(IEnumerable<double> values)
    {
        _sorted = values.Where(double.IsFinite).OrderBy(v => v).ToArray();
        for (var i = 0; i < _sorted.Length;)
        {
            var j = i;
            while (j + 1 < _sorted.Length && _sorted[j + 1] == _sorted[i])
            {
                j++;
            }

            var t = j - i + 1.0;
            TieTerm += (t * t * t) - t;
            i = j + 1;
        }
    }

    public int Count => _sorted.Length;

    public double TieTerm { get; }

    public double Median => Probability.Percentile(_sorted, 0.5);

    public int CountLess(double x) => LowerBound(_sorted, x);

    public int CountEqual(double x) => LowerBound(_sorted, Math.BitIncrement(x)) - LowerBound(_sorted, x);

    private static int LowerBound(double[] a, double x)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (a[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// One-sided Mann-Whitney p that <paramref name="mine"/> tends to be smaller than the pooled values of
    /// <paramref name="pools"/> after removing <paramref name="mine"/> from them (mine must be a subset of the pools).
    /// Normal approximation with continuity correction; the tie correction uses the pools' ties.
    /// </summary>
    public static double LessThanOthers(IReadOnlyList<double> mine, IReadOnlyList<SortedPool> pools)
    {
        var own = new SortedPool(mine);
        var n1 = (double)mine.Count;
        var n2 = pools.Sum(p => p.Count) - n1;
        if (n1 == 0 || n2 <= 0)
        {
            return 1;
        }

        var u = 0.0;
        foreach (var x in mine)
        {
            double less = 0, equal = 0;
            foreach (var pool in pools)
            {
                less += pool.CountLess(x);
                equal += pool.CountEqual(x);
            }

            less -= own.CountLess(x);
            equal -= own.CountEqual(x);
            u += less + (0.5 * equal);
        }

        var n = n1 + n2;
        var tie = pools.Sum(p => p.TieTerm);
        var variance = n1 * n2 / 12.0 * (n + 1 - (tie / (n * (n - 1))));
        if (variance <= 0)
        {
            return 1;
        }

        return Probability.NormalCdf((u - (n1 * n2 / 2) + 0.5) / Math.Sqrt(variance));
    }
}
