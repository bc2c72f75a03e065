namespace HiringPlatform.Scorecard.Decisions;

/// <summary>The hiring manager's decision on a candidate, against the panel's recommendations.</summary>
public sealed record DecisionRecorded(
    Guid CandidateId,
    string Decision,
    string Rationale,
    string DecidedBy,
    IReadOnlyList<PanelVote> Panel,
    bool AgainstPanelMajority,
    bool OverrodeMissingScorecards,
    DateTimeOffset RecordedAt,
    string Actor);

public sealed record PanelVote(Guid InterviewId, Guid InterviewerId, string Recommendation);

public static class Decisions
{
    public static readonly IReadOnlyList<string> All = ["hire", "no_hire", "hold"];
}
