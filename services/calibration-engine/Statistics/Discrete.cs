namespace HiringPlatform.Calibration.Engine.Statistics;

/// <summary>Binomial-family tail probabilities used by the detectors.</summary>
public static class Discrete
{
    /// <summary>Beta-binomial log pmf with mean π and intra-class correlation ρ (ρ = 0: binomial).</summary>
    public static double BetaBinomialLogPmf(int k, int n, double pi, double rho)
    {
        pi = Math.Clamp(pi, 1e-9, 1 - 1e-9);
        if (rho <= 1e-9)
        {
            return Probability.LogChoose(n, k) + (k * Math.Log(pi)) + ((n - k) * Math.Log(1 - pi));
        }

        var s = (1 - rho) / rho;
        double a = pi * s, b = (1 - pi) * s;
        return Probability.LogChoose(n, k) + Probability.LogBeta(k + a, n - k + b) - Probability.LogBeta(a, b);
    }

    public static double BetaBinomialUpper(int x, int n, double pi, double rho)
    {
        var s = 0.0;
        for (var k = Math.Max(0, x); k <= n; k++)
        {
            s += Math.Exp(BetaBinomialLogPmf(k, n, pi, rho));
        }

        return Math.Min(1, s);
    }

    public static double BetaBinomialLower(int x, int n, double pi, double rho)
    {
        var s = 0.0;
        for (var k = 0; k <= Math.Min(x, n); k++)
        {
            s += Math.Exp(BetaBinomialLogPmf(k, n, pi, rho));
        }

        return Math.Min(1, s);
    }

    /// <summary>Method-of-moments intra-class correlation of binomial counts around a pooled rate, clamped to [0, 0.5].</summary>
    public static double MomentsRho(IReadOnlyList<(int X, int N)> groups, double pi)
    {
        var used = groups.Where(g => g.N > 0).ToArray();
        if (used.Length < 2 || pi <= 0 || pi >= 1)
        {
            return 0;
        }

        var s = used.Sum(g => g.N * ((g.X / (double)g.N) - pi) * ((g.X / (double)g.N) - pi));
        var denom = used.Sum(g => g.N - 1.0);
        if (denom <= 0)
        {
            return 0;
        }

        return Math.Clamp(((s / (pi * (1 - pi))) - (used.Length - 1)) / denom, 0, 0.5);
    }

    /// <summary>Hypergeometric log pmf: x successes in a draw of n from N items of which K are successes.</summary>
    public static double HypergeometricLogPmf(int x, int n, int k, int total) =>
        Probability.LogChoose(k, x) + Probability.LogChoose(total - k, n - x) - Probability.LogChoose(total, n);

    /// <summary>One-sided Fisher mid-p for the focal group having too few passes: P(X &lt; x) + ½ P(X = x).</summary>
    public static double FisherLowerMidP(int passFocal, int nFocal, int passRef, int nRef)
    {
        var total = nFocal + nRef;
        var k = passFocal + passRef;
        var lo = Math.Max(0, nFocal - (total - k));
        var p = 0.0;
        for (var x = lo; x < passFocal; x++)
        {
            p += Math.Exp(HypergeometricLogPmf(x, nFocal, k, total));
        }

        p += 0.5 * Math.Exp(HypergeometricLogPmf(passFocal, nFocal, k, total));
        return Math.Min(1, p);
    }

    /// <summary>
    /// Robust intra-class correlation of binomial counts: from the median absolute deviation of the standardised counts
    /// z_i = (x_i − n_i π)/sqrt(n_i π(1 − π)), whose variance is about 1 + (n̄ − 1)ρ. A few outlying groups do not inflate it.
    /// </summary>
    public static double RobustRho(IReadOnlyList<(int X, int N)> groups, double pi)
    {
        var used = groups.Where(g => g.N > 1).ToArray();
        if (used.Length < 5 || pi <= 0 || pi >= 1)
        {
            return MomentsRho(groups, pi);
        }

        var z = used.Select(g => (g.X - (g.N * pi)) / Math.Sqrt(g.N * pi * (1 - pi))).ToArray();
        var median = Probability.Median(z);
        var mad = Probability.Median(z.Select(v => Math.Abs(v - median))) * 1.482602218505602;
        var meanN = used.Average(g => (double)g.N);
        return Math.Clamp(((mad * mad) - 1) / (meanN - 1), 0, 0.5);
    }
}
