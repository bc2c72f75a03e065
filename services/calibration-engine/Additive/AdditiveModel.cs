using System.Globalization;
using HiringPlatform.Calibration.Engine.Design;
using HiringPlatform.Calibration.Engine.Import;

namespace HiringPlatform.Calibration.Engine.Additive;

/// <summary>Additive-model result per interviewer, in rating points on the raw scale.</summary>
public sealed record AdditiveInterviewer(int Interviewer, double Effect, double Se, double Shrunk, double ShrunkLow90, double ShrunkHigh90, int Ratings, int LinkingCandidates, string Explanation);

public sealed record AdditiveResult(
    IReadOnlyList<AdditiveInterviewer> Interviewers,
    IReadOnlyList<double> CompetencyEffects,
    IReadOnlyList<double> TypeEffects,
    double ResidualVariance,
    double InterviewerVariance,
    int ResidualDf,
    int ExtraIndeterminacies);

/// <summary>
/// The additive model y = μ + a_n + s_j + d_c + d_t + e (CALIBRATION.md §1.7, method B): candidates are absorbed by centring
/// within candidate, leaving the weighted-graph-Laplacian normal equations over interviewer, competency and type effects,
/// solved exactly by a Cholesky factorisation that grounds one element per indeterminacy (one interviewer per connected
/// component, one competency, one type, plus any further confounding, which is counted). Effects are centred per facet
/// (interviewers per component); Var(ŝ) = σ̂² L⁺; empirical-Bayes shrinkage with τ̂² = max(0, Var(ŝ) − mean SE²).
/// </summary>
public static class AdditiveModel
{
    /// <param name="withCompetencyAndType">False fits y = μ + a_n + s_j + e only (the lme4 comparison's fixed part).</param>
    public static AdditiveResult Fit(CalibrationData data, DesignComponents components, bool withCompetencyAndType = true)
    {
        int nc = withCompetencyAndType ? data.CompetencyIds.Count : 1, nt = withCompetencyAndType ? data.TypeIds.Count : 1, nr = data.InterviewerIds.Count;
        int CompOf(Observation o) => withCompetencyAndType ? o.Competency : 0;
        int TypeOf(Observation o) => withCompetencyAndType ? o.Type : 0;
        int offR = nc + nt, n = nc + nt + nr;
        int Col(int facet, int index) => facet switch { 0 => index, 1 => nc + index, _ => offR + index };

        var m = new double[n * n];
        var b = new double[n];
        var obs = data.Observations;
        var byCandidate = GroupByCandidate(data);
        var u = new Dictionary<int, double>();
        foreach (var list in byCandidate)
        {
            if (list.Count < 2)
            {
                continue;
            }

            u.Clear();
            var mean = 0.0;
            foreach (var o in list)
            {
                mean += obs[o].Category;
            }

            mean /= list.Count;
            foreach (var o in list)
            {
                var ob = obs[o];
                Span<int> cols = [Col(0, CompOf(ob)), Col(1, TypeOf(ob)), Col(2, ob.Interviewer)];
                foreach (var ci in cols)
                {
                    u[ci] = u.GetValueOrDefault(ci) + 1;
                    b[ci] += ob.Category - mean;
                    foreach (var cj in cols)
                    {
                        m[(ci * n) + cj] += 1;
                    }
                }
            }

            var keys = u.Keys.ToArray();
            foreach (var ci in keys)
            {
                foreach (var cj in keys)
                {
                    m[(ci * n) + cj] -= u[ci] * u[cj] / list.Count;
                }
            }
        }

        var factor = PivotedCholesky.Factor(m, n);
        var beta = factor.Solve(b);

        // Centre: competencies, types, and interviewers within each component.
        CenterRange(beta, 0, nc, _ => 0);
        CenterRange(beta, nc, nt, _ => 0);
        CenterRange(beta, offR, nr, j => components.ComponentOfInterviewer[j]);

        // Residual variance.
        double rss = 0;
        var candidatesUsed = 0;
        foreach (var list in byCandidate)
        {
            if (list.Count == 0)
            {
                continue;
            }

            candidatesUsed++;
            var a = 0.0;
            foreach (var o in list)
            {
                var ob = obs[o];
                a += ob.Category - beta[CompOf(ob)] - beta[nc + TypeOf(ob)] - beta[offR + ob.Interviewer];
            }

            a /= list.Count;
            foreach (var o in list)
            {
                var ob = obs[o];
                var e = ob.Category - a - beta[CompOf(ob)] - beta[nc + TypeOf(ob)] - beta[offR + ob.Interviewer];
                rss += e * e;
            }
        }

        var rank = n - factor.Grounded.Count(g => g);
        var df = obs.Length - candidatesUsed - rank;
        var sigma2 = df > 0 ? rss / df : double.NaN;

        // SE of interviewer effects: diagonal of P G P on the interviewer block, P centring per component.
        var gDiag = factor.InverseDiagonal();
        var se = new double[nr];
        var ratersByComponent = Enumerable.Range(0, nr).GroupBy(j => components.ComponentOfInterviewer[j]).OrderBy(g => g.Key);
        foreach (var group in ratersByComponent)
        {
            var members = group.ToArray();
            if (members.Length < 2)
            {
                foreach (var j in members)
                {
                    se[j] = double.NaN;
                }

                continue;
            }

            var ones = new double[n];
            foreach (var j in members)
            {
                ones[offR + j] = 1;
            }

            var g1 = factor.Solve(ones);
            var total = members.Sum(j => g1[offR + j]);
            var size = members.Length;
            foreach (var j in members)
            {
                var v = gDiag[offR + j] - (2 * g1[offR + j] / size) + (total / ((double)size * size));
                se[j] = Math.Sqrt(Math.Max(0, v) * sigma2);
            }
        }

        // Empirical Bayes shrinkage over interviewers in multi-interviewer components.
        var eligible = Enumerable.Range(0, nr).Where(j => double.IsFinite(se[j]) && se[j] > 0).ToArray();
        var tau2 = 0.0;
        if (eligible.Length >= 2)
        {
            var effects = eligible.Select(j => beta[offR + j]).ToArray();
            var meanEffect = effects.Average();
            var varEffect = effects.Sum(e => (e - meanEffect) * (e - meanEffect)) / effects.Length;
            var meanSe2 = eligible.Average(j => se[j] * se[j]);
            tau2 = Math.Max(0, varEffect - meanSe2);
        }

        var ratings = new int[nr];
        foreach (var o in obs)
        {
            ratings[o.Interviewer]++;
        }

        var result = new AdditiveInterviewer[nr];
        for (var j = 0; j < nr; j++)
        {
            var effect = beta[offR + j];
            var s = se[j];
            double shrunk, lo, hi;
            if (double.IsFinite(s) && s > 0)
            {
                var factorShrink = tau2 / (tau2 + (s * s));
                shrunk = effect * factorShrink;
                var postSd = Math.Sqrt(tau2 * s * s / (tau2 + (s * s)));
                lo = shrunk - (1.6448536269514722 * postSd);
                hi = shrunk + (1.6448536269514722 * postSd);
            }
            else
            {
                shrunk = lo = hi = double.NaN;
            }

            result[j] = new AdditiveInterviewer(j, effect, s, shrunk, lo, hi, ratings[j], components.LinkingCandidates[j], Explain(effect, s, shrunk, lo, hi, ratings[j], components.LinkingCandidates[j]));
        }

        // Indeterminacies beyond the expected ones: one per facet present and one per interviewer component (columns
        // without any within-candidate information, e.g. a blueprint competency never rated, are not counted).
        var informative = Enumerable.Range(0, n).Where(i => m[(i * n) + i] > 1e-12).ToArray();
        var uninformative = n - informative.Length;
        var expectedNull = (informative.Any(i => i < nc) ? 1 : 0) + (informative.Any(i => i >= nc && i < offR) ? 1 : 0)
            + informative.Where(i => i >= offR).Select(i => components.ComponentOfInterviewer[i - offR]).Distinct().Count();
        var extra = Math.Max(0, factor.Grounded.Count(g => g) - uninformative - expectedNull);
        return new AdditiveResult(result, beta[..nc], beta[nc..offR], sigma2, tau2, df, extra);
    }

