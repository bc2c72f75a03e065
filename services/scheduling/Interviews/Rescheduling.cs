namespace HiringPlatform.Scheduling.Interviews;

using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews.Assignment;
using Marten;

/// <summary>An interview to place again, and what its new place must avoid.</summary>
public sealed record MoveRequest(ScheduledInterview Interview, IReadOnlySet<Guid> ExcludedInterviewers, IReadOnlyList<TimeRange> ExcludedTimes);

/// <summary>What happened to each interview asked to move: moved (with its new place) or released (with why).</summary>
public sealed record MoveOutcome(Guid InterviewId, string Status, ScheduledInterview? Interview, string? Reason);

/// <summary>
/// Changes to booked loops: moving interviews (cancellations, an interviewer no longer free),
/// releasing them (loop cancelled, slot removed), and scheduling slots added by a revision. Each
/// appends to the loop's stream (at the version read) and to every interviewer's stream it touches.
/// </summary>
public static class Rescheduling
{
    public static async Task<IReadOnlyList<MoveOutcome>> MoveAsync(IDocumentSession session, Booking booking, LoopSchedule loop,
        IReadOnlyList<MoveRequest> moves, string reason, string actor, CancellationToken token)
    {
        var now = booking.Now;
        var ignoring = moves.Select(m => m.Interview.Id).ToHashSet();
        var pool = await booking.LoadPoolAsync(session, ignoring, token);
        var staying = loop.Interviews.Where(i => !ignoring.Contains(i.Id))
            .Select(i => new FixedInterview(i.SlotId, i.InterviewerId, i.Trainee?.InterviewerId, new TimeRange(i.StartsAt, i.EndsAt)))
            .ToList();
        var slots = moves.Select(m =>
        {
            var order = loop.Slots.FirstOrDefault(s => s.SlotId == m.Interview.SlotId)?.Order ?? 0;
            return new SlotToFill(m.Interview.SlotId, order, m.Interview.InterviewType,
                (int)(m.Interview.EndsAt - m.Interview.StartsAt).TotalMinutes, m.ExcludedInterviewers, m.ExcludedTimes);
        }).ToList();
        var result = PanelAssigner.Assign(
            new LoopToSchedule(loop.Role, slots, LoopPlannedConsumer.Open(loop.Availability, now), staying),
            pool.Members, booking.Options);

        var loopEvents = new List<object>();
        var interviewerEvents = new List<(Guid, object)>();
        var outcomes = new List<MoveOutcome>();
        foreach (var move in moves)
        {
            var old = move.Interview;
            interviewerEvents.AddRange(Release(old, reason, now, actor));
            if (result is AssignmentResult.Scheduled scheduled)
            {
                var a = scheduled.Assignments.Single(x => x.SlotId == old.SlotId);
                var trainee = Booking.Trainee(a.Trainee, old.InterviewType);
                loopEvents.Add(new InterviewMoved(loop.Id, loop.CandidateId, old.Id, a.Interviewer.Id, a.Interviewer.Name,
                    a.StartsAt, a.EndsAt, trainee, reason, now, actor));
                interviewerEvents.Add((a.Interviewer.Id, new InterviewerReserved(a.Interviewer.Id, old.Id, loop.Id, loop.CandidateId,
                    old.InterviewType, Parts.Interviewer, a.StartsAt, a.EndsAt, now, actor)));
                if (trainee is not null)
                {
                    interviewerEvents.Add((trainee.InterviewerId, new InterviewerReserved(trainee.InterviewerId, old.Id, loop.Id,
                        loop.CandidateId, old.InterviewType, Parts.Trainee(trainee.Stage), a.StartsAt, a.EndsAt, now, actor)));
                }
                outcomes.Add(new MoveOutcome(old.Id, "rescheduled", old with
                {
                    InterviewerId = a.Interviewer.Id,
                    InterviewerName = a.Interviewer.Name,
                    StartsAt = a.StartsAt,
                    EndsAt = a.EndsAt,
                    Trainee = trainee,
                }, reason));
            }
            else
            {
                var failure = ((AssignmentResult.Failed)result).Slots.FirstOrDefault(f => f.SlotId == old.SlotId)?.Reason
                    ?? "another interview of the loop could not be placed";
                var why = $"{reason}; no replacement: {failure}";
                loopEvents.Add(new InterviewReleased(loop.Id, loop.CandidateId, old.Id, why, now, actor));
                outcomes.Add(new MoveOutcome(old.Id, "cancelled", null, why));
            }
        }
        session.Events.Append(loop.Id, loop.Version + loopEvents.Count, loopEvents.ToArray());
        Booking.AppendToInterviewers(session, pool, interviewerEvents);
        await session.SaveChangesAsync(token);
        return outcomes;
    }

    /// <summary>
    /// Releases interviews of one or more loops (and, when <paramref name="cancelLoop"/>, the loops
    /// themselves) in one transaction with whatever the session already holds.
    /// </summary>
    public static async Task ReleaseAsync(IDocumentSession session, IReadOnlyList<(LoopSchedule Loop, IReadOnlyList<ScheduledInterview> Interviews)> loops,
        string reason, bool cancelLoop, DateTimeOffset now, string actor, CancellationToken token)
    {
        var interviewerEvents = new List<(Guid, object)>();
        foreach (var (loop, interviews) in loops)
        {
            var loopEvents = new List<object>();
            foreach (var interview in interviews)
            {
                loopEvents.Add(new InterviewReleased(loop.Id, loop.CandidateId, interview.Id, reason, now, actor));
                interviewerEvents.AddRange(Release(interview, reason, now, actor));
            }
            if (cancelLoop)
            {
                loopEvents.Add(new LoopScheduleCancelled(loop.Id, loop.CandidateId, reason, now, actor));
            }
            if (loopEvents.Count > 0)
            {
                session.Events.Append(loop.Id, loop.Version + loopEvents.Count, loopEvents.ToArray());
            }
        }
        var ids = interviewerEvents.Select(e => e.Item1).Distinct().ToList();
        var details = ids.Count == 0 ? [] : await session.LoadManyAsync<InterviewerDetails>(token, ids);
        Booking.AppendToInterviewers(session, new PoolSnapshot([], details.ToDictionary(d => d.Id)), interviewerEvents);
        await session.SaveChangesAsync(token);
    }

    public static IEnumerable<(Guid, object)> Release(ScheduledInterview interview, string reason, DateTimeOffset now, string actor)
    {
        yield return (interview.InterviewerId, new InterviewerReservationReleased(interview.InterviewerId, interview.Id, reason, now, actor));
        if (interview.Trainee is { } trainee)
        {
            yield return (trainee.InterviewerId, new InterviewerReservationReleased(trainee.InterviewerId, interview.Id, reason, now, actor));
        }
    }
}
