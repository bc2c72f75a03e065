using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Rasch;

/// <summary>An interaction (bias) term for one cell, in logits (b &gt; 0: rated harsher than the main model predicts).</summary>
public sealed record BiasTerm(int Count, double Bias, double Se, double T, double ObsExpAverage)
{
    public double Df => Count - 1;

    public double P => Probability.TwoSidedStudentP(T, Df);
}

/// <summary>
/// One candidate of an interviewer in a group contrast (§4.5): the interviewer's ratings of the candidate (categories 0..K),
/// their linear predictors η with the candidate's ability estimated without the interviewer, and the information I of
/// that ability estimate (ΣV over the candidate's other ratings; 1/I is its error variance).
/// </summary>
public sealed record CandidateEvidence(IReadOnlyList<int> Ratings, IReadOnlyList<double> Eta, double AbilityInformation)
{
    /// <summary>
    /// At a bias b (logits, the interviewer harsher by b on this candidate): the score residual R = Σ(x − E(η − b)), the
    /// ratings' information V = ΣV(η − b) (the slope of R in b), and the residual's variance under the model,
    /// V + V²/I: the ratings' own variance plus the ability's error carried through the slope.
    /// </summary>
    public (double Residual, double Information, double Variance) At(double bias, ReadOnlySpan<double> cumulativeThresholds)
    {
        double residual = 0, information = 0;
        for (var i = 0; i < Ratings.Count; i++)
        {
            var m = RatingScaleModel.Moments(Eta[i] - bias, cumulativeThresholds);
            residual += Ratings[i] - m.E;
            information += m.V;
        }

        return (residual, information, AbilityInformation > 0 ? information + (information * information / AbilityInformation) : double.NaN);
    }
}

