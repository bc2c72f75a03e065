namespace HiringPlatform.Calibration.Journeys;

using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;
using HiringPlatform.ServiceDefaults.Http;
using JasperFx.Events;
using Marten.Events.Aggregation;

/// <summary>Where each candidate's journey stands: a list analysts page through and the read model a full replay rebuilds.</summary>
public sealed record JourneySummary(
    Guid Id,
    string? Role,
    string? Level,
    [property: ClosedSet(typeof(JourneySummaryProjection), nameof(JourneySummaryProjection.Stages))] string Stage,
    int InterviewsScheduled,
    int InterviewsCancelled,
    int Scorecards,
    int Amendments,
    string? Decision,
    DateTimeOffset FirstEventAt,
    DateTimeOffset LastEventAt,
    int Events,
    long LastSequence);

/// <summary>
/// Async: nothing reads it in the same transaction as the journey's append, and a rebuild from
/// the event log (the benchmark in docs/benchmarks.md) recreates it from scratch.
/// </summary>
public sealed partial class JourneySummaryProjection : SingleStreamProjection<JourneySummary, Guid>
{
    public override JourneySummary? Evolve(JourneySummary? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not IIntegrationEvent data)
        {
            return snapshot;
        }

        var s = snapshot ?? new JourneySummary(id, null, null, "applied", 0, 0, 0, 0, null, data.OccurredAt, data.OccurredAt, 0, 0);
        s = s with
        {
            Events = s.Events + 1,
            LastSequence = e.Sequence,
            FirstEventAt = data.OccurredAt < s.FirstEventAt ? data.OccurredAt : s.FirstEventAt,
            LastEventAt = data.OccurredAt > s.LastEventAt ? data.OccurredAt : s.LastEventAt,
        };
        return data switch
        {
            CandidateApplied a => s with { Role = a.Role, Level = a.Level },
            LoopPlanned p => s with { Role = s.Role ?? p.Role, Level = s.Level ?? p.Level, Stage = Later(s.Stage, "loop-planned") },
            InterviewScheduled => s with { InterviewsScheduled = s.InterviewsScheduled + 1, Stage = Later(s.Stage, "interviewing") },
            InterviewCancelled => s with { InterviewsCancelled = s.InterviewsCancelled + 1 },
            ScorecardSubmitted => s with { Scorecards = s.Scorecards + 1, Stage = Later(s.Stage, "interviewing") },
            ScorecardAmended => s with { Amendments = s.Amendments + 1 },
            DecisionRecorded d => s with { Decision = d.Decision, Stage = Later(s.Stage, "decided") },
            ApplicationWithdrawn => s with { Stage = "withdrawn" },
            LoopCancelled => s with { Stage = s.Stage == "decided" ? s.Stage : "loop-cancelled" },
            _ => s,
        };
    }

    private static readonly string[] Order = ["applied", "loop-planned", "interviewing", "decided"];

    /// <summary>Where a journey can stand: the forward order, or ended early by a withdrawal or a cancelled loop.</summary>
    public static readonly IReadOnlyList<string> Stages = [.. Order, "withdrawn", "loop-cancelled"];

    /// <summary>Events arrive out of order across services: the stage only moves forward.</summary>
    private static string Later(string current, string next) =>
        Array.IndexOf(Order, next) > Array.IndexOf(Order, current) || Array.IndexOf(Order, current) < 0 && current != "withdrawn" ? next : current;
}
