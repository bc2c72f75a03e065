using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Rasch;

/// <summary>
/// FACETS Table 7 summary of a facet (docs/calibration-method.md §1.5): observed SD (population), RMSE, adjusted (true) SD, separation G,
/// strata H = (4G + 1)/3, separation reliability G²/(1 + G²) and the fixed (all same) chi-square.
/// </summary>
public sealed record FacetSummary(
    int Count,
    double Mean,
    double ObservedSd,
    double Rmse,
    double TrueSd,
    double Separation,
    double Strata,
    double Reliability,
    double FixedChiSquare,
    int FixedDf,
    double FixedP)
{
    public static FacetSummary From(IReadOnlyList<double> measures, IReadOnlyList<double> standardErrors)
    {
        var pairs = measures.Zip(standardErrors).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && p.Second > 0).ToArray();
        var n = pairs.Length;
        if (n < 2)
        {
            return new FacetSummary(n, n == 1 ? pairs[0].First : double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, double.NaN);
        }

        var mean = pairs.Average(p => p.First);
        var sd = Math.Sqrt(pairs.Sum(p => (p.First - mean) * (p.First - mean)) / n);
        var rmse = Math.Sqrt(pairs.Average(p => p.Second * p.Second));
        return FromMoments(n, mean, sd, rmse, pairs.Select(p => p.First).ToArray(), pairs.Select(p => p.Second).ToArray());
    }

    /// <summary>The separation statistics from the observed SD and RMSE alone (chi-square left undefined).</summary>
    public static FacetSummary FromMoments(int count, double mean, double observedSd, double rmse, double[]? measures = null, double[]? se = null)
    {
        var trueSd = Math.Sqrt(Math.Max(0, (observedSd * observedSd) - (rmse * rmse)));
        var g = trueSd / rmse;
        var reliability = observedSd > 0 ? trueSd * trueSd / (observedSd * observedSd) : 0;
        double chi = double.NaN, p = double.NaN;
        var df = 0;
        if (measures is not null && se is not null)
        {
            double sw = 0, swd = 0, swd2 = 0;
            for (var i = 0; i < measures.Length; i++)
            {
                var w = 1 / (se[i] * se[i]);
                sw += w;
                swd += w * measures[i];
                swd2 += w * measures[i] * measures[i];
            }

            chi = swd2 - (swd * swd / sw);
            df = measures.Length - 1;
            p = Probability.ChiSquareUpperP(chi, df);
        }

        return new FacetSummary(count, mean, observedSd, rmse, trueSd, g, ((4 * g) + 1) / 3, reliability, chi, df, p);
    }
}
