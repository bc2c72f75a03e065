namespace HiringPlatform.Scheduling.Interviews;

using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.ServiceDefaults.Http;
using Marten.Events.Aggregation;

/// <summary>A competency a slot must measure, with its blueprint weight.</summary>
public sealed record SlotCompetency(string Competency, decimal Weight);

/// <summary>One slot of a loop as planned.</summary>
public sealed record LoopSlot(Guid SlotId, int Order, string InterviewType, int DurationMinutes, IReadOnlyList<SlotCompetency> Competencies);

/// <summary>When the candidate can interview (UTC instants).</summary>
public sealed record CandidateWindow(DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>A shadow or reverse shadow sitting in on an interview; their scorecard never counts.</summary>
public sealed record InterviewTrainee(Guid InterviewerId, string Name, TrainingStage Stage);

/// <summary>A planned loop arrived for scheduling: its slots and the candidate's zone and windows. Starts the loop's stream.</summary>
public sealed record LoopScheduleRequested(
    Guid LoopId,
    Guid CandidateId,
    string Role,
    string Level,
    string TimeZone,
    IReadOnlyList<CandidateWindow> Availability,
    IReadOnlyList<LoopSlot> Slots,
    DateTimeOffset RequestedAt,
    string Actor);

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
    string Actor,
    InterviewTrainee? Trainee = null);

/// <summary>A booked interview moved to another time and/or interviewer (or lost or gained its trainee).</summary>
public sealed record InterviewMoved(
    Guid LoopId,
    Guid CandidateId,
    Guid InterviewId,
    Guid InterviewerId,
    string InterviewerName,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    InterviewTrainee? Trainee,
    string Reason,
    DateTimeOffset MovedAt,
    string Actor);

/// <summary>A booked interview will not take place; its people's time is given back.</summary>
public sealed record InterviewReleased(
    Guid LoopId,
    Guid CandidateId,
    Guid InterviewId,
    string Reason,
    DateTimeOffset ReleasedAt,
    string Actor);

/// <summary>A booked interview took place.</summary>
public sealed record InterviewHeld(Guid LoopId, Guid CandidateId, Guid InterviewId, DateTimeOffset HeldAt, string Actor);

/// <summary>The loop's slots changed (loop revised): the whole list after the change.</summary>
public sealed record LoopSlotsRevised(Guid LoopId, IReadOnlyList<LoopSlot> Slots, string Reason, DateTimeOffset RevisedAt, string Actor);

/// <summary>No valid schedule exists for these slots; nothing of them was booked.</summary>
public sealed record LoopSchedulingFailed(
    Guid LoopId,
    Guid CandidateId,
    IReadOnlyList<SlotFailure> Slots,
    DateTimeOffset FailedAt,
    string Actor);

public sealed record SlotFailure(Guid SlotId, string InterviewType, string Reason, string? Constraint = null);

/// <summary>The loop was cancelled (or the application withdrawn); every interview was released before this.</summary>
public sealed record LoopScheduleCancelled(Guid LoopId, Guid CandidateId, string Reason, DateTimeOffset CancelledAt, string Actor);

/// <summary>One interview of a loop as it stands.</summary>
public sealed record ScheduledInterview(
    Guid Id,
    Guid LoopId,
    Guid CandidateId,
    Guid SlotId,
    string InterviewType,
    Guid InterviewerId,
    string InterviewerName,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    InterviewTrainee? Trainee,
    bool Held);

public static class LoopStatus
{
    public const string Pending = "pending";
    public const string Scheduled = "scheduled";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Pending, Scheduled, Failed, Cancelled];
}

/// <summary>A loop's schedule: what was asked, the interviews as they stand, and any slots that could not be placed.</summary>
public sealed record LoopSchedule(
    Guid Id,
    Guid CandidateId,
    string Role,
    string Level,
    string TimeZone,
    IReadOnlyList<CandidateWindow> Availability,
    IReadOnlyList<LoopSlot> Slots,
    [property: ClosedSet(typeof(LoopStatus))] string Status,
    IReadOnlyList<ScheduledInterview> Interviews,
    IReadOnlyList<SlotFailure> Failures,
    int Version);

/// <summary>Inline: the loop's schedule is read right after each change (reschedule, cancel, revise).</summary>
public sealed class LoopScheduleProjection : SingleStreamProjection<LoopSchedule, Guid>
{
    public static LoopSchedule Create(LoopScheduleRequested requested) =>
        new(requested.LoopId, requested.CandidateId, requested.Role, requested.Level, requested.TimeZone, requested.Availability,
            requested.Slots, LoopStatus.Pending, [], [], 1);

    public static LoopSchedule Apply(InterviewBooked booked, LoopSchedule loop) =>
        loop with
        {
            Interviews = loop.Interviews
                .Append(new ScheduledInterview(booked.InterviewId, booked.LoopId, booked.CandidateId, booked.SlotId,
                    booked.InterviewType, booked.InterviewerId, booked.InterviewerName, booked.StartsAt, booked.EndsAt,
                    booked.Trainee, false))
                .OrderBy(i => i.StartsAt)
                .ToList(),
            Status = LoopStatus.Scheduled,
            Failures = loop.Failures.Where(f => f.SlotId != booked.SlotId).ToList(),
            Version = loop.Version + 1,
        };

    public static LoopSchedule Apply(InterviewMoved moved, LoopSchedule loop) =>
        loop with
        {
            Interviews = loop.Interviews
                .Select(i => i.Id == moved.InterviewId
                    ? i with
                    {
                        InterviewerId = moved.InterviewerId,
                        InterviewerName = moved.InterviewerName,
                        StartsAt = moved.StartsAt,
                        EndsAt = moved.EndsAt,
                        Trainee = moved.Trainee,
                    }
                    : i)
                .OrderBy(i => i.StartsAt)
                .ToList(),
            Version = loop.Version + 1,
        };

    public static LoopSchedule Apply(InterviewReleased released, LoopSchedule loop) =>
        loop with
        {
            Interviews = loop.Interviews.Where(i => i.Id != released.InterviewId).ToList(),
            Version = loop.Version + 1,
        };

    public static LoopSchedule Apply(InterviewHeld held, LoopSchedule loop) =>
        loop with
        {
            Interviews = loop.Interviews.Select(i => i.Id == held.InterviewId ? i with { Held = true } : i).ToList(),
            Version = loop.Version + 1,
        };

    public static LoopSchedule Apply(LoopSlotsRevised revised, LoopSchedule loop) =>
        loop with { Slots = revised.Slots, Version = loop.Version + 1 };

    public static LoopSchedule Apply(LoopSchedulingFailed failed, LoopSchedule loop) =>
        loop with
        {
            Failures = loop.Failures.Where(f => failed.Slots.All(s => s.SlotId != f.SlotId)).Concat(failed.Slots).ToList(),
            Status = loop.Interviews.Count == 0 ? LoopStatus.Failed : loop.Status,
            Version = loop.Version + 1,
        };

    public static LoopSchedule Apply(LoopScheduleCancelled cancelled, LoopSchedule loop) =>
        loop with { Status = LoopStatus.Cancelled, Version = loop.Version + 1 };
}
