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
/// What the next group of loops may take for granted once the group committing now has committed: the pool as that group
/// leaves it (its bookings in every interviewer's busy time and load, and each interviewer's stream at the version its
/// events bring it to), and the deliveries and loops it handled, which the database does not show yet.
/// </summary>
public sealed record PoolAhead(PoolSnapshot Pool, IReadOnlySet<Guid> Events, IReadOnlySet<Guid> Loops);

/// <summary>
/// Group commit of planned loops. Consumers hand their <see cref="LoopPlanned"/> here; one booking turn takes every loop
/// waiting (up to <see cref="SchedulingOptions.GroupCommitLimit"/>), reads the pool once, schedules them one after the
/// other exactly as the scheduler would (each booking added to its interviewers' busy time and weekly load before the
/// next loop), and commits them all in one transaction.
/// <para>
/// While a group commits, the next one is scheduled on the pool as the first leaves it (<see cref="PoolAhead"/>), so the
/// scheduler's CPU work and the database's commit overlap (<see cref="PipelinedGroupCommit{TItem, TAhead, TOutcome}"/>);
/// the second commits only after the first has, and is scheduled again from a fresh read if the first did not commit.
/// The no-double-booking check is unchanged: every interviewer's events are appended at the version of their stream the
/// loops were scheduled on (read, or read plus the events of the group before), so a booking committed meanwhile by
/// anyone else makes the group retry on a fresh pool. At most <see cref="SchedulingOptions.BookingChainLimit"/> groups
/// follow one read; then the turn is let go (other bookings in this process get in) and the pool is read again. When a
/// group fails for any other reason, each of its loops is booked on its own, so only the loop at fault fails (and its
/// message goes to the retry and error queues as before).
/// </para>
/// </summary>
public sealed class LoopBookings : IAsyncDisposable
{
    private readonly PipelinedGroupCommit<(LoopPlanned Loop, ActivityContext Trace), PoolAhead, LoopBookingOutcome> groups;

    public LoopBookings(IServiceScopeFactory scopes, IOptions<SchedulingOptions> options, OneBookingAtATime turn)
    {
        groups = new(
            async (loops, ahead) =>
            {
                var scope = scopes.CreateAsyncScope();
                var booking = scope.ServiceProvider.GetRequiredService<Booking>();
                var session = booking.OpenSession();
                try
                {
                    var (outcomes, after) = await PlanAsync(session, booking, loops, ahead, CancellationToken.None);
                    return new PreparedGroup<PoolAhead, LoopBookingOutcome>(outcomes, after,
                        () => Booking.CommitAsync(session, CancellationToken.None), new Lease(session, scope));
                }
                catch
                {
                    await new Lease(session, scope).DisposeAsync();
                    throw;
                }
            },
            async loops =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var booking = scope.ServiceProvider.GetRequiredService<Booking>();
                // The pipeline holds the booking turn for its chain.
                return await booking.RunAsync(session => ScheduleAsync(session, booking, loops, CancellationToken.None),
                    CancellationToken.None, takeTurn: false);
            },
            options.Value.GroupCommitLimit, options.Value.BookingChainLimit, turn);
    }

    /// <summary>Books the loop with whatever other loops are waiting; completes when their transaction has committed.</summary>
    public Task<LoopBookingOutcome> BookAsync(LoopPlanned loop, CancellationToken token) =>
        groups.CommitAsync((loop, Activity.Current?.Context ?? default), token);

    /// <summary>Schedules the loops in order on a fresh read of the pool and commits them together (see <see cref="PlanAsync"/>).</summary>
    public static async Task<IReadOnlyList<LoopBookingOutcome>> ScheduleAsync(IDocumentSession session, Booking booking,
        IReadOnlyList<(LoopPlanned Loop, ActivityContext Trace)> loops, CancellationToken token)
    {
        var (outcomes, _) = await PlanAsync(session, booking, loops, null, token);
        await session.SaveChangesAsync(token);
        return outcomes;
    }

    /// <summary>
    /// Schedules the loops in order on one session, ready to commit together; a repeat is answered as handled. The pool is
    /// read afresh, or taken as <paramref name="ahead"/> leaves it when the group before is still committing. Each loop's
    /// events carry the trace of the consumer that handed it in (Marten would give every event the session's), so the
    /// outbox publishes each loop's InterviewScheduled in that loop's own trace.
    /// </summary>
    public static async Task<(IReadOnlyList<LoopBookingOutcome> Outcomes, PoolAhead After)> PlanAsync(IDocumentSession session,
        Booking booking, IReadOnlyList<(LoopPlanned Loop, ActivityContext Trace)> loops, PoolAhead? ahead, CancellationToken token)
    {
        var outcomes = new LoopBookingOutcome[loops.Count];
        var seenEvents = new HashSet<Guid>();
        var seenLoops = new HashSet<Guid>();
        var handledAhead = ahead?.Events ?? new HashSet<Guid>();
        var scheduledAhead = ahead?.Loops ?? new HashSet<Guid>();
        // Repeats are found for the whole group in two queries: events handled before, and loops already scheduled.
        var first = await session.FirstDeliveriesAsync(loops.Select(l => l.Loop.EventId).Where(id => !handledAhead.Contains(id)),
            nameof(LoopPlannedConsumer), TimeProvider.System, token);
        var scheduledBefore = (await session.LoadManyAsync<LoopSchedule>(token, loops.Select(l => l.Loop.LoopId).Distinct()))
            .Select(s => s.Id).ToHashSet();
        var read = ahead?.Pool ?? await booking.LoadPoolAsync(session, new HashSet<Guid>(), token);
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
            if (!seenLoops.Add(loop.LoopId) || scheduledBefore.Contains(loop.LoopId) || scheduledAhead.Contains(loop.LoopId))
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
        var versions = Booking.AppendToInterviewers(session, read, interviewerEvents);
        var after = new PoolSnapshot(members, read.Details.ToDictionary(d => d.Key,
            d => versions.TryGetValue(d.Key, out var version) ? d.Value with { Version = version } : d.Value));
        return (outcomes, new PoolAhead(after, seenEvents, seenLoops));
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

    /// <summary>A prepared group's session and the scope its booking came from, let go once the group has landed.</summary>
    private sealed class Lease(IDocumentSession session, AsyncServiceScope scope) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await session.DisposeAsync();
            await scope.DisposeAsync();
        }
    }
}
