namespace HiringPlatform.Calibration.Engine.Rasch;

/// <summary>Infit and outfit mean-squares with their Wilson-Hilferty standardisations (docs/calibration-method.md §1.4).</summary>
public sealed record FitStatistics(int Count, double Infit, double InfitZ, double Outfit, double OutfitZ)
{
    public static readonly FitStatistics Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Infit/outfit per element of a facet over the active observations (docs/calibration-method.md §1.4).</summary>
    internal static FitStatistics[] PerElement(FacetData d, int[] facet, int size, bool[] active, double[][] m, double[] cum)
    {
        var n = new int[size];
        var z2 = new double[size];
        var y2 = new double[size];
        var sv = new double[size];
        var outQ = new double[size];
        var inQ = new double[size];
        for (var o = 0; o < d.Count; o++)
        {
            if (!active[o])
            {
                continue;
            }

            var eta = m[0][d.Candidate[o]] - m[1][d.Rater[o]] - m[2][d.Competency[o]] - m[3][d.Type[o]];
            var (e, v, c) = RatingScaleModel.Moments(eta, cum);
            if (v <= 1e-12)
            {
                continue;
            }

            var el = facet[o];
            var y = d.X[o] - e;
            n[el]++;
            z2[el] += y * y / v;
            y2[el] += y * y;
            sv[el] += v;
            outQ[el] += c / (v * v);
            inQ[el] += c - (v * v);
        }

        var result = new FitStatistics[size];
        for (var el = 0; el < size; el++)
        {
            if (n[el] == 0)
            {
                result[el] = Empty;
                continue;
            }

            var outfit = z2[el] / n[el];
            var infit = y2[el] / sv[el];
            var qOut = Math.Sqrt(Math.Max(1e-12, (outQ[el] / ((double)n[el] * n[el])) - (1.0 / n[el])));
            var qIn = Math.Sqrt(Math.Max(1e-12, inQ[el] / (sv[el] * sv[el])));
            result[el] = new FitStatistics(n[el], infit, JmleEstimator.Zstd(infit, qIn), outfit, JmleEstimator.Zstd(outfit, qOut));
        }

        return result;
    }
}
