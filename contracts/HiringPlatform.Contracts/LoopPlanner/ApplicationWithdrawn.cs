namespace HiringPlatform.Contracts.LoopPlanner;

/// <summary>The candidate (or the HR system for them) withdrew the application; any loop is cancelled with it.</summary>
public sealed record ApplicationWithdrawn(
    Guid EventId,
    Guid CandidateId,
    string Reason,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
