using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace HiringPlatform.Calibration.Engine.Statistics;

/// <summary>Distribution functions and small numeric helpers used by every model and detector.</summary>
public static class Probability
{
    public static double NormalCdf(double z) => Normal.CDF(0, 1, z);

    public static double NormalQuantile(double p) => Normal.InvCDF(0, 1, p);

    /// <summary>Two-sided p-value of a standard normal statistic.</summary>
    public static double TwoSidedNormalP(double z) => double.IsFinite(z) ? Math.Min(1, 2 * NormalCdf(-Math.Abs(z))) : (double.IsNaN(z) ? 1 : 0);

    /// <summary>One-sided p-value P(Z &gt;= z).</summary>
    public static double UpperNormalP(double z) => double.IsNaN(z) ? 1 : NormalCdf(-z);

    public static double TwoSidedStudentP(double t, double df)
    {
        if (double.IsNaN(t) || !(df > 0))
        {
            return 1;
        }

        return Math.Min(1, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)));
    }

    /// <summary>The Student t quantile (a normal quantile when df is not positive or infinite).</summary>
    public static double StudentQuantile(double p, double df) => df > 0 && double.IsFinite(df) ? StudentT.InvCDF(0, 1, df, p) : NormalQuantile(p);

    public static double UpperStudentP(double t, double df) => double.IsNaN(t) || !(df > 0) ? 1 : StudentT.CDF(0, 1, df, -t);

    public static double FQuantile(double p, double df1, double df2) => FisherSnedecor.InvCDF(df1, df2, p);

    public static double ChiSquareUpperP(double x, double df) => df > 0 && x >= 0 ? 1 - ChiSquared.CDF(df, x) : 1;

    public static double LogChoose(int n, int k) => SpecialFunctions.GammaLn(n + 1.0) - SpecialFunctions.GammaLn(k + 1.0) - SpecialFunctions.GammaLn(n - k + 1.0);

    public static double LogBeta(double a, double b) => SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b);

    /// <summary>Percentile (type 7, as R's default) of an already sorted array.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).OrderBy(v => v).ToArray();
        return Percentile(sorted, 0.5);
    }

    public static double Mean(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var s = 0.0;
        foreach (var v in values)
        {
            s += v;
        }

        return s / values.Count;
    }

    /// <summary>Sample variance (n - 1 denominator).</summary>
    public static double Variance(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return double.NaN;
        }

        var m = Mean(values);
        var s = 0.0;
        foreach (var v in values)
        {
            s += (v - m) * (v - m);
        }

        return s / (values.Count - 1);
    }

    /// <summary>One-sided Mann-Whitney U test with normal approximation and tie correction; small p means x tends to be smaller than y.</summary>
    public static (double U, double P) MannWhitneyLess(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n1 = x.Count, n2 = y.Count;
        if (n1 == 0 || n2 == 0)
        {
            return (double.NaN, 1);
        }

        var all = x.Select(v => (v, g: 0)).Concat(y.Select(v => (v, g: 1))).OrderBy(p => p.v).ToArray();
        var ranks = new double[all.Length];
        var tieTerm = 0.0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j + 1 < all.Length && all[j + 1].v == all[i].v)
            {
                j++;
            }

            var r = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                ranks[k] = r;
            }

            var t = j - i + 1.0;
            tieTerm += (t * t * t) - t;
            i = j + 1;
        }

        var r1 = 0.0;
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].g == 0)
            {
                r1 += ranks[i];
            }
        }

        var u1 = r1 - (n1 * (n1 + 1) / 2.0);
        var n = (double)(n1 + n2);
        var mean = n1 * n2 / 2.0;
        var variance = n1 * n2 / 12.0 * (n + 1 - (tieTerm / (n * (n - 1))));
        if (variance <= 0)
        {
            return (u1, 1);
        }

        var z = (u1 - mean + 0.5) / Math.Sqrt(variance);
        return (u1, NormalCdf(z));
    }
}