    /// <summary>The plain-language explanation (raw rating points; negative = rates below peers, i.e. harsher).</summary>
    public static string Explain(double effect, double se, double shrunk, double lo, double hi, int ratings, int linking)
    {
        if (!double.IsFinite(se) || linking == 0)
        {
            return $"No comparison possible: none of this interviewer's {ratings} ratings is of a candidate another interviewer also rated.";
        }

        var c = CultureInfo.InvariantCulture;
        var direction = effect < 0 ? "below" : "above";
        return string.Create(c, $"Rates {Math.Abs(effect):0.00} points {direction} the other interviewers of the same candidates (shrunk estimate {shrunk:+0.00;-0.00;0.00}, 90% interval {lo:+0.00;-0.00;0.00} to {hi:+0.00;-0.00;0.00}), from {ratings} ratings of {linking} shared candidates.");
    }

    private static List<int>[] GroupByCandidate(CalibrationData data)
    {
        var lists = new List<int>[data.CandidateIds.Count];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = [];
        }

        for (var o = 0; o < data.Observations.Length; o++)
        {
            lists[data.Observations[o].Candidate].Add(o);
        }

        return lists;
    }

    private static void CenterRange(double[] beta, int offset, int count, Func<int, int> groupOf)
    {
        foreach (var group in Enumerable.Range(0, count).GroupBy(groupOf))
        {
            var members = group.ToArray();
            var mean = members.Average(i => beta[offset + i]);
            foreach (var i in members)
            {
                beta[offset + i] -= mean;
            }
        }
    }
}
