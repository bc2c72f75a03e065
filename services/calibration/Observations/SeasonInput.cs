namespace HiringPlatform.Calibration.Observations;

using System.Globalization;
using System.Text;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;

/// <summary>A half-open window of business time [Start, End) over when interviews' scorecards were submitted.</summary>
public sealed record ReportWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset moment) => moment >= Start && moment < End;

    /// <summary>The window of the same length that ends <paramref name="step"/> months earlier (§4.8 persistence).</summary>
    public ReportWindow Previous(int step) => new(Start.AddMonths(-step), End.AddMonths(-step));
}

/// <summary>A scorecard amended after the decision: reported, never used (the decision was made on the earlier version).</summary>
public sealed record LateAmendment(Guid ScorecardId, Guid InterviewId, Guid InterviewerId, Guid CandidateId, int Amendment, DateTimeOffset AmendedAt);

/// <summary>What went into the engine and what was left out, and why.</summary>
public sealed record SeasonNotes(
    int Scorecards,
    int TraineeScorecardsExcluded,
    int ScorecardsOutsideWindow,
    int AmendmentsUsed,
    IReadOnlyList<LateAmendment> LateAmendments,
    int DecidedCandidates,
    int CandidatesWithGroup);

/// <summary>
/// The engine's three input files, in its documented CSV format, built from the journeys. CSV is
/// the canonical form: deterministic (sorted), hashed for reproducibility, and downloadable so an
/// analyst can rerun the same analysis with <c>./hiring calibrate</c>.
/// </summary>
public sealed record SeasonInput(string Ratings, string Candidates, string Blueprints, SeasonNotes Notes)
{
    public bool IsEmpty => Notes.Scorecards == 0;
}

/// <summary>
/// Folds candidates' journeys (every integration event calibration recorded, as the log stood at
/// the report's moment) into the engine's input for one window (docs/calibration-method.md §7.1):
/// the latest amendment made before the decision counts; amendments after the decision are
/// reported, not used; trainees' shadow scorecards never count; blueprints are the loops' planned
/// competency weights per interview type (averaged over the loops planned before the window ends);
/// decisions are those known at the report's moment. <see cref="SeasonLog"/> is the same fold for
/// several windows from one pass over the log.
/// </summary>
public static class SeasonFold
{
    /// <param name="events">Every integration event recorded up to the report's moment, in any order.</param>
    /// <param name="groups">Self-identified group per candidate (compliance data), empty when none was supplied.</param>
    /// <param name="names">Interviewers' names as registered by the report's moment (the ratings' interviewer_name column).</param>
    public static SeasonInput Build(IEnumerable<IIntegrationEvent> events, ReportWindow window, IReadOnlyDictionary<Guid, string>? groups = null, IReadOnlyDictionary<Guid, string>? names = null)
    {
        var log = new SeasonLog();
        foreach (var e in events)
        {
            log.Add(e);
        }
        return log.Build(window, groups, names);
    }
}
