using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Rasch;

/// <summary>An interaction (bias) term for one cell, in logits (b &gt; 0: rated harsher than the main model predicts).</summary>
public sealed record BiasTerm(int Count, double Bias, double Se, double T, double ObsExpAverage)
{
    public double Df => Count - 1;

    public double P => Probability.TwoSidedStudentP(T, Df);
}

/// <summary>
/// Bias/interaction terms with the main JMLE parameters held fixed (docs/calibration-method.md §1.6), and the Rasch-Welch contrast of two
/// cells of the same interviewer.
/// </summary>
public static class BiasAnalysis
{
    public static BiasTerm Cell(FacetData d, JmleResult fit, IReadOnlyList<int> observations) =>
        Cell(d, fit, observations, observations.Select(o => fit.Eta(d, o)).ToArray());

    /// <summary>
    /// A bias term where each candidate's ability is re-estimated without the interviewer's own ratings (other parameters
    /// fixed), so that the interviewer's bias is not partly absorbed into the abilities of the candidates they rated.
    /// </summary>
    public static BiasTerm CellLeavingRaterOut(FacetData d, JmleResult fit, IReadOnlyList<int> observations, int rater, IReadOnlyList<List<int>> observationsOfCandidate)
    {
        var cum = RatingScaleModel.Cumulative(fit.Thresholds);
        var theta = new Dictionary<int, double>();
        foreach (var o in observations)
        {
            var n = d.Candidate[o];
            if (theta.ContainsKey(n))
            {
                continue;
            }

            var others = observationsOfCandidate[n].Where(i => d.Rater[i] != rater).ToArray();
            theta[n] = others.Length == 0 ? fit.Theta[n] : AbilityFrom(d, fit, others, cum, fit.Theta[n]);
        }

        var eta = observations.Select(o => fit.Eta(d, o) - fit.Theta[d.Candidate[o]] + theta[d.Candidate[o]]).ToArray();
        return Cell(d, fit, observations, eta);
    }

    private static double AbilityFrom(FacetData d, JmleResult fit, int[] observations, double[] cum, double start)
    {
        double score = observations.Sum(o => d.X[o]);
        var max = d.K * observations.Length;
        var target = Math.Clamp(score, 0.3, max - 0.3);
        var theta = start;
        for (var iter = 0; iter < 50; iter++)
        {
            double e = 0, info = 0;
            foreach (var o in observations)
            {
                var m = RatingScaleModel.Moments(fit.Eta(d, o) - fit.Theta[d.Candidate[o]] + theta, cum);
                e += m.E;
                info += m.V;
            }

            var step = Math.Clamp((target - e) / Math.Max(info, 1e-9), -1, 1);
            theta += step;
            if (Math.Abs(step) < 1e-7)
            {
                break;
            }
        }

        return theta;
    }

    private static BiasTerm Cell(FacetData d, JmleResult fit, IReadOnlyList<int> observations, double[] eta)
    {
        var cum = RatingScaleModel.Cumulative(fit.Thresholds);
        var obsScore = observations.Sum(o => (double)d.X[o]);
        var n = observations.Count;
        if (n == 0)
        {
            return new BiasTerm(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double e0 = 0;
        foreach (var t in eta)
        {
            e0 += RatingScaleModel.Moments(t, cum).E;
        }

        var obsExp = (obsScore - e0) / n;
        var max = d.K * n;
        var target = Math.Clamp(obsScore, 0.3, max - 0.3);
        var b = 0.0;
        double info = 0;
        for (var iter = 0; iter < 100; iter++)
        {
            double e = 0;
            info = 0;
            foreach (var t in eta)
            {
                var m = RatingScaleModel.Moments(t - b, cum);
                e += m.E;
                info += m.V;
            }

            var step = Math.Clamp((target - e) / Math.Max(info, 1e-9), -1, 1);
            b -= step;
            if (Math.Abs(step) < 1e-8)
            {
                break;
            }
        }

        var se = info > 0 ? 1 / Math.Sqrt(info) : double.NaN;
        return new BiasTerm(n, b, se, b / se, obsExp);
    }

    /// <summary>Rasch-Welch t and Welch-Satterthwaite df for the contrast of two cells.</summary>
    public static (double Contrast, double T, double Df, double P) WelchContrast(BiasTerm a, BiasTerm b)
    {
        var v1 = a.Se * a.Se;
        var v2 = b.Se * b.Se;
        var t = (a.Bias - b.Bias) / Math.Sqrt(v1 + v2);
        var df = ((v1 + v2) * (v1 + v2)) / ((v1 * v1 / Math.Max(1, a.Count - 1)) + (v2 * v2 / Math.Max(1, b.Count - 1)));
        return (a.Bias - b.Bias, t, df, Probability.TwoSidedStudentP(t, df));
    }
}