/// <summary>
/// A precision-weighted group contrast (<see cref="BiasAnalysis.WeightedGroupContrast"/>): the contrast in logits (positive:
/// harsher on the focal set), its model SE, the dispersion φ, the SE used (model SE × √max(1, φ)), z = contrast / SE, the
/// two-sided normal p and the candidates counted in each set.
/// </summary>
public sealed record GroupContrast(double Contrast, double ModelSe, double Dispersion, double Se, double Z, double P, int FocalCandidates, int RestCandidates);

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

    /// <summary>
    /// The interviewer's evidence on each of their candidates for a group contrast (§4.5): the candidate's ability is
    /// re-estimated without the interviewer (other parameters fixed), and the interviewer's ratings are kept with their
    /// linear predictors at that ability, together with the ability's information. Candidates nobody else rated are left
    /// out (without other ratings their ability is not independent of the interviewer's own), and so are candidates whose
    /// other ratings are all at one extreme: their ability has no maximum-likelihood estimate from those ratings and its
    /// error is not 1/I (JMLE leaves extreme scores out of estimation for the same reason, §1.2). In candidate order.
    /// </summary>
    public static List<CandidateEvidence> LeaveRaterOutEvidence(FacetData d, JmleResult fit, IReadOnlyList<int> observations, int rater, IReadOnlyList<List<int>> observationsOfCandidate)
    {
        var cum = RatingScaleModel.Cumulative(fit.Thresholds);
        var result = new List<CandidateEvidence>();
        foreach (var group in observations.GroupBy(o => d.Candidate[o]).OrderBy(g => g.Key))
        {
            var n = group.Key;
            var others = observationsOfCandidate[n].Where(i => d.Rater[i] != rater).ToArray();
            if (others.Length == 0 || others.All(o => d.X[o] == 0) || others.All(o => d.X[o] == d.K))
            {
                continue;
            }

            var theta = AbilityFrom(d, fit, others, cum, fit.Theta[n]);
            var abilityInformation = others.Sum(o => RatingScaleModel.Moments(fit.Eta(d, o) - fit.Theta[n] + theta, cum).V);
            var own = group.ToArray();
            result.Add(new CandidateEvidence(own.Select(o => d.X[o]).ToArray(), own.Select(o => fit.Eta(d, o) - fit.Theta[n] + theta).ToArray(), abilityInformation));
        }

        return result;
    }

    /// <summary>
    /// Precision-weighted bias contrast of two sets of an interviewer's candidates (§4.5), in logits (positive: harsher on
    /// <paramref name="focal"/>). Per set, the bias b solves the weighted estimating equation Σ w_n R_n(b) = 0 with
    /// w_n = V_n / Var_n (<see cref="CandidateEvidence.At"/>: Var_n = V_n + V_n²/I_n counts the error of the ability
    /// estimated from the other interviewers), by Fisher scoring; its model variance is 1/A, A = Σ a_n, a_n = V_n²/Var_n.
    /// This is the cell bias term of §1.6 with each candidate weighted by the precision of its evidence rather than every
    /// rating alike, and with the abilities' error in the variance rather than ignored (FACETS' bias analysis ignores it,
    /// which at three other interviewers per candidate understates the SE by about a quarter). The dispersion φ is the
    /// robust (sandwich, HC2) variance of the contrast over its model variance; the SE used is the model SE times
    /// √max(1, φ), and z = contrast / SE is referred to the normal. Under the model this rejects at or below the nominal
    /// level (the SE is never below the model's); when the interviewer's candidates scatter more than the model allows (an
    /// erratic interviewer, ratings that move together within a scorecard) the SE follows their scatter. A set whose ratings
    /// are all at one extreme has no finite bias: NaN, p 1.
    /// </summary>
    public static GroupContrast WeightedGroupContrast(IReadOnlyList<CandidateEvidence> focal, IReadOnlyList<CandidateEvidence> rest, IReadOnlyList<double> thresholds)
    {
        var cum = RatingScaleModel.Cumulative(thresholds);
        var f = WeightedBias(focal, cum);
        var r = WeightedBias(rest, cum);
        var n = focal.Count + rest.Count;
        if (!double.IsFinite(f.Bias) || !double.IsFinite(r.Bias) || !(f.Information > 0) || !(r.Information > 0) || n < 3)
        {
            return new GroupContrast(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 1, focal.Count, rest.Count);
        }

        var modelVariance = (1 / f.Information) + (1 / r.Information);
        var dispersion = (f.RobustVariance + r.RobustVariance) / modelVariance;
        var modelSe = Math.Sqrt(modelVariance);
        var se = modelSe * Math.Sqrt(Math.Max(1, dispersion));
        var contrast = f.Bias - r.Bias;
        var z = contrast / se;
        return new GroupContrast(contrast, modelSe, dispersion, se, z, Probability.TwoSidedNormalP(z), focal.Count, rest.Count);
    }

    /// <summary>
    /// One set's weighted bias (Fisher scoring from 0, steps clamped to ±1 logit), its information A = Σ a_n with
    /// a_n = V_n²/Var_n, and the robust (sandwich) variance of the bias Σ a_n u_n²/(1 − h_n) / A², u_n² = R_n²/Var_n the
    /// candidate's squared standardised residual at the bias and h_n = a_n/A its leverage (HC2: unbiased when the model's
    /// variance is right).
    /// </summary>
    private static (double Bias, double Information, double RobustVariance) WeightedBias(IReadOnlyList<CandidateEvidence> candidates, double[] cum)
    {
        var ratings = candidates.SelectMany(c => c.Ratings).ToArray();
        var k = cum.Length - 1;
        if (candidates.Count < 2 || ratings.All(x => x == 0) || ratings.All(x => x == k))
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        var b = 0.0;
        for (var iter = 0; iter < 100; iter++)
        {
            double score = 0, slope = 0;
            foreach (var c in candidates)
            {
                var (res, v, var) = c.At(b, cum);
                if (var > 0)
                {
                    score += v / var * res;
                    slope += v / var * v;
                }
            }

            if (!(slope > 0))
            {
                return (double.NaN, double.NaN, double.NaN);
            }

            var step = Math.Clamp(score / slope, -1, 1);
            b -= step;
            if (Math.Abs(step) < 1e-9)
            {
                break;
            }
        }

        var terms = candidates.Select(c => c.At(b, cum)).Where(t => t.Variance > 0).Select(t => (A: t.Information * t.Information / t.Variance, U2: t.Residual * t.Residual / t.Variance)).ToArray();
        var information = terms.Sum(t => t.A);
        var robust = terms.Sum(t => t.A * t.U2 / Math.Max(1e-9, 1 - (t.A / information))) / (information * information);
        return (b, information, robust);
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
