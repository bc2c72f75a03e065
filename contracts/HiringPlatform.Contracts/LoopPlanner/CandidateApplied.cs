namespace HiringPlatform.Contracts.LoopPlanner;

/// <summary>
/// An HR system submitted a candidate for a role at a level, with the candidate's IANA time zone
/// and the windows they can interview in (empty: no constraint given).
/// </summary>
public sealed record CandidateApplied(
    Guid EventId,
    Guid CandidateId,
    string? ExternalId,
    string Name,
    string Email,
    string Role,
    string Level,
    DateTimeOffset OccurredAt,
    string Actor,
    string? TimeZone = null,
    IReadOnlyList<AvailabilityWindow>? Availability = null) : IIntegrationEvent;
