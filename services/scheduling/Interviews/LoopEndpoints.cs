namespace HiringPlatform.Scheduling.Interviews;

using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews.Assignment;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;
using Microsoft.Extensions.Options;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>The body of .../reschedule: who cancelled (candidate or interviewer) and why.</summary>
public sealed record RescheduleInterview([property: ClosedSet(typeof(Cancellers))] string? RequestedBy, string? Reason);

/// <summary>Who cancelled an interview that is to be rescheduled: the candidate keeps the interviewer if they can.</summary>
public static class Cancellers
{
    public const string Candidate = "candidate";
    public const string Interviewer = "interviewer";

    public static readonly IReadOnlyList<string> All = [Candidate, Interviewer];
}

/// <summary>A loop's schedule as GET /api/v1/loops/{loopId}/schedule shows it.</summary>
public sealed record LoopScheduleView(Guid LoopId, Guid CandidateId, string Status, string TimeZone, IReadOnlyList<ScheduledInterview> Interviews,
    IReadOnlyList<SlotFailure> Failures);

/// <summary>The body of .../cancel.</summary>
public sealed record CancelInterview(string? Reason);

public static class LoopEndpoints
{
    public static IEndpointRouteBuilder MapLoopScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        var loops = app.MapGroup("/api/v1/loops").WithTags("Schedules")
            .WithRoles(RoutePolicies.PipelineRead, RoutePolicies.HrWrite);
        loops.MapGet("/{loopId:guid}/schedule", async (Guid loopId, IQuerySession session, HttpContext http, CancellationToken token) =>
            {
                if (await session.LoadAsync<LoopSchedule>(loopId, token) is not { } loop)
                {
                    return Problem.NotFound("Loop schedule", loopId);
                }
                // The tag a reschedule, cancel or held of one of its interviews may send as If-Match.
                EntityTags.Set(http, loop.Version);
                return Results.Ok(new LoopScheduleView(loopId, loop.CandidateId, loop.Status, loop.TimeZone, loop.Interviews, loop.Failures));
            })
            .WithName("GetLoopSchedule").Produces<LoopScheduleView>()
            .WithSummary("The loop's interviews; its ETag is the If-Match of reschedule, cancel and held.");
        loops.MapPost("/{loopId:guid}/interviews/{interviewId:guid}/reschedule", Reschedule).WithName("RescheduleInterview").Produces<MoveOutcome>().WithIfMatch()
            .WithSummary("Move an interview: the candidate cancelled (same interviewer, another time) or the interviewer did (someone else).")
            .WithExample(request: new RescheduleInterview("interviewer", "Out sick"));
        loops.MapPost("/{loopId:guid}/interviews/{interviewId:guid}/cancel", Cancel).WithName("CancelInterview").Produces<MoveOutcome>().WithIfMatch()
            .WithSummary("Cancel one interview of the loop and release its interviewer's time.")
            .WithExample(request: new CancelInterview("The panel already has enough signal"));
        loops.MapPost("/{loopId:guid}/interviews/{interviewId:guid}/held", Held).WithName("RecordInterviewHeld").Produces<ScheduledInterview>().WithIfMatch()
            .WithSummary("The interview took place; a trainee's session counts toward their next stage.");
        return app;
    }

    /// <summary>One interview of a loop, with the loop whose version is its ETag.</summary>
    private sealed record LoopInterview(LoopSchedule Loop, ScheduledInterview Interview);

    /// <summary>The loop's interview, or null when the loop or the interview does not exist.</summary>
    private static async Task<LoopInterview?> FindAsync(IQuerySession session, Guid loopId, Guid interviewId, CancellationToken token)
    {
        var loop = await session.LoadAsync<LoopSchedule>(loopId, token);
        return loop?.Interviews.FirstOrDefault(i => i.Id == interviewId) is { } interview ? new LoopInterview(loop, interview) : null;
    }

    /// <summary>An interview that took place can be neither moved nor cancelled.</summary>
    private static string? AlreadyHeld(LoopInterview found) => found.Interview.Held ? "The interview already took place." : null;

    /// <summary>
    /// A candidate's cancellation keeps the interviewer if they are free at another time (the old
    /// time is avoided); an interviewer's finds someone else. Nobody able to take it: released.
    /// </summary>
    public static async Task<IResult> Reschedule(Guid loopId, Guid interviewId, RescheduleInterview request, Booking booking,
        HttpContext http, CancellationToken token)
    {
        if (request.RequestedBy is not (Cancellers.Candidate or Cancellers.Interviewer))
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["requestedBy"] = ["Expected candidate or interviewer."] });
        }
        var actor = Actors.Of(http);
        var result = await booking.RunAsync<IResult>(async session =>
        {
            var found = await FindAsync(session, loopId, interviewId, token);
            if (EntityTags.RefuseWrite(http, found, "Interview", interviewId, f => f.Loop.Version, AlreadyHeld) is { } refused)
            {
                return refused;
            }
            var (loop, interview) = found!;
            var move = request.RequestedBy == "candidate"
                ? new MoveRequest(interview, new HashSet<Guid>(), [new TimeRange(interview.StartsAt, interview.EndsAt)])
                : new MoveRequest(interview, new HashSet<Guid> { interview.InterviewerId }, []);
            var reason = $"{request.RequestedBy} cancelled" + (string.IsNullOrWhiteSpace(request.Reason) ? "" : $": {request.Reason.Trim()}");
            var outcome = await Rescheduling.MoveAsync(session, booking, loop, [move], reason, actor, token);
            return Results.Ok(outcome.Single());
        }, token);
        return result;
    }

    public static async Task<IResult> Cancel(Guid loopId, Guid interviewId, CancelInterview request, Booking booking,
        HttpContext http, CancellationToken token)
    {
        var actor = Actors.Of(http);
        return await booking.RunAsync<IResult>(async session =>
        {
            var found = await FindAsync(session, loopId, interviewId, token);
            if (EntityTags.RefuseWrite(http, found, "Interview", interviewId, f => f.Loop.Version, AlreadyHeld) is { } refused)
            {
                return refused;
            }
            var (loop, interview) = found!;
            var reason = string.IsNullOrWhiteSpace(request.Reason) ? "cancelled" : request.Reason.Trim();
            await Rescheduling.ReleaseAsync(session, [(loop, [interview])], reason, cancelLoop: false, booking.Now, actor, token);
            return Results.Ok(new MoveOutcome(interviewId, "cancelled", null, reason));
        }, token);
    }

    /// <summary>The interview took place: its trainee's session counts toward their next stage.</summary>
    public static async Task<IResult> Held(Guid loopId, Guid interviewId, Booking booking, IOptions<TrainingOptions> training,
        HttpContext http, CancellationToken token)
    {
        var actor = Actors.Of(http);
        return await booking.RunAsync<IResult>(async session =>
        {
            var found = await FindAsync(session, loopId, interviewId, token);
            if (EntityTags.RefuseWrite(http, found, "Interview", interviewId, f => f.Loop.Version) is { } refused)
            {
                return refused;
            }
            var (loop, interview) = found!;
            if (interview.Held)
            {
                return Results.Ok(interview);
            }
            await TrainingProgress.HoldAsync(session, [(loop, interview)], training.Value, booking.Now, actor, token);
            return Results.Ok(interview with { Held = true });
        }, token, takeTurn: false);
    }
}

