namespace HiringPlatform.Scheduling.Interviews;

/// <summary>A competency a slot must measure, with its blueprint weight.</summary>
public sealed record SlotCompetency(string Competency, decimal Weight);

/// <summary>One interview of a loop got an interviewer and a time. The loop's stream id is the loop id.</summary>
public sealed record InterviewBooked(
    Guid LoopId,
    Guid CandidateId,
    Guid InterviewId,
    Guid SlotId,
    string InterviewType,
    Guid InterviewerId,
    string InterviewerName,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<SlotCompetency> Competencies,
    DateTimeOffset BookedAt,
    string Actor);

/// <summary>No valid schedule exists; nothing of the loop was booked.</summary>
public sealed record LoopSchedulingFailed(
    Guid LoopId,
    Guid CandidateId,
    IReadOnlyList<SlotFailure> Slots,
    DateTimeOffset FailedAt,
    string Actor);

public sealed record SlotFailure(Guid SlotId, string InterviewType, string Reason);
