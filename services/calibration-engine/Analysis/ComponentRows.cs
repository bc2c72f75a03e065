using System.Globalization;
using HiringPlatform.Calibration.Engine.Design;
using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Reports;
using static HiringPlatform.Calibration.Engine.Analysis.CalibrationAnalysis;

namespace HiringPlatform.Calibration.Engine.Analysis;

/// <summary>
/// The report's component rows, one per connected component of the design: its size, weak links and algebraic connectivity,
/// and for a modelled component the fits' convergence, ability distribution, thresholds, category counts and separations;
/// with the warnings the components call for.
/// </summary>
internal static class ComponentRows
{
    public static (List<ComponentReport> Rows, List<string> Warnings) Build(ReportInputs inputs)
    {
        var (data, components) = (inputs.Data, inputs.Components);
        var warnings = new ComponentWarnings();
        var membersOf = Enumerable.Range(0, data.InterviewerIds.Count).GroupBy(j => components.ComponentOfInterviewer[j]).ToDictionary(g => g.Key, g => g.ToArray());
        var observationsOf = Enumerable.Range(0, data.Observations.Length).GroupBy(o => components.ComponentOfInterviewer[data.Observations[o].Interviewer]).ToDictionary(g => g.Key, g => g.ToArray());
        var fitOf = inputs.Models.Fits.ToDictionary(f => f.ComponentId);
        var rows = new List<ComponentReport>();
        for (var id = 1; id <= components.Count; id++)
        {
            var members = membersOf[id];
            var weak = members.Where(j => components.LinkingCandidates[j] < inputs.Config.Eligibility.WeakLinkSharedCandidates && members.Length > 1).Select(j => data.InterviewerIds[j]).ToArray();
            var fiedler = inputs.Options.Fast || members.Length > Linkage.MaxDenseInterviewers || members.Length < 2 ? null : Linkage.FiedlerValue(data, members, observationsOf.GetValueOrDefault(id, []));
            var model = fitOf.TryGetValue(id, out var fit) ? Model(inputs, fit, warnings) : null;
            rows.Add(Row(components, id, model, fiedler, weak));
        }

        return (rows, [.. warnings.Lines(), .. DesignWarnings(inputs, rows)]);
    }

    /// <summary>The columns of a modelled component's row.</summary>
    private sealed record ModelColumns(
        int MmlIterations,
        bool MmlConverged,
        double? Deviance,
        double? AbilityMean,
        double? AbilitySd,
        IReadOnlyList<double> Thresholds,
        int JmleSweeps,
        bool JmleConverged,
        IReadOnlyList<int> CategoryCounts,
        FacetSummaryReport InterviewerSeparation,
        FacetSummaryReport? CompetencySeparation,
        FacetSummaryReport CandidateSeparation);

    /// <summary>The row of component <paramref name="id"/>; the model columns are absent when it is not modelled.</summary>
    private static ComponentReport Row(DesignComponents components, int id, ModelColumns? model, double? fiedler, IReadOnlyList<string> weak) => new(
        Id: id,
        Interviewers: components.InterviewersPerComponent[id - 1],
        Candidates: components.CandidatesPerComponent[id - 1],
        Ratings: components.RatingsPerComponent[id - 1],
        Modelled: model is not null,
        MmlIterations: model?.MmlIterations,
        MmlConverged: model?.MmlConverged,
        Deviance: model?.Deviance,
        AbilityMean: model?.AbilityMean,
        AbilitySd: model?.AbilitySd,
        Thresholds: model?.Thresholds,
        JmleSweeps: model?.JmleSweeps,
        JmleConverged: model?.JmleConverged,
        CategoryCounts: model?.CategoryCounts,
        InterviewerSeparation: model?.InterviewerSeparation,
        CompetencySeparation: model?.CompetencySeparation,
        CandidateSeparation: model?.CandidateSeparation,
        FiedlerValue: R(fiedler),
        WeakLinks: weak);

