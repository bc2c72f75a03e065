namespace HiringPlatform.Contracts.LoopPlanner;

/// <summary>An HR system submitted a candidate for a role at a level.</summary>
public sealed record CandidateApplied(
    Guid EventId,
    Guid CandidateId,
    string? ExternalId,
    string Name,
    string Email,
    string Role,
    string Level,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
