namespace HiringPlatform.Contracts.Scorecard;

/// <summary>The hiring decision, with the panel's recommendations it was taken against.</summary>
public sealed record DecisionRecorded(
    Guid EventId,
    Guid CandidateId,
    string Decision,
    string Rationale,
    string DecidedBy,
    IReadOnlyList<PanelRecommendation> PanelRecommendations,
    bool AgainstPanelMajority,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;

public sealed record PanelRecommendation(Guid InterviewId, Guid InterviewerId, string Recommendation);