    /// <summary>A modelled component's columns; notes sparse rating categories and fits that did not converge.</summary>
    private static ModelColumns Model(ReportInputs inputs, ComponentFit f, ComponentWarnings warnings)
    {
        var (data, config, id) = (inputs.Data, inputs.Config, f.ComponentId);
        var nonExtreme = Enumerable.Range(0, f.Data.CandidateCount).Where(n => !f.Jmle.CandidateExtreme[n]).ToArray();
        var candidates = FacetSummary.From(nonExtreme.Select(n => f.Jmle.Theta[n]).ToArray(), nonExtreme.Select(n => f.Jmle.ThetaSe[n]).ToArray());
        var counts = Enumerable.Range(0, data.Scale.K + 1).Select(k => f.Data.X.Count(x => x == k)).ToArray();
        var sparse = Enumerable.Range(0, counts.Length).Where(k => counts[k] < config.Eligibility.CategoryMinCount).Select(k => (k + data.Scale.Min).ToString(CultureInfo.InvariantCulture)).ToArray();
        if (sparse.Length > 0)
        {
            warnings.Add($"some rating categories occur fewer than {config.Eligibility.CategoryMinCount} times, below the minimum for stable thresholds (Linacre); unused categories are estimated with a 0.5 pseudo-count", $"{id} (rating {string.Join(", ", sparse)})");
        }

        if (!f.Mml.Converged)
        {
            warnings.Add($"MML-EM did not converge in {inputs.Options.Mml.MaxIterations} iterations", id.ToString(CultureInfo.InvariantCulture));
        }

        if (!f.Jmle.Converged)
        {
            warnings.Add($"JMLE did not converge in {inputs.Options.Jmle.MaxSweeps} sweeps", id.ToString(CultureInfo.InvariantCulture));
        }

        return new ModelColumns(
            MmlIterations: f.Mml.Iterations,
            MmlConverged: f.Mml.Converged,
            Deviance: R(f.Mml.Deviance),
            AbilityMean: R(f.Mml.Mean),
            AbilitySd: R(f.Mml.Sd),
            Thresholds: f.Mml.Thresholds.Skip(1).Select(v => R(v) ?? 0).ToArray(),
            JmleSweeps: f.Jmle.Sweeps,
            JmleConverged: f.Jmle.Converged,
            CategoryCounts: counts,
            InterviewerSeparation: Summary(FacetSummary.From(f.Mml.Severity, f.Mml.SeveritySe)),
            CompetencySeparation: f.Data.CompetencyCount > 1 ? Summary(FacetSummary.From(f.Mml.Competency, f.Mml.CompetencySe)) : null,
            CandidateSeparation: Summary(candidates));
    }

    private static FacetSummaryReport Summary(FacetSummary s) => new(
        Count: s.Count,
        ObservedSd: R(s.ObservedSd),
        Rmse: R(s.Rmse),
        TrueSd: R(s.TrueSd),
        Separation: R(s.Separation),
        Strata: R(s.Strata),
        Reliability: R(s.Reliability),
        FixedChiSquare: R(s.FixedChiSquare),
        FixedDf: s.FixedDf,
        FixedP: Sig(s.FixedP));

    /// <summary>The warnings about the design as a whole: components left unmodelled, and more than one component.</summary>
    private static IEnumerable<string> DesignWarnings(ReportInputs inputs, List<ComponentReport> rows)
    {
        var unmodelled = rows.Count(r => !r.Modelled);
        if (unmodelled > 0)
        {
            yield return $"{unmodelled} component(s) are not modelled: they need two interviewers, two candidates and {inputs.Config.Eligibility.ComponentMinRatings} ratings.";
        }

        if (inputs.Components.Count > 1)
        {
            yield return $"The design has {inputs.Components.Count} disconnected components: severities are centred within each component and are never compared or flagged across components.";
        }
    }

    /// <summary>Component warnings grouped by what is wrong (in ordinal order), each listing the components it concerns.</summary>
    private sealed class ComponentWarnings
    {
        private readonly SortedDictionary<string, List<string>> _where = new(StringComparer.Ordinal);

        public void Add(string what, string where)
        {
            if (!_where.TryGetValue(what, out var list))
            {
                _where[what] = list = [];
            }

            list.Add(where);
        }

        public IEnumerable<string> Lines() => _where.Select(kv =>
            $"{char.ToUpperInvariant(kv.Key[0])}{kv.Key[1..]}: component{(kv.Value.Count > 1 ? "s" : "")} {string.Join(", ", kv.Value.Take(10))}{(kv.Value.Count > 10 ? $" and {kv.Value.Count - 10} more" : "")}.");
    }
}
