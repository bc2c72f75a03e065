namespace HiringPlatform.Contracts.LoopPlanner;

/// <summary>A planned loop was cancelled; its interviews are released.</summary>
public sealed record LoopCancelled(
    Guid EventId,
    Guid CandidateId,
    Guid LoopId,
    string Reason,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
