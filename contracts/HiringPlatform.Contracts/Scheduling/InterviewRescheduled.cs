namespace HiringPlatform.Contracts.Scheduling;

/// <summary>A scheduled interview moved to another time and/or another interviewer, with the reason.</summary>
public sealed record InterviewRescheduled(
    Guid EventId,
    Guid CandidateId,
    Guid LoopId,
    Guid InterviewId,
    Guid InterviewerId,
    string InterviewerName,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Reason,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
