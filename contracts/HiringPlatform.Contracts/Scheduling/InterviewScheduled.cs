namespace HiringPlatform.Contracts.Scheduling;

using HiringPlatform.Contracts.LoopPlanner;

/// <summary>One slot of a loop got an interviewer and a time.</summary>
public sealed record InterviewScheduled(
    Guid EventId,
    Guid CandidateId,
    Guid LoopId,
    Guid InterviewId,
    Guid SlotId,
    string InterviewType,
    Guid InterviewerId,
    string InterviewerName,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<CompetencyWeight> Competencies,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
