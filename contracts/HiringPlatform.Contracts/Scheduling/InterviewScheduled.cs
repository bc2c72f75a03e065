namespace HiringPlatform.Contracts.Scheduling;

using HiringPlatform.Contracts.LoopPlanner;

/// <summary>One slot of a loop got an interviewer and a time (and possibly trainees sitting in).</summary>
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
    string Actor,
    IReadOnlyList<InterviewTrainee>? Trainees = null) : IIntegrationEvent;

/// <summary>
/// An interviewer in training who sits in on the interview: stage <c>shadow</c> or
/// <c>reverse-shadow</c>. Their scorecard is kept but never counts toward the decision.
/// </summary>
public sealed record InterviewTrainee(Guid InterviewerId, string Name, string Stage);
