namespace HiringPlatform.Contracts.Scheduling;

/// <summary>
/// An interviewer joined the pool. Not about a candidate, so <see cref="CandidateId"/> is empty.
/// </summary>
public sealed record InterviewerRegistered(
    Guid EventId,
    Guid InterviewerId,
    string Name,
    string Email,
    string Team,
    string Seniority,
    IReadOnlyList<string> QualifiedFor,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent
{
    public Guid CandidateId => Guid.Empty;
}
