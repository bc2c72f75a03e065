namespace HiringPlatform.Contracts.Scorecard;

/// <summary>
/// Someone read other interviewers' scorecards for a candidate. <see cref="BeforeOwnSubmission"/>
/// says the viewer still had an unsubmitted scorecard of their own for that candidate, so
/// calibration can tell whether their judgement was independent.
/// </summary>
public sealed record ScorecardsViewed(
    Guid EventId,
    Guid CandidateId,
    string Viewer,
    IReadOnlyList<string> ViewerRoles,
    IReadOnlyList<Guid> ScorecardIds,
    bool BeforeOwnSubmission,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
