namespace HiringPlatform.Calibration.Engine.Reliability;

public enum AlphaMetric
{
    Nominal,
    Ordinal,
    Interval,
    Ratio,
}

/// <summary>
/// Krippendorff's alpha from the coincidence matrix (docs/calibration-method.md §3.2), with missing data: each unit lists the values it
/// received (any number); units with fewer than two values are not pairable and are ignored.
/// </summary>
public static class KrippendorffAlpha
{
    public static double Compute(IEnumerable<IReadOnlyList<int>> units, AlphaMetric metric)
    {
        var values = new SortedSet<int>();
        var unitList = units.Where(u => u.Count >= 2).ToList();
        foreach (var u in unitList)
        {
            foreach (var v in u)
            {
                values.Add(v);
            }
        }

        var vals = values.ToArray();
        var m = vals.Length;
        if (m < 2)
        {
            return double.NaN;
        }

        var index = new Dictionary<int, int>();
        for (var i = 0; i < m; i++)
        {
            index[vals[i]] = i;
        }

        var o = new double[m, m];
        var counts = new int[m];
        foreach (var u in unitList)
        {
            Array.Clear(counts);
            foreach (var v in u)
            {
                counts[index[v]]++;
            }

            var mu = u.Count - 1.0;
            for (var c = 0; c < m; c++)
            {
                if (counts[c] == 0)
                {
                    continue;
                }

                for (var k = 0; k < m; k++)
                {
                    var pairs = c == k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k];
                    o[c, k] += pairs / mu;
                }
            }
        }

        return FromCoincidences(o, vals, metric);
    }

    /// <summary>Adds one unit's pairable values (category indices 0..m-1 counts) to a coincidence matrix.</summary>
    public static void AddUnit(double[,] o, ReadOnlySpan<int> counts, int total)
    {
        if (total < 2)
        {
            return;
        }

        var m = counts.Length;
        var mu = total - 1.0;
        for (var c = 0; c < m; c++)
        {
            if (counts[c] == 0)
            {
                continue;
            }

            for (var k = 0; k < m; k++)
            {
                var pairs = c == k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k];
                o[c, k] += pairs / mu;
            }
        }
    }

    /// <summary>Alpha from a coincidence matrix over the given ordered values.</summary>
    public static double FromCoincidences(double[,] o, int[] vals, AlphaMetric metric)
    {
        var m = vals.Length;
        var nc = new double[m];
        double n = 0;
        for (var c = 0; c < m; c++)
        {
            for (var k = 0; k < m; k++)
            {
                nc[c] += o[c, k];
            }

            n += nc[c];
        }

        double dObs = 0, dExp = 0;
        for (var c = 0; c < m; c++)
        {
            for (var k = 0; k < m; k++)
            {
                var d2 = Delta2(metric, c, k, vals, nc);
                dObs += o[c, k] * d2;
                dExp += nc[c] * nc[k] * d2;
            }
        }

        dObs /= n;
        dExp /= n * (n - 1);
        return dExp > 0 ? 1 - (dObs / dExp) : double.NaN;
    }

    private static double Delta2(AlphaMetric metric, int c, int k, int[] vals, double[] nc)
    {
        if (c == k)
        {
            return 0;
        }

        switch (metric)
        {
            case AlphaMetric.Nominal:
                return 1;
            case AlphaMetric.Interval:
                return (double)(vals[c] - vals[k]) * (vals[c] - vals[k]);
            case AlphaMetric.Ratio:
                var r = (vals[c] - vals[k]) / (double)(vals[c] + vals[k]);
                return r * r;
            default:
                int lo = Math.Min(c, k), hi = Math.Max(c, k);
                var s = 0.0;
                for (var g = lo; g <= hi; g++)
                {
                    s += nc[g];
                }

                s -= (nc[c] + nc[k]) / 2;
                return s * s;
        }
    }
}
