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
/// The additive model y = μ + a_n + s_j + d_c + d_t + e (docs/calibration-method.md §1.7, method B): candidates are absorbed by centring
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
        var nr = data.InterviewerIds.Count;
        var obs = data.Observations;
        var byCandidate = GroupByCandidate(data);

        // Each connected component is an independent block (no shared candidates), solved on its own.
        var candidatesOf = new List<int>[components.Count];
        for (var c = 0; c < components.Count; c++)
        {
            candidatesOf[c] = [];
        }

        for (var n = 0; n < byCandidate.Length; n++)
        {
            if (byCandidate[n].Count > 0)
            {
                candidatesOf[components.ComponentOfInterviewer[obs[byCandidate[n][0]].Interviewer] - 1].Add(n);
            }
        }

        var effect = new double[nr];
        var varianceFactor = new double[nr];
        Array.Fill(varianceFactor, double.NaN);
        var competencyEffects = new double[data.CompetencyIds.Count];
        var typeEffects = new double[data.TypeIds.Count];
        double rss = 0;
        long df = 0;
        var extra = 0;
        var largest = -1;
        for (var c = 0; c < components.Count; c++)
        {
            if (components.InterviewersPerComponent[c] < 2)
            {
                continue;
            }

            var block = SolveBlock(data, byCandidate, candidatesOf[c], withCompetencyAndType);
            foreach (var (j, value, v) in block.Raters)
            {
                effect[j] = value;
                varianceFactor[j] = v;
            }

            rss += block.Rss;
            df += block.Df;
            extra += block.ExtraIndeterminacies;
            if (largest < 0 || components.RatingsPerComponent[c] > components.RatingsPerComponent[largest])
            {
                largest = c;
                Array.Clear(competencyEffects);
                Array.Clear(typeEffects);
                foreach (var (k, value) in block.Competencies)
                {
                    competencyEffects[k] = value;
                }

                foreach (var (t, value) in block.Types)
                {
                    typeEffects[t] = value;
                }
            }
        }

        var sigma2 = df > 0 ? rss / df : double.NaN;
        var se = varianceFactor.Select(v => double.IsFinite(v) ? Math.Sqrt(Math.Max(0, v) * sigma2) : double.NaN).ToArray();

        // Empirical Bayes shrinkage over interviewers in multi-interviewer components.
        var eligible = Enumerable.Range(0, nr).Where(j => double.IsFinite(se[j]) && se[j] > 0).ToArray();
        var tau2 = 0.0;
        if (eligible.Length >= 2)
        {
            var effects = eligible.Select(j => effect[j]).ToArray();
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
            var s = se[j];
            double shrunk, lo, hi;
            if (double.IsFinite(s) && s > 0)
            {
                var factorShrink = tau2 / (tau2 + (s * s));
                shrunk = effect[j] * factorShrink;
                var postSd = Math.Sqrt(tau2 * s * s / (tau2 + (s * s)));
                lo = shrunk - (1.6448536269514722 * postSd);
                hi = shrunk + (1.6448536269514722 * postSd);
            }
            else
            {
                shrunk = lo = hi = double.NaN;
            }

            result[j] = new AdditiveInterviewer(j, effect[j], s, shrunk, lo, hi, ratings[j], components.LinkingCandidates[j], Explain(effect[j], s, shrunk, lo, hi, ratings[j], components.LinkingCandidates[j]));
        }

        return new AdditiveResult(result, competencyEffects, typeEffects, sigma2, tau2, (int)Math.Min(int.MaxValue, df), extra);
    }

    private sealed record Block(List<(int Interviewer, double Effect, double VarianceFactor)> Raters, List<(int Competency, double Effect)> Competencies, List<(int Type, double Effect)> Types, double Rss, long Df, int ExtraIndeterminacies);

    /// <summary>
    /// One component: absorb candidates, build the Laplacian normal equations over its competency, type and interviewer
    /// columns, solve with grounding, centre each facet, and return Var factors diag(P G P) for the interviewers.
    /// </summary>
    private static Block SolveBlock(CalibrationData data, List<int>[] byCandidate, List<int> candidates, bool withCompetencyAndType)
    {
        var obs = data.Observations;
        var compIndex = new Dictionary<int, int>();
        var typeIndex = new Dictionary<int, int>();
        var raterIndex = new Dictionary<int, int>();
        foreach (var n in candidates)
        {
            foreach (var o in byCandidate[n])
            {
                var ob = obs[o];
                compIndex.TryAdd(withCompetencyAndType ? ob.Competency : 0, compIndex.Count);
                typeIndex.TryAdd(withCompetencyAndType ? ob.Type : 0, typeIndex.Count);
                raterIndex.TryAdd(ob.Interviewer, raterIndex.Count);
            }
        }

        // Columns in ascending global order within each facet (deterministic grounding).
        Reorder(compIndex);
        Reorder(typeIndex);
        Reorder(raterIndex);
        int nc = compIndex.Count, nt = typeIndex.Count, nr = raterIndex.Count;
        int offR = nc + nt, size = nc + nt + nr;
        int CompCol(Observation o) => compIndex[withCompetencyAndType ? o.Competency : 0];
        int TypeCol(Observation o) => nc + typeIndex[withCompetencyAndType ? o.Type : 0];
        int RaterCol(Observation o) => offR + raterIndex[o.Interviewer];

        var m = new double[size * size];
        var b = new double[size];
        var u = new Dictionary<int, double>();
        foreach (var n in candidates)
        {
            var list = byCandidate[n];
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
                Span<int> cols = [CompCol(ob), TypeCol(ob), RaterCol(ob)];
                foreach (var ci in cols)
                {
                    u[ci] = u.GetValueOrDefault(ci) + 1;
                    b[ci] += ob.Category - mean;
                    foreach (var cj in cols)
                    {
                        m[(ci * size) + cj] += 1;
                    }
                }
            }

            foreach (var (ci, ui) in u)
            {
                foreach (var (cj, uj) in u)
                {
                    m[(ci * size) + cj] -= ui * uj / list.Count;
                }
            }
        }

        var factor = PivotedCholesky.Factor(m, size);
        var beta = factor.Solve(b);
        CenterRange(beta, 0, nc, _ => 0);
        CenterRange(beta, nc, nt, _ => 0);
        CenterRange(beta, offR, nr, _ => 0);

        double rss = 0;
        long used = 0, count = 0;
        foreach (var n in candidates)
        {
            var list = byCandidate[n];
            used++;
            count += list.Count;
            var a = 0.0;
            foreach (var o in list)
            {
                var ob = obs[o];
                a += ob.Category - beta[CompCol(ob)] - beta[TypeCol(ob)] - beta[RaterCol(ob)];
            }

            a /= list.Count;
            foreach (var o in list)
            {
                var ob = obs[o];
                var e = ob.Category - a - beta[CompCol(ob)] - beta[TypeCol(ob)] - beta[RaterCol(ob)];
                rss += e * e;
            }
        }

        var grounded = factor.Grounded.Count(g => g);
        var rank = size - grounded;

        // Var factor of the centred interviewer effects: diag(P G P) = G_jj − 2 (G1)_j/m + 1'G1/m².
        var gDiag = factor.InverseDiagonal();
        var ones = new double[size];
        for (var j = 0; j < nr; j++)
        {
            ones[offR + j] = 1;
        }

        var g1 = factor.Solve(ones);
        var total = 0.0;
        for (var j = 0; j < nr; j++)
        {
            total += g1[offR + j];
        }

        var raters = raterIndex.OrderBy(kv => kv.Value).Select(kv =>
        {
            var j = offR + kv.Value;
            var v = gDiag[j] - (2 * g1[j] / nr) + (total / ((double)nr * nr));
            return (kv.Key, beta[j], v);
        }).ToList();

        // Indeterminacies beyond the expected ones (one per facet present): columns without any within-candidate
        // information (e.g. an interviewer whose candidates nobody else rated) are not counted.
        var informative = Enumerable.Range(0, size).Where(i => m[(i * size) + i] > 1e-12).ToArray();
        var expectedNull = (informative.Any(i => i < nc) ? 1 : 0) + (informative.Any(i => i >= nc && i < offR) ? 1 : 0) + (informative.Any(i => i >= offR) ? 1 : 0);
        var extra = Math.Max(0, grounded - (size - informative.Length) - expectedNull);
        return new Block(
            raters,
            withCompetencyAndType ? compIndex.OrderBy(kv => kv.Value).Select(kv => (kv.Key, beta[kv.Value])).ToList() : [],
            withCompetencyAndType ? typeIndex.OrderBy(kv => kv.Value).Select(kv => (kv.Key, beta[nc + kv.Value])).ToList() : [],
            rss,
            count - used - rank,
            extra);
    }

    private static void Reorder(Dictionary<int, int> index)
    {
        var keys = index.Keys.OrderBy(k => k).ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            index[keys[i]] = i;
        }
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
