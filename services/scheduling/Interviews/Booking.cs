namespace HiringPlatform.Scheduling.Interviews;

using HiringPlatform.Scheduling.Interviewers;
using System.Diagnostics.Metrics;
using HiringPlatform.Scheduling.Interviews.Assignment;
using HiringPlatform.ServiceDefaults.Telemetry;
using Marten;
using Microsoft.Extensions.Options;

/// <summary>The interviewer pool as read in one query: the scheduler's members and the versions bookings append against.</summary>
public sealed record PoolSnapshot(IReadOnlyList<PoolMember> Members, IReadOnlyDictionary<Guid, InterviewerDetails> Details);

/// <summary>
/// The shell around the scheduler: reads the pool, turns assignments into events on the loop's
/// stream and on every interviewer's stream, and retries the whole attempt when another booking
/// of the same interviewer committed first.
/// <para>
/// No double booking: each interviewer's reservation is appended with the stream version the
/// pool was read at. Two loops (on any number of instances) that pick the same interviewer
/// cannot both commit; the loser re-reads the pool, now with the winner's interview in it, and
/// schedules again. The interviewer's busy time and weekly load come only from that stream.
/// </para>
/// <para>
/// Within one process the attempts take turns (<see cref="OneBookingAtATime"/>): consumers running
/// side by side would otherwise read the same pool, pick the same interviewers and all but one
/// collide, each collision costing a rolled-back transaction and a gap in the event sequence that
/// the outbox waits out. Across processes the optimistic check above still decides.
/// </para>
/// </summary>
public sealed class Booking(ISessionFactory sessions, TimeProvider clock, IOptions<SchedulingOptions> options,
    OneBookingAtATime turns, KnownInterviewers interviewers)
{
    public const int MaxAttempts = 25;

    public const string MeterName = TelemetryExtensions.PlatformSource;

    public const string AttemptsInstrument = "hiring.scheduling.booking.attempts";

    /// <summary>Every attempt at a booking transaction, by outcome: completed, collision (retried), failed.</summary>
    private static readonly Counter<long> Attempts = TelemetryExtensions.Meter.CreateCounter<long>(AttemptsInstrument,
        unit: "{attempt}", description: "Booking transactions attempted by scheduling, by outcome (completed, collision, failed).");

    public SchedulingOptions Options => options.Value;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// Runs <paramref name="attempt"/> in a fresh session until it commits without a concurrency collision. Bookings take
    /// the process's booking turn; writes that read no pool (held interviews) pass <paramref name="takeTurn"/> false and
    /// rely on the optimistic check alone, so they do not queue behind the bookings.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<IDocumentSession, Task<T>> attempt, CancellationToken token, bool takeTurn = true)
    {
        for (var round = 1; ; round++)
        {
            if (takeTurn)
            {
                await turns.WaitAsync(token);
            }
            try
            {
                await using var session = sessions.OpenSession();
                var result = await attempt(session);
                Count("completed");
                return result;
            }
            catch (Exception exception) when (round < MaxAttempts && ServiceDefaults.EventStore.Collisions.IsCollision(exception))
            {
                Count("collision");
            }
            catch
            {
                Count("failed");
                throw;
            }
            finally
            {
                if (takeTurn)
                {
                    turns.Release();
                }
            }
            // Jitter so that colliding schedulers (in other processes) do not collide again in lockstep.
            await Task.Delay(Random.Shared.Next(5, 20 + 10 * round), token);
        }
    }

    /// <summary>A session for an attempt prepared now and committed later (<see cref="CommitAsync"/>), outside <see cref="RunAsync{T}"/>.</summary>
    public IDocumentSession OpenSession() => sessions.OpenSession();

    /// <summary>Commits an attempt prepared in <see cref="OpenSession"/>, counted as <see cref="RunAsync{T}"/> counts its attempts.</summary>
    public static async Task CommitAsync(IDocumentSession session, CancellationToken token)
    {
        try
        {
            await session.SaveChangesAsync(token);
            Count("completed");
        }
        catch (Exception exception)
        {
            Count(ServiceDefaults.EventStore.Collisions.IsCollision(exception) ? "collision" : "failed");
            throw;
        }
    }

    private static void Count(string outcome) => Attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>The pool, ignoring the given interviews (those being moved) in busy time and load.</summary>
    public async Task<PoolSnapshot> LoadPoolAsync(IQuerySession session, IReadOnlySet<Guid> ignoring, CancellationToken token)
    {
        var details = await interviewers.CurrentAsync(session, token);
        var calibrations = (await session.Query<InterviewerCalibration>().ToListAsync(token)).ToDictionary(c => c.Id);
        var members = details
            .Select(d => Member(d, calibrations.GetValueOrDefault(d.Id), options.Value.Weights.SeverityThreshold, ignoring))
            .ToList();
        return new PoolSnapshot(members, details.ToDictionary(d => d.Id));
    }

    public static PoolMember Member(InterviewerDetails details, InterviewerCalibration? calibration, double threshold,
        IReadOnlySet<Guid>? ignoring = null)
    {
        var zone = SchedulingVocabulary.Zone(details.TimeZone) ?? TimeZoneInfo.Utc;
        var reservations = details.Reservations.Where(r => ignoring is null || !ignoring.Contains(r.InterviewId)).ToList();
        var load = reservations
            .GroupBy(r => WorkingHours.MondayOf(TimeZoneInfo.ConvertTime(r.StartsAt, zone).DateTime))
            .ToDictionary(g => g.Key, g => g.Count());
        var busy = details.BusyBlocks.Select(b => new TimeRange(b.StartsAt, b.EndsAt))
            .Concat(reservations.Select(r => new TimeRange(r.StartsAt, r.EndsAt)));
        return new PoolMember(details.Id, details.Name, details.Team, details.Seniority,
            details.Qualifications.GroupBy(q => q.InterviewType).ToDictionary(g => g.Key, g => g.Last().Stage),
            details.HiringManagerFor, details.WeeklyCap, zone, details.WorkingHours, busy, load,
            calibration?.ForPanel(threshold));
    }

    /// <summary>
    /// Appends each interviewer's events with the version their details were read at (plus the
    /// events appended): the optimistic check that makes double booking impossible.
    /// </summary>
    /// <returns>Each interviewer's stream version once these events are committed.</returns>
    public static IReadOnlyDictionary<Guid, int> AppendToInterviewers(IDocumentSession session, PoolSnapshot pool,
        IEnumerable<(Guid InterviewerId, object Event)> events)
    {
        var versions = new Dictionary<Guid, int>();
        foreach (var group in events.GroupBy(e => e.InterviewerId))
        {
            var list = group.Select(e => e.Event).ToArray();
            var version = pool.Details.TryGetValue(group.Key, out var details) ? details.Version : 0;
            session.Events.Append(group.Key, version + list.Length, list);
            versions[group.Key] = version + list.Length;
        }
        return versions;
    }

    public static IReadOnlyList<TimeRange> Windows(IReadOnlyList<CandidateWindow> availability) =>
        availability.Select(a => new TimeRange(a.StartsAt, a.EndsAt)).ToList();

    public static InterviewTrainee? Trainee(PoolMember? trainee, string type) =>
        trainee is null ? null : new InterviewTrainee(trainee.Id, trainee.Name, trainee.Stages[type]);

    public static SlotFailure Failure(Assignment.SlotFailure failure) =>
        new(failure.SlotId, failure.InterviewType, failure.Reason, Constraints.Name(failure.Constraint));
}

/// <summary>The turn one process's booking attempts take, one at a time (a singleton per host).</summary>
public sealed class OneBookingAtATime() : SemaphoreSlim(1, 1);

public static class Constraints
{
    public static string Name(Constraint constraint) => constraint switch
    {
        Constraint.UnknownInterviewType => "unknown-interview-type",
        Constraint.Qualified => "qualified",
        Constraint.StaffOrAbove => "staff-or-above",
        Constraint.HiringManager => "hiring-manager",
        Constraint.WeeklyCap => "weekly-cap",
        Constraint.Availability => "availability",
        Constraint.OncePerLoop => "once-per-loop",
        _ => "no-overlap",
    };
}
