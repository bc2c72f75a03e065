namespace HiringPlatform.Scheduling.Interviews;

using System.Diagnostics;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Scheduling.Interviews.Assignment;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using Marten;
using Microsoft.Extensions.Options;

/// <summary>What became of one planned loop: booked (or not) with this outcome, or already handled (a repeat).</summary>
public sealed record LoopBookingOutcome(AssignmentResult? Result);

/// <summary>
/// Group commit of planned loops. Consumers hand their <see cref="LoopPlanned"/> here; one booking turn takes every loop
/// waiting (up to <see cref="SchedulingOptions.GroupCommitLimit"/>), reads the pool once, schedules them one after the
/// other exactly as the scheduler would (each booking added to its interviewers' busy time and weekly load before the
/// next loop), and commits them all in one transaction. The no-double-booking check is unchanged: every interviewer's
/// events are appended at the version the pool was read at, so a booking committed meanwhile by another process makes
/// the whole group retry on a fresh pool. When a group fails for any other reason, each of its loops is booked on its
/// own, so only the loop at fault fails (and its message goes to the retry and error queues as before).
/// </summary>
public sealed class LoopBookings : IAsyncDisposable
{
    private readonly GroupCommit<(LoopPlanned Loop, ActivityContext Trace), LoopBookingOutcome> groups;

    public LoopBookings(IServiceScopeFactory scopes, IOptions<SchedulingOptions> options)
    {
        groups = new(async loops =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var booking = scope.ServiceProvider.GetRequiredService<Booking>();
            return await booking.RunAsync(session => ScheduleAsync(session, booking, loops, CancellationToken.None), CancellationToken.None);
        }, options.Value.GroupCommitLimit);
    }

    /// <summary>Books the loop with whatever other loops are waiting; completes when their transaction has committed.</summary>
    public Task<LoopBookingOutcome> BookAsync(LoopPlanned loop, CancellationToken token) =>
        groups.CommitAsync((loop, Activity.Current?.Context ?? default), token);

    /// <summary>
    /// Schedules the loops in order on one session and commits them together; a repeat is answered as handled. Each loop's
    /// events carry the trace of the consumer that handed it in (Marten would give every event the session's), so the
    /// outbox publishes each loop's InterviewScheduled in that loop's own trace.
    /// </summary>
    public static async Task<IReadOnlyList<LoopBookingOutcome>> ScheduleAsync(IDocumentSession session, Booking booking,
        IReadOnlyList<(LoopPlanned Loop, ActivityContext Trace)> loops, CancellationToken token)
    {
        var outcomes = new LoopBookingOutcome[loops.Count];
        var seenEvents = new HashSet<Guid>();
        var seenLoops = new HashSet<Guid>();
        // Repeats are found for the whole group in two queries: events handled before, and loops already scheduled.
        var first = await session.FirstDeliveriesAsync(loops.Select(l => l.Loop.EventId), nameof(LoopPlannedConsumer),
            TimeProvider.System, token);
        var scheduledBefore = (await session.LoadManyAsync<LoopSchedule>(token, loops.Select(l => l.Loop.LoopId).Distinct()))
            .Select(s => s.Id).ToHashSet();
        var read = await booking.LoadPoolAsync(session, new HashSet<Guid>(), token);
        var members = read.Members.ToList();
        var interviewerEvents = new List<(Guid InterviewerId, object Event)>();
        for (var i = 0; i < loops.Count; i++)
        {
            var (loop, trace) = loops[i];
            if (!seenEvents.Add(loop.EventId) || !first.Contains(loop.EventId))
            {
                outcomes[i] = new LoopBookingOutcome(null);
                continue;
            }
            if (!seenLoops.Add(loop.LoopId) || scheduledBefore.Contains(loop.LoopId))
            {
                // The same loop planned again under another event id: it is already scheduled.
                outcomes[i] = new LoopBookingOutcome(null);
                continue;
            }
            var requested = LoopPlannedConsumer.Requested(loop, booking.Options, booking.Now);
            var result = PanelAssigner.Assign(
                new LoopToSchedule(loop.Role, requested.Slots.Select(LoopPlannedConsumer.ToFill).ToList(),
                    LoopPlannedConsumer.Open(requested.Availability, booking.Options.BookPastWindows ? DateTimeOffset.MinValue : booking.Now)),
                members, booking.Options);
            var (loopEvents, bookedFor) = LoopPlannedConsumer.Decide(requested, requested.Slots, result, booking.Now, LoopPlannedConsumer.Actor);
            var stream = session.Events.StartStream<LoopSchedule>(loop.LoopId, [requested, .. loopEvents]);
            GroupTrace.Stamp(stream.Events, trace);
            interviewerEvents.AddRange(bookedFor);
            if (result is AssignmentResult.Scheduled scheduled)
            {
                members = WithBookings(members, scheduled.Assignments);
            }
            outcomes[i] = new LoopBookingOutcome(result);
        }
        Booking.AppendToInterviewers(session, read, interviewerEvents);
        await session.SaveChangesAsync(token);
        return outcomes;
    }

    /// <summary>The pool after these assignments: each interviewer and trainee busy for the interview, one more in that week's load.</summary>
    public static List<PoolMember> WithBookings(IReadOnlyList<PoolMember> members, IEnumerable<Assignment.Assignment> assignments)
    {
        var booked = assignments
            .SelectMany(a => new[] { a.Interviewer, a.Trainee }.OfType<PoolMember>().Select(person => (person.Id, a.Time)))
            .GroupBy(b => b.Id)
            .ToDictionary(g => g.Key, g => g.Select(b => b.Time).ToList());
        return members.Select(m => booked.TryGetValue(m.Id, out var times) ? Busier(m, times) : m).ToList();
    }

    private static PoolMember Busier(PoolMember m, IReadOnlyList<TimeRange> times)
    {
        var load = new Dictionary<DateOnly, int>(m.LoadByWeek);
        foreach (var time in times)
        {
            var week = m.WeekOf(time.Start);
            load[week] = load.GetValueOrDefault(week) + 1;
        }
        return new PoolMember(m.Id, m.Name, m.Team, m.Seniority, m.Stages, m.HiringManagerFor, m.WeeklyCap, m.Zone, m.Hours,
            m.Busy.Concat(times), load, m.Calibration);
    }

    public ValueTask DisposeAsync() => groups.DisposeAsync();
}
