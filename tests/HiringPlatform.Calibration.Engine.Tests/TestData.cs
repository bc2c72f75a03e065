using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Tests;

/// <summary>Builders of small designs for the tests.</summary>
internal static class TestData
{
    /// <summary>A complete design: every rater rates every candidate on every competency, from the rating-scale model.</summary>
    public static CalibrationData Complete(double[] severity, int candidates, double[] competency, double[] tau, ulong seed, int scaleMin = 1)
    {
        var rng = new SplitMix64(seed);
        var k = tau.Length;
        var cum = RatingScaleModel.Cumulative([0, .. tau]);
        var sb = new System.Text.StringBuilder("candidate_id,interviewer_id,interview_id,interview_type,competency,rating\n");
        var p = new double[k + 1];
        for (var n = 0; n < candidates; n++)
        {
            var theta = rng.NextNormal();
            for (var j = 0; j < severity.Length; j++)
            {
                for (var c = 0; c < competency.Length; c++)
                {
                    RatingScaleModel.Probabilities(theta - severity[j] - competency[c], cum, p);
                    var x = rng.Categorical(p);
                    sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"n{n:D4},r{j:D2},i{n:D4}-{j:D2},coding,c{c},{x + scaleMin}\n");
                }
            }
        }

        return CalibrationImporter.Import(new CsvSource("sim.csv", sb.ToString()), null, null, new RatingScale(scaleMin, scaleMin + k));
    }

    public static CalibrationData FromCsv(string ratings, string? candidates = null, RatingScale? scale = null) =>
        CalibrationImporter.Import(new CsvSource("ratings.csv", ratings), candidates is null ? null : new CsvSource("candidates.csv", candidates), null, scale ?? RatingScale.Default);

    public static FacetData All(CalibrationData data) => FacetData.From(data, Enumerable.Range(0, data.Observations.Length).ToArray());

    public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var ma = a.Average();
        var mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Count; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
