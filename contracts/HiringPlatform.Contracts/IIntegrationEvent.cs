namespace HiringPlatform.Contracts;

/// <summary>
/// What every integration event carries: its own id (consumers deduplicate on it), the
/// candidate it concerns, when the business fact happened, and who or what caused it.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }
    Guid CandidateId { get; }
    DateTimeOffset OccurredAt { get; }
    string Actor { get; }
}
