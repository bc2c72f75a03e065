namespace HiringPlatform.Scheduling.Interviews;

using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Scheduling.Interviews.Assignment;
using HiringPlatform.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

/// <summary>
/// LoopRevised in: interviews of removed slots are released (InterviewCancelled), added slots are
/// scheduled around the interviews that stay (InterviewScheduled), or fail as a whole (SchedulingFailed).
/// </summary>
public sealed class LoopRevisedConsumer(Booking booking) : IConsumer<LoopRevised>
{
    public async Task Consume(ConsumeContext<LoopRevised> context)
    {
        var revised = context.Message;
        var token = context.CancellationToken;
        AssignmentResult? outcome = null;
        var committed = await booking.RunAsync(async session =>
        {
            outcome = null;
            if (!await session.FirstDeliveryAsync(revised.EventId, nameof(LoopRevisedConsumer), TimeProvider.System, token))
            {
                return false;
            }
            var loop = await session.LoadAsync<LoopSchedule>(revised.LoopId, token);
            if (loop is null || loop.Status == LoopStatus.Cancelled)
            {
                // Not scheduled here (or cancelled): nothing to revise.
                await session.SaveChangesAsync(token);
                return false;
            }
            var now = booking.Now;
            var actor = LoopPlannedConsumer.Actor;
            var slots = revised.Slots.Select(LoopPlannedConsumer.Slot).ToList();
            var (removed, kept, added) = LoopRevisionDiff.Of(loop.Interviews, slots, revised.RemovedSlotIds);
            var reason = $"loop revised ({revised.Change}): {revised.Reason}";

            var loopEvents = new List<object> { new LoopSlotsRevised(loop.Id, slots, reason, now, actor) };
            var interviewerEvents = new List<(Guid, object)>();
            foreach (var interview in removed)
            {
                loopEvents.Add(new InterviewReleased(loop.Id, loop.CandidateId, interview.Id, reason, now, actor));
                interviewerEvents.AddRange(Rescheduling.Release(interview, reason, now, actor));
            }
            var pool = await booking.LoadPoolAsync(session, removed.Select(i => i.Id).ToHashSet(), token);
            if (added.Count > 0)
            {
                var staying = kept.Select(i => new FixedInterview(i.SlotId, i.InterviewerId, i.Trainee?.InterviewerId,
                    new TimeRange(i.StartsAt, i.EndsAt))).ToList();
                var result = PanelAssigner.Assign(
                    new LoopToSchedule(loop.Role, added.Select(LoopPlannedConsumer.ToFill).ToList(),
                        LoopPlannedConsumer.Open(loop.Availability, now), staying),
                    pool.Members, booking.Options);
                outcome = result;
                var requested = new LoopScheduleRequested(loop.Id, loop.CandidateId, loop.Role, loop.Level, loop.TimeZone,
                    loop.Availability, slots, now, actor);
                var (booked, reserved) = LoopPlannedConsumer.Decide(requested, added, result, now, actor);
                loopEvents.AddRange(booked);
                interviewerEvents.AddRange(reserved);
            }
            session.Events.Append(loop.Id, loop.Version + loopEvents.Count, loopEvents.ToArray());
            Booking.AppendToInterviewers(session, pool, interviewerEvents);
            await session.SaveChangesAsync(token);
            return true;
        }, token);
        if (committed && outcome is AssignmentResult.Failed failed)
        {
            LoopPlannedConsumer.CountFailures(failed);
        }
    }
}

/// <summary>LoopCancelled in: every interview of the loop is released (InterviewCancelled) and the loop closed.</summary>
public sealed class LoopCancelledConsumer(Booking booking) : IConsumer<LoopCancelled>
{
    public async Task Consume(ConsumeContext<LoopCancelled> context)
    {
        var cancelled = context.Message;
        var token = context.CancellationToken;
        await booking.RunAsync(async session =>
        {
            if (!await session.FirstDeliveryAsync(cancelled.EventId, nameof(LoopCancelledConsumer), TimeProvider.System, token))
            {
                return false;
            }
            var loop = await session.LoadAsync<LoopSchedule>(cancelled.LoopId, token);
            if (loop is null || loop.Status == LoopStatus.Cancelled)
            {
                await session.SaveChangesAsync(token);
                return false;
            }
            await Rescheduling.ReleaseAsync(session, [(loop, loop.Interviews.Where(i => !i.Held).ToList())],
                $"loop cancelled: {cancelled.Reason}", cancelLoop: true, booking.Now, LoopPlannedConsumer.Actor, token);
            return true;
        }, token);
    }
}

/// <summary>ApplicationWithdrawn in: every loop of the candidate is cancelled and its interviews released.</summary>
public sealed class ApplicationWithdrawnConsumer(Booking booking) : IConsumer<ApplicationWithdrawn>
{
    public async Task Consume(ConsumeContext<ApplicationWithdrawn> context)
    {
        var withdrawn = context.Message;
        var token = context.CancellationToken;
        await booking.RunAsync(async session =>
        {
            if (!await session.FirstDeliveryAsync(withdrawn.EventId, nameof(ApplicationWithdrawnConsumer), TimeProvider.System, token))
            {
                return false;
            }
            var loops = await session.Query<LoopSchedule>()
                .Where(l => l.CandidateId == withdrawn.CandidateId && l.Status != LoopStatus.Cancelled)
                .ToListAsync(token);
            if (loops.Count == 0)
            {
                await session.SaveChangesAsync(token);
                return false;
            }
            // One transaction: the handled mark and every loop's release commit together.
            await Rescheduling.ReleaseAsync(session,
                loops.Select(l => (l, (IReadOnlyList<ScheduledInterview>)l.Interviews.Where(i => !i.Held).ToList())).ToList(),
                $"application withdrawn: {withdrawn.Reason}", cancelLoop: true, booking.Now, LoopPlannedConsumer.Actor, token);
            return true;
        }, token);
    }
}
