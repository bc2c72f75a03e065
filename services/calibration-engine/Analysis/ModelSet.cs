using HiringPlatform.Calibration.Engine.Design;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Rasch;

namespace HiringPlatform.Calibration.Engine.Analysis;

/// <summary>The MML and JMLE fits of one connected component.</summary>
public sealed record ComponentFit(int ComponentId, FacetData Data, MmlResult Mml, JmleResult Jmle);

/// <summary>All component fits plus lookups from global interviewer and observation indices to a fit.</summary>
public sealed class ModelSet
{
    private ModelSet(CalibrationData data, DesignComponents components, IReadOnlyList<ComponentFit> fits)
    {
        Data = data;
        Components = components;
        Fits = fits;
        RaterFit = new int[data.InterviewerIds.Count];
        RaterLocal = new int[data.InterviewerIds.Count];
        Array.Fill(RaterFit, -1);
        ObservationFit = new int[data.Observations.Length];
        ObservationLocal = new int[data.Observations.Length];
        Array.Fill(ObservationFit, -1);
        for (var f = 0; f < fits.Count; f++)
        {
            var d = fits[f].Data;
            for (var j = 0; j < d.RaterCount; j++)
            {
                RaterFit[d.RaterGlobal[j]] = f;
                RaterLocal[d.RaterGlobal[j]] = j;
            }

            for (var o = 0; o < d.Count; o++)
            {
                ObservationFit[d.ObservationGlobal[o]] = f;
                ObservationLocal[d.ObservationGlobal[o]] = o;
            }
        }
    }

    public CalibrationData Data { get; }

    public DesignComponents Components { get; }

    public IReadOnlyList<ComponentFit> Fits { get; }

    /// <summary>Index into <see cref="Fits"/> per interviewer, -1 when the interviewer's component was not modelled.</summary>
    public int[] RaterFit { get; }

    public int[] RaterLocal { get; }

    public int[] ObservationFit { get; }

    public int[] ObservationLocal { get; }

    /// <summary>Fits every component with at least two interviewers, two candidates and <paramref name="minRatings"/> ratings.</summary>
    public static ModelSet Fit(CalibrationData data, DesignComponents components, MmlOptions mmlOptions, JmleOptions jmleOptions, Action<string>? progress, int minRatings = 0)
    {
        var byComponent = new List<int>[components.Count];
        for (var c = 0; c < components.Count; c++)
        {
            byComponent[c] = [];
        }

        for (var o = 0; o < data.Observations.Length; o++)
        {
            byComponent[components.ComponentOfInterviewer[data.Observations[o].Interviewer] - 1].Add(o);
        }

        var fits = new List<ComponentFit>();
        for (var c = 0; c < components.Count; c++)
        {
            if (components.InterviewersPerComponent[c] < 2 || components.CandidatesPerComponent[c] < 2 || byComponent[c].Count == 0 || byComponent[c].Count < minRatings)
            {
                continue;
            }

            var d = FacetData.From(data, byComponent[c]);
            var id = c + 1;
            Action<string>? p = progress is null ? null : m => progress($"component {id}: {m}");
            progress?.Invoke($"component {id}: fitting MML-EM on {d.Count} ratings ({d.CandidateCount} candidates, {d.RaterCount} interviewers)");
            var mml = MmlEstimator.Fit(d, mmlOptions, p);
            progress?.Invoke($"component {id}: MML-EM {(mml.Converged ? "converged" : "stopped")} after {mml.Iterations} iterations; fitting JMLE");
            var jmle = JmleEstimator.Fit(d, jmleOptions, p);
            progress?.Invoke($"component {id}: JMLE {(jmle.Converged ? "converged" : "stopped")} after {jmle.Sweeps} sweeps");
            fits.Add(new ComponentFit(id, d, mml, jmle));
        }

        return new ModelSet(data, components, fits);
    }
}
