namespace HiringPlatform.Contracts.Scorecard;

/// <summary>A scorecard was still not submitted when its SLA after the interview's end ran out.</summary>
public sealed record ScorecardOverdue(
    Guid EventId,
    Guid CandidateId,
    Guid ScorecardId,
    Guid InterviewId,
    Guid InterviewerId,
    DateTimeOffset InterviewEndedAt,
    DateTimeOffset DueAt,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
