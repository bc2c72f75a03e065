namespace HiringPlatform.Calibration.Engine.Flagging;

/// <summary>Benjamini-Hochberg step-up procedure (docs/calibration-method.md §4.8).</summary>
public static class BenjaminiHochberg
{
    /// <summary>BH-adjusted p-values q_(i) = min_{j≥i} min(1, m p_(j)/j), in the input order. NaN p-values are treated as 1.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var q = new double[m];
        if (m == 0)
        {
            return q;
        }

        var order = Enumerable.Range(0, m).OrderBy(i => Clean(pValues[i])).ThenBy(i => i).ToArray();
        var running = 1.0;
        for (var r = m - 1; r >= 0; r--)
        {
            var i = order[r];
            running = Math.Min(running, Math.Min(1, m * Clean(pValues[i]) / (r + 1)));
            q[i] = running;
        }

        return q;
    }

    /// <summary>Which hypotheses are rejected at level q: all with rank ≤ k* = max{k : p_(k) ≤ k q / m}.</summary>
    public static bool[] Reject(IReadOnlyList<double> pValues, double q) => Adjust(pValues).Select(v => v <= q).ToArray();

    private static double Clean(double p) => double.IsNaN(p) ? 1 : Math.Clamp(p, 0, 1);
}
