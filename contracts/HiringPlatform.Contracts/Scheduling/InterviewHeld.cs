namespace HiringPlatform.Contracts.Scheduling;

/// <summary>
/// A scheduled interview took place (recorded through <c>POST .../held</c> or when its interviewer's
/// scorecard arrived); its trainee's session counts toward their next stage.
/// </summary>
public sealed record InterviewHeld(
    Guid EventId,
    Guid CandidateId,
    Guid LoopId,
    Guid InterviewId,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
