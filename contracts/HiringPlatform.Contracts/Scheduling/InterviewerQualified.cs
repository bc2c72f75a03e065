namespace HiringPlatform.Contracts.Scheduling;

/// <summary>
/// An interviewer reached the qualified stage for an interview type (by training or by an
/// administrator). Not about a candidate, so <see cref="CandidateId"/> is empty.
/// </summary>
public sealed record InterviewerQualified(
    Guid EventId,
    Guid InterviewerId,
    string InterviewType,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent
{
    public Guid CandidateId => Guid.Empty;
}
