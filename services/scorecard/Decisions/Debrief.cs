namespace HiringPlatform.Scorecard.Decisions;

using HiringPlatform.Scorecard.Scorecards;
using HiringPlatform.ServiceDefaults.Http;
using Marten.Events.Aggregation;

/// <summary>The hiring manager's decision on a candidate, against the panel's counting recommendations.</summary>
public sealed record DecisionRecorded(
    Guid CandidateId,
    [property: ClosedSet(typeof(Decisions))] string Decision,
    string Rationale,
    string DecidedBy,
    IReadOnlyList<PanelVote> Panel,
    bool AgainstPanelMajority,
    bool OverrodeMissingScorecards,
    DateTimeOffset RecordedAt,
    string Actor);

public sealed record PanelVote(Guid InterviewId, Guid InterviewerId, [property: ClosedSet(typeof(Recommendations))] string Recommendation);

/// <summary>Someone read other interviewers' scorecards for a candidate (kept on the candidate's views stream).</summary>
public sealed record ScorecardsViewed(
    Guid CandidateId,
    string Viewer,
    IReadOnlyList<string> ViewerRoles,
    IReadOnlyList<Guid> ScorecardIds,
    bool BeforeOwnSubmission,
    DateTimeOffset ViewedAt,
    string Actor);

public static class Decisions
{
    public static readonly IReadOnlyList<string> All = ["hire", "no_hire", "hold"];
}

public static class DebriefIds
{
    private static readonly Guid Views = new("5c0f6a0e-1d3b-4f7a-9d5e-0e6f7a8b9c01");

    /// <summary>The stream of reads of a candidate's scorecards (the decision's stream is the candidate id).</summary>
    public static Guid ViewsOf(Guid candidateId) => ScorecardIds.Derived(candidateId, Views);
}

/// <summary>A candidate's debrief: the decision once recorded. Inline: deciders and amendments read it.</summary>
public sealed record CandidateDebrief(Guid Id, DecisionRecorded? Decision, int Version);

public sealed class CandidateDebriefProjection : SingleStreamProjection<CandidateDebrief, Guid>
{
    public static CandidateDebrief Create(DecisionRecorded recorded) => new(recorded.CandidateId, recorded, 1);
}
