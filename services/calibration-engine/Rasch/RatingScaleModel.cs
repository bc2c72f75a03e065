namespace HiringPlatform.Calibration.Engine.Rasch;

/// <summary>
/// The rating-scale model's category probabilities (docs/calibration-method.md §1.1): ψ_k = Σ_{h≤k}(η − τ_h) = kη − T_k with
/// T_k = Σ_{h≤k} τ_h, evaluated with log-sum-exp. <c>cumTau</c> has length K+1 with cumTau[0] = 0.
/// </summary>
public static class RatingScaleModel
{
    public static double[] Cumulative(IReadOnlyList<double> tau)
    {
        // tau[0] is unused (0); tau[1..K] are the thresholds.
        var cum = new double[tau.Count];
        for (var k = 1; k < tau.Count; k++)
        {
            cum[k] = cum[k - 1] + tau[k];
        }

        return cum;
    }

    /// <summary>Fills p[0..K] and returns the log of the normaliser relative to the max (useful for log-likelihoods).</summary>
    public static void Probabilities(double eta, ReadOnlySpan<double> cumTau, Span<double> p)
    {
        var k = cumTau.Length - 1;
        var max = double.NegativeInfinity;
        for (var c = 0; c <= k; c++)
        {
            var psi = (c * eta) - cumTau[c];
            p[c] = psi;
            if (psi > max)
            {
                max = psi;
            }
        }

        var sum = 0.0;
        for (var c = 0; c <= k; c++)
        {
            p[c] = Math.Exp(p[c] - max);
            sum += p[c];
        }

        var inv = 1.0 / sum;
        for (var c = 0; c <= k; c++)
        {
            p[c] *= inv;
        }
    }

    /// <summary>Expected score E, variance V and fourth central moment C of the category at η.</summary>
    public static (double E, double V, double C) Moments(double eta, ReadOnlySpan<double> cumTau)
    {
        Span<double> p = stackalloc double[cumTau.Length];
        Probabilities(eta, cumTau, p);
        return Moments(p);
    }

    public static (double E, double V, double C) Moments(ReadOnlySpan<double> p)
    {
        double e = 0, e2 = 0;
        for (var c = 0; c < p.Length; c++)
        {
            e += c * p[c];
            e2 += c * c * p[c];
        }

        var v = Math.Max(e2 - (e * e), 0);
        var m4 = 0.0;
        for (var c = 0; c < p.Length; c++)
        {
            var d = c - e;
            m4 += d * d * d * d * p[c];
        }

        return (e, v, m4);
    }

    /// <summary>Log-probabilities of all categories at η.</summary>
    public static void LogProbabilities(double eta, ReadOnlySpan<double> cumTau, Span<double> logP)
    {
        var k = cumTau.Length - 1;
        var max = double.NegativeInfinity;
        for (var c = 0; c <= k; c++)
        {
            logP[c] = (c * eta) - cumTau[c];
            max = Math.Max(max, logP[c]);
        }

        var sum = 0.0;
        for (var c = 0; c <= k; c++)
        {
            sum += Math.Exp(logP[c] - max);
        }

        var lse = max + Math.Log(sum);
        for (var c = 0; c <= k; c++)
        {
            logP[c] -= lse;
        }
    }
}