/// <summary>Trainee progress: a session in the current stage counts; enough of them move the trainee on.</summary>
public static class TrainingProgress
{
    /// <summary>
    /// Records the interviews as held and counts their trainees' sessions, in one transaction: each loop's held events
    /// appended once at the version it was read at, each trainee's sessions counted one after the other (a stage reached by
    /// the first counts for the next) and appended at the version their details were read at.
    /// </summary>
    public static async Task HoldAsync(IDocumentSession session, IReadOnlyList<(LoopSchedule Loop, ScheduledInterview Interview)> holding,
        TrainingOptions options, DateTimeOffset now, string actor, CancellationToken token)
    {
        foreach (var byLoop in holding.GroupBy(h => h.Loop.Id))
        {
            var loop = byLoop.First().Loop;
            var held = byLoop.Select(h => (object)new InterviewHeld(loop.Id, loop.CandidateId, h.Interview.Id, now, actor)).ToArray();
            session.Events.Append(loop.Id, loop.Version + held.Length, held);
        }
        var trainees = holding.Where(h => h.Interview.Trainee is not null).GroupBy(h => h.Interview.Trainee!.InterviewerId).ToList();
        if (trainees.Count > 0)
        {
            var details = (await session.LoadManyAsync<InterviewerDetails>(token, trainees.Select(t => t.Key).ToArray())).ToDictionary(d => d.Id);
            foreach (var sessions in trainees)
            {
                if (!details.TryGetValue(sessions.Key, out var read))
                {
                    continue;
                }
                var current = read;
                var events = new List<object>();
                foreach (var (_, interview) in sessions)
                {
                    var counted = Decide(current, interview.Id, interview.InterviewType, options, now, actor);
                    current = counted.Aggregate(current, Evolve);
                    events.AddRange(counted);
                }
                if (events.Count > 0)
                {
                    session.Events.Append(read.Id, read.Version + events.Count, events.ToArray());
                }
            }
        }
        await session.SaveChangesAsync(token);
    }

    private static InterviewerDetails Evolve(InterviewerDetails details, object e) => e switch
    {
        TrainingSessionCompleted completed => InterviewerDetailsProjection.Apply(completed, details),
        TrainingStageReached reached => InterviewerDetailsProjection.Apply(reached, details),
        _ => details,
    };

    public static List<object> Decide(InterviewerDetails trainee, Guid interviewId, string type, TrainingOptions options,
        DateTimeOffset now, string actor)
    {
        var qualification = trainee.Qualifications.FirstOrDefault(q => q.InterviewType == type);
        if (qualification is null || qualification.Stage == TrainingStage.Qualified)
        {
            return [];
        }
        var events = new List<object>
        {
            new TrainingSessionCompleted(trainee.Id, interviewId, type, qualification.Stage, now, actor),
        };
        if (qualification.SessionsCompleted + 1 >= options.SessionsFor(qualification.Stage))
        {
            var next = qualification.Stage == TrainingStage.Shadow ? TrainingStage.ReverseShadow : TrainingStage.Qualified;
            events.Add(new TrainingStageReached(trainee.Id, type, next, now, actor));
        }
        return events;
    }
}
