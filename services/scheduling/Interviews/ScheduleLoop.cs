namespace HiringPlatform.Scheduling.Interviews;

using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews.Assignment;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using HiringPlatform.ServiceDefaults.Telemetry;
using Marten;
using MassTransit;

/// <summary>
/// LoopPlanned in: the panel is assigned and every interview booked on the loop's stream (and
/// on each interviewer's stream), or the loop's failure recorded; the outbox then publishes
/// InterviewScheduled or SchedulingFailed.
/// </summary>
public sealed class LoopPlannedConsumer(LoopBookings bookings, TimeProvider clock) : IConsumer<LoopPlanned>
{
    public const string Actor = "system:scheduling";

    public async Task Consume(ConsumeContext<LoopPlanned> context)
    {
        var loop = context.Message;
        if (loop.Slots.Count == 0 || loop.LoopId == Guid.Empty || loop.CandidateId == Guid.Empty)
        {
            throw new UnprocessableMessageException(
                $"LoopPlanned {loop.EventId} has no slots, no loop id or no candidate id; it cannot be scheduled.");
        }
        // Booked with the other loops waiting, in one transaction (group commit); null when it was handled before.
        var booked = await bookings.BookAsync(loop, context.CancellationToken);
        if (booked.Result is { } outcome)
        {
            Measure(loop, outcome, clock.GetUtcNow());
        }
    }

    /// <summary>Scheduling latency (LoopPlanned to its last booking, all booked at once here) or the failures by constraint.</summary>
    private static void Measure(LoopPlanned loop, AssignmentResult? outcome, DateTimeOffset now)
    {
        switch (outcome)
        {
            case AssignmentResult.Scheduled:
                BusinessMetrics.SchedulingLatency.Record(Math.Max(0, (now - loop.OccurredAt).TotalSeconds), BusinessMetrics.Tag("role", loop.Role));
                break;
            case AssignmentResult.Failed failed:
                CountFailures(failed);
                break;
        }
    }

    /// <summary>Each slot that could not be scheduled, by the constraint that could not be met (a loop planned or revised).</summary>
    public static void CountFailures(AssignmentResult.Failed failed)
    {
        foreach (var slot in failed.Slots)
        {
            BusinessMetrics.SchedulingFailures.Add(1, BusinessMetrics.Tag("reason", Constraints.Name(slot.Constraint)),
                BusinessMetrics.Tag("interview_type", slot.InterviewType));
        }
    }

    /// <summary>The loop as scheduling records it: the candidate's zone and windows (the default ones when none were given).</summary>
    public static LoopScheduleRequested Requested(LoopPlanned loop, SchedulingOptions options, DateTimeOffset now)
    {
        var zone = SchedulingVocabulary.Zone(loop.CandidateTimeZone) ?? TimeZoneInfo.Utc;
        var windows = loop.CandidateAvailability is { Count: > 0 } given
            ? given.Select(w => new CandidateWindow(w.StartsAt, w.EndsAt)).ToList()
            : PanelAssigner.DefaultWindows(loop.OccurredAt > now ? loop.OccurredAt : now, zone, options.DefaultWindowDays)
                .Select(w => new CandidateWindow(w.Start, w.End)).ToList();
        return new LoopScheduleRequested(loop.LoopId, loop.CandidateId, loop.Role, loop.Level, zone.Id, windows,
            loop.Slots.Select(Slot).ToList(), now, Actor);
    }

    public static LoopSlot Slot(PlannedSlot slot) =>
        new(slot.SlotId, slot.Order, slot.InterviewType, slot.DurationMinutes,
            slot.Competencies.Select(c => new SlotCompetency(c.Competency, c.Weight)).ToList());

    public static SlotToFill ToFill(LoopSlot slot) => new(slot.SlotId, slot.Order, slot.InterviewType, slot.DurationMinutes);

    /// <summary>
    /// The candidate's windows from now on: nothing is booked in the past (except a first booking in
    /// Development with <see cref="SchedulingOptions.BookPastWindows"/>, which passes <see cref="DateTimeOffset.MinValue"/>).
    /// </summary>
    public static IReadOnlyList<TimeRange> Open(IReadOnlyList<CandidateWindow> windows, DateTimeOffset now) =>
        windows.Where(w => w.EndsAt > now)
            .Select(w => new TimeRange(w.StartsAt > now ? w.StartsAt : now, w.EndsAt))
            .ToList();

    /// <summary>
    /// The events of a scheduling outcome: each slot booked (with its interviewer's and trainee's
    /// reservations), or the failure naming each slot's unmet constraint and nothing booked.
    /// </summary>
    public static (List<object> Loop, List<(Guid InterviewerId, object Event)> Interviewers) Decide(
        LoopScheduleRequested loop, IReadOnlyList<LoopSlot> slots, AssignmentResult result, DateTimeOffset now, string actor)
    {
        var loopEvents = new List<object>();
        var interviewerEvents = new List<(Guid, object)>();
        switch (result)
        {
            case AssignmentResult.Scheduled scheduled:
                foreach (var a in scheduled.Assignments)
                {
                    var slot = slots.Single(s => s.SlotId == a.SlotId);
                    var interviewId = Guid.CreateVersion7();
                    var trainee = Booking.Trainee(a.Trainee, slot.InterviewType);
                    loopEvents.Add(new InterviewBooked(loop.LoopId, loop.CandidateId, interviewId, slot.SlotId, slot.InterviewType,
                        a.Interviewer.Id, a.Interviewer.Name, a.StartsAt, a.EndsAt, slot.Competencies, now, actor, trainee));
                    interviewerEvents.Add((a.Interviewer.Id, new InterviewerReserved(a.Interviewer.Id, interviewId, loop.LoopId,
                        loop.CandidateId, slot.InterviewType, Parts.Interviewer, a.StartsAt, a.EndsAt, now, actor)));
                    if (trainee is not null)
                    {
                        interviewerEvents.Add((trainee.InterviewerId, new InterviewerReserved(trainee.InterviewerId, interviewId,
                            loop.LoopId, loop.CandidateId, slot.InterviewType, Parts.Trainee(trainee.Stage), a.StartsAt, a.EndsAt,
                            now, actor)));
                    }
                }
                break;
            case AssignmentResult.Failed failed:
                loopEvents.Add(new LoopSchedulingFailed(loop.LoopId, loop.CandidateId, failed.Slots.Select(Booking.Failure).ToList(),
                    now, actor));
                break;
        }
        return (loopEvents, interviewerEvents);
    }
}
