namespace HiringPlatform.Scheduling.Interviews;

using Marten.Events.Projections;

/// <summary>One booked interview, for a loop's schedule and an interviewer's load. Inline: the next loop must see it.</summary>
public sealed record ScheduledInterview(
    Guid Id,
    Guid LoopId,
    Guid CandidateId,
    Guid SlotId,
    string InterviewType,
    Guid InterviewerId,
    string InterviewerName,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt);

public sealed partial class ScheduledInterviewProjection : EventProjection
{
    public static ScheduledInterview Create(InterviewBooked booked) =>
        new(booked.InterviewId, booked.LoopId, booked.CandidateId, booked.SlotId, booked.InterviewType,
            booked.InterviewerId, booked.InterviewerName, booked.StartsAt, booked.EndsAt);
}
