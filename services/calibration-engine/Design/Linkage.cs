using HiringPlatform.Calibration.Engine.Import;
using MathNet.Numerics.LinearAlgebra;

namespace HiringPlatform.Calibration.Engine.Design;

/// <summary>
/// The interviewer Laplacian L_jj' = Σ_n n_nj (1[j = j'] − n_nj'/n_n) of one component (docs/calibration-method.md §1.7) and its Fiedler
/// value (second-smallest eigenvalue): zero means disconnected, small means weakly linked.
/// </summary>
public static class Linkage
{
    public const int MaxDenseInterviewers = 400;

    public static double? FiedlerValue(CalibrationData data, IReadOnlyList<int> interviewers) =>
        FiedlerValue(data, interviewers, Enumerable.Range(0, data.Observations.Length));

    /// <summary>As above, reading only the given observations (those of the component).</summary>
    public static double? FiedlerValue(CalibrationData data, IReadOnlyList<int> interviewers, IEnumerable<int> observations)
    {
        var m = interviewers.Count;
        if (m < 2 || m > MaxDenseInterviewers)
        {
            return null;
        }

        var local = new Dictionary<int, int>();
        for (var i = 0; i < m; i++)
        {
            local[interviewers[i]] = i;
        }

        var perCandidate = new Dictionary<int, Dictionary<int, int>>();
        foreach (var index in observations)
        {
            var o = data.Observations[index];
            if (!local.TryGetValue(o.Interviewer, out var j))
            {
                continue;
            }

            if (!perCandidate.TryGetValue(o.Candidate, out var counts))
            {
                perCandidate[o.Candidate] = counts = [];
            }

            counts[j] = counts.GetValueOrDefault(j) + 1;
        }

        var l = Matrix<double>.Build.Dense(m, m);
        foreach (var counts in perCandidate.Values)
        {
            var total = counts.Values.Sum();
            foreach (var (j, nj) in counts)
            {
                l[j, j] += nj;
                foreach (var (k, nk) in counts)
                {
                    l[j, k] -= nj * (double)nk / total;
                }
            }
        }

        var eigen = l.Evd(Symmetricity.Symmetric).EigenValues.Select(v => v.Real).OrderBy(v => v).ToArray();
        return Math.Max(0, eigen[1]);
    }
}
