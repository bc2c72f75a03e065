using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Rasch;

/// <summary>
/// An interviewer's infit and outfit judged against their own parametric-bootstrap distribution: standardised values
/// (cube-root scale, bootstrap mean and SD) and the bootstrap 2.5th and 97.5th percentiles (critical values).
/// </summary>
public sealed record BootstrapFitReference(double InfitZ, double OutfitZ, double InfitLow, double InfitHigh, double OutfitLow, double OutfitHigh, int Replicates)
{
    /// <summary>Correlation of the interviewer's infit and outfit (cube roots) over the replicates.</summary>
    public double Correlation { get; init; }

    /// <summary>Mean and SD of the cube root of the infit over the replicates (the scale of <see cref="InfitZ"/>).</summary>
    public double InfitRootMean { get; init; } = double.NaN;

    public double InfitRootSd { get; init; } = double.NaN;

    /// <summary>
    /// One standard-normal statistic from both: (z_in + z_out) / sqrt(2 + 2ρ). Infit and outfit are strongly correlated, so a
    /// Bonferroni over the two wastes power; their standardised sum uses both without a multiplicity penalty.
    /// </summary>
    public double CombinedZ => (InfitZ + OutfitZ) / Math.Sqrt(2 + (2 * Correlation));

    /// <summary>
    /// Upper-tail p-value of <see cref="CombinedZ"/> (§1.4). The z is standardised by the mean and SD of only
    /// <see cref="Replicates"/> bootstrap values, so the observed statistic is a new draw judged against a sample's mean and
    /// SD: under normality (z / √(1 + 1/B)) follows Student's t with B − 1 df (the prediction-interval argument), whose tail
    /// is heavier than the normal's where BH decides (p near q/m, about 0.001). With B = 200 it lifts p there by about 15%.
    /// </summary>
    public double UpperP => Probability.UpperStudentP(CombinedZ / Math.Sqrt(1 + (1.0 / Replicates)), Replicates - 1);

    /// <summary>The value <see cref="CombinedZ"/> must reach for <see cref="UpperP"/> to equal <paramref name="p"/>.</summary>
    public double CriticalZ(double p) => Probability.StudentQuantile(1 - Math.Clamp(p, 1e-300, 0.5), Replicates - 1) * Math.Sqrt(1 + (1.0 / Replicates));
}

/// <summary>
/// Parametric-bootstrap critical values for the fit mean-squares (docs/calibration-method.md §1.4 and §4.4): "simulate from the fitted
/// model B = 200 times and take the 97.5th percentile of each rater's infit/outfit given their own n and design". Every
/// replicate redraws every active rating from the fitted JMLE model (same candidates, interviewers, competencies, types)
/// and recomputes each interviewer's infit and outfit at the generating parameters. The ZSTD of a mean-square assumes a
/// chi-square-like distribution; this uses the interviewer's actual one. The p-value is the normal tail of the observed
/// mean-square on the cube-root scale standardised by the bootstrap mean and SD (Wilson-Hilferty: cube roots of
/// mean-squares are close to normal), referred to Student's t for the bootstrap's own sampling error
/// (<see cref="BootstrapFitReference.UpperP"/>), so that it is continuous and can pass BH across many interviewers (an
/// empirical p-value from 200 replicates cannot go below 1/201). Without refitting, the reference is centred at 1, slightly above
/// the expectation of a mean-square at estimated parameters: the test errs on the conservative side.
/// </summary>
public static class FitBootstrap
{
    public static BootstrapFitReference?[] Raters(FacetData d, JmleResult fit, int replicates, ulong seed)
    {
        var result = new BootstrapFitReference?[d.RaterCount];
        if (replicates < 2)
        {
            return result;
        }

        var k1 = d.K + 1;
        var cum = RatingScaleModel.Cumulative(fit.Thresholds);
        var obs = new List<int>(d.Count);
        var cdf = new List<double>(d.Count * k1);
        var mean = new List<double>(d.Count);
        var variance = new List<double>(d.Count);
        Span<double> p = stackalloc double[k1];
        for (var o = 0; o < d.Count; o++)
        {
            if (!fit.Active[o])
            {
                continue;
            }

            var eta = fit.Eta(d, o);
            var (e, v, _) = RatingScaleModel.Moments(eta, cum);
            if (v <= 1e-12)
            {
                continue;
            }

            RatingScaleModel.Probabilities(eta, cum, p);
            var acc = 0.0;
            for (var x = 0; x < k1; x++)
            {
                acc += p[x];
                cdf.Add(acc);
            }

            obs.Add(o);
            mean.Add(e);
            variance.Add(v);
        }

        var sv = new double[d.RaterCount];
        var n = new int[d.RaterCount];
        for (var i = 0; i < obs.Count; i++)
        {
            sv[d.Rater[obs[i]]] += variance[i];
            n[d.Rater[obs[i]]]++;
        }

        var rng = new SplitMix64(seed);
        var infit = new double[d.RaterCount][];
        var outfit = new double[d.RaterCount][];
        for (var r = 0; r < d.RaterCount; r++)
        {
            infit[r] = new double[replicates];
            outfit[r] = new double[replicates];
        }

        var y2 = new double[d.RaterCount];
        var z2 = new double[d.RaterCount];
        for (var b = 0; b < replicates; b++)
        {
            Array.Clear(y2);
            Array.Clear(z2);
            for (var i = 0; i < obs.Count; i++)
            {
                var u = rng.NextDouble() * cdf[(i * k1) + k1 - 1];
                var x = 0;
                while (x < k1 - 1 && u >= cdf[(i * k1) + x])
                {
                    x++;
                }

                var y = x - mean[i];
                var r = d.Rater[obs[i]];
                y2[r] += y * y;
                z2[r] += y * y / variance[i];
            }

            for (var r = 0; r < d.RaterCount; r++)
            {
                if (n[r] > 0)
                {
                    infit[r][b] = y2[r] / sv[r];
                    outfit[r][b] = z2[r] / n[r];
                }
            }
        }

        for (var r = 0; r < d.RaterCount; r++)
        {
            var observed = fit.RaterFit[r];
            if (n[r] == 0 || observed.Count == 0)
            {
                continue;
            }

            var (inZ, inLow, inHigh, inMean, inSd) = Reference(observed.Infit, infit[r]);
            var (outZ, outLow, outHigh, _, _) = Reference(observed.Outfit, outfit[r]);
            result[r] = new BootstrapFitReference(inZ, outZ, inLow, inHigh, outLow, outHigh, replicates) { Correlation = Correlation(infit[r], outfit[r]), InfitRootMean = inMean, InfitRootSd = inSd };
        }

        return result;
    }

    private static (double Z, double Low, double High, double Mean, double Sd) Reference(double observed, double[] replicates)
    {
        var roots = replicates.Select(Math.Cbrt).ToArray();
        var m = roots.Average();
        var sd = Math.Sqrt(roots.Sum(v => (v - m) * (v - m)) / (roots.Length - 1));
        var sorted = replicates.Order().ToArray();
        var z = sd > 0 ? (Math.Cbrt(observed) - m) / sd : double.NaN;
        return (z, Quantile(sorted, 0.025), Quantile(sorted, 0.975), m, sd);
    }

    private static double Correlation(double[] a, double[] b)
    {
        var x = a.Select(Math.Cbrt).ToArray();
        var y = b.Select(Math.Cbrt).ToArray();
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx > 0 && syy > 0 ? Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1) : 0;
    }

    /// <summary>Linear-interpolation quantile (type 7) of sorted values.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
