namespace HiringPlatform.Contracts.Scheduling;

/// <summary>A scheduled interview will not take place (loop revised or cancelled, candidate withdrew, no replacement).</summary>
public sealed record InterviewCancelled(
    Guid EventId,
    Guid CandidateId,
    Guid LoopId,
    Guid InterviewId,
    string Reason,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
