namespace HiringPlatform.Scheduling.Interviewers;

using System.Globalization;
using HiringPlatform.Scheduling.Interviews;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>The body of PUT /api/v1/interviewers/{id}: the whole profile.</summary>
public sealed record ReviseInterviewer(
    string? Name, string? Email, string? Team,
    [property: ClosedSet(typeof(SchedulingVocabulary), nameof(SchedulingVocabulary.Seniorities))] string? Seniority,
    IReadOnlyList<string>? HiringManagerFor, int? WeeklyCap);

/// <summary>The body of PUT /api/v1/interviewers/{id}/qualifications: every type the interviewer runs or trains for.</summary>
public sealed record AssignQualifications(IReadOnlyList<QualificationBody>? Qualifications);

/// <summary>The body of PUT /api/v1/interviewers/{id}/availability; busy blocks and the iCalendar text together replace the previous ones.</summary>
public sealed record DeclareAvailability(
    string? TimeZone, WorkingHoursBody? WorkingHours, IReadOnlyList<BusyBlockBody>? BusyBlocks, string? ICalendar);

/// <summary>The answer to PUT .../availability: the interviewer as now, and each interview the new availability moved.</summary>
public sealed record AvailabilityChange(InterviewerDetails Interviewer, IReadOnlyList<MoveOutcome> Moved);

public sealed record BusyBlockBody(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

/// <summary>An interviewer's interviews in one week against their cap.</summary>
public sealed record WeeklyLoad(Guid InterviewerId, string Name, string Team, DateOnly Week, int Interviews, int WeeklyCap, double Utilisation);

public static class ManageInterviewer
{
    public static (Errors Errors, InterviewerProfileRevised? Event) Decide(ReviseInterviewer request, Guid id, DateTimeOffset now, string actor)
    {
        var errors = new Errors();
        errors.Profile(request.Name, request.Email, request.Team, request.Seniority, request.HiringManagerFor, request.WeeklyCap);
        if (request.WeeklyCap is null)
        {
            errors.Add("weeklyCap", "Required.");
        }
        return errors.Count > 0
            ? (errors, null)
            : (errors, new InterviewerProfileRevised(id, request.Name!.Trim(), request.Email!.Trim(), request.Team!.Trim(),
                request.Seniority!, (request.HiringManagerFor ?? []).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList(),
                request.WeeklyCap!.Value, now, actor));
    }

    public static (Errors Errors, InterviewerQualificationsAssigned? Event) Decide(AssignQualifications request, InterviewerDetails current,
        DateTimeOffset now, string actor)
    {
        var errors = new Errors();
        if (request.Qualifications is null)
        {
            errors.Add("qualifications", "Required (an empty list removes every qualification).");
        }
        var list = errors.Qualifications("qualifications", request.Qualifications, trainingOnly: false);
        if (errors.Count > 0)
        {
            return (errors, null);
        }
        var newly = list.Where(q => q.Stage == TrainingStage.Qualified && !current.QualifiedFor.Contains(q.InterviewType))
            .Select(q => q.InterviewType).ToList();
        return (errors, new InterviewerQualificationsAssigned(current.Id, list, now, actor, newly));
    }

    public static (Errors Errors, InterviewerAvailabilityDeclared? Event) Decide(DeclareAvailability request, InterviewerDetails current,
        DateTimeOffset now, string actor)
    {
        var errors = new Errors();
        var zone = request.TimeZone is null ? SchedulingVocabulary.Zone(current.TimeZone) ?? TimeZoneInfo.Utc : errors.TimeZone("timeZone", request.TimeZone);
        var hours = request.WorkingHours is null ? current.WorkingHours : errors.Hours("workingHours", request.WorkingHours);
        var blocks = new List<(BusyBlock Block, int Index)>();
        for (var i = 0; i < (request.BusyBlocks?.Count ?? 0); i++)
        {
            var b = request.BusyBlocks![i];
            if (b.StartsAt is null || b.EndsAt is null)
            {
                errors.Add($"busyBlocks[{i}]", "startsAt and endsAt are required.");
            }
            else if (b.EndsAt <= b.StartsAt)
            {
                errors.Add($"busyBlocks[{i}]", "Must end after it starts.");
            }
            else if (b.EndsAt - b.StartsAt > TimeSpan.FromDays(62))
            {
                errors.Add($"busyBlocks[{i}]", "At most 62 days long.");
            }
            else
            {
                blocks.Add((new BusyBlock(b.StartsAt.Value.ToUniversalTime(), b.EndsAt.Value.ToUniversalTime()), i));
            }
        }
        var sorted = blocks.OrderBy(b => b.Block.StartsAt).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Block.StartsAt < sorted[i - 1].Block.EndsAt)
            {
                errors.Add($"busyBlocks[{sorted[i].Index}]", $"Overlaps busyBlocks[{sorted[i - 1].Index}].");
            }
        }
        var imported = new List<BusyBlock>();
        if (request.ICalendar is not null && zone is not null)
        {
            var (busy, problems) = ICalendarBusy.Parse(request.ICalendar, zone);
            foreach (var problem in problems)
            {
                errors.Add("iCalendar", problem);
            }
            imported = busy;
        }
        if (errors.Count > 0 || zone is null || hours is null)
        {
            return (errors, null);
        }
        var all = ICalendarBusy.Merge(blocks.Select(b => b.Block).Concat(imported));
        return (errors, new InterviewerAvailabilityDeclared(current.Id, zone.Id, hours, all, now, actor));
    }

    /// <summary>The interviewer's interviews from <paramref name="now"/> on that their new availability no longer allows.</summary>
    public static IReadOnlyList<Reservation> NoLongerPossible(InterviewerDetails details, DateTimeOffset now)
    {
        var member = Booking.Member(details with { Reservations = [] }, null, 0);
        return details.Reservations
            .Where(r => r.StartsAt > now)
            .Where(r =>
            {
                var time = new Interviews.Assignment.TimeRange(r.StartsAt, r.EndsAt);
                return !member.WorksDuring(time) || !member.IsFree(time);
            })
            .ToList();
    }

    public static Task<IResult> Revise(Guid interviewerId, ReviseInterviewer request, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken token) =>
        WriteAsync(interviewerId, session, http, _ => Decide(request, interviewerId, clock.GetUtcNow(), Actors.Of(http)), token);

    public static Task<IResult> Qualify(Guid interviewerId, AssignQualifications request, IDocumentSession session,
        TimeProvider clock, HttpContext http, CancellationToken token) =>
        WriteAsync(interviewerId, session, http, current => Decide(request, current, clock.GetUtcNow(), Actors.Of(http)), token);

    /// <summary>An erased interviewer's profile, qualifications and availability take no more writes (their name would come back).</summary>
    private static string? Erased(InterviewerDetails interviewer) =>
        interviewer.ErasedAt is { } at ? $"Interviewer {interviewer.Id} was erased on {at:O}." : null;

    /// <summary>One decided event on the interviewer's stream: 404/412 first, 422 when the decision refuses, the interviewer as now after.</summary>
    private static async Task<IResult> WriteAsync<TEvent>(Guid interviewerId, IDocumentSession session, HttpContext http,
        Func<InterviewerDetails, (Errors Errors, TEvent? Event)> decide, CancellationToken token)
        where TEvent : class
    {
        var stream = await session.Events.FetchForWriting<InterviewerDetails>(interviewerId, token);
        if (EntityTags.RefuseWrite(http, stream.Aggregate, "Interviewer", interviewerId, d => d.Version, Erased) is { } refused)
        {
            return refused;
        }
        var (errors, decided) = decide(stream.Aggregate!);
        if (decided is null)
        {
            return Problem.Invalid(errors);
        }
        stream.AppendOne(decided);
        await session.SaveChangesAsync(token);
        return Saved(http, await session.LoadAsync<InterviewerDetails>(interviewerId, token));
    }

    /// <summary>Declares the availability, then moves every interview it no longer allows (or releases it when nobody can take it).</summary>
    public static async Task<IResult> Declare(Guid interviewerId, DeclareAvailability request, IDocumentSession session,
        Booking booking, HttpContext http, CancellationToken token)
    {
        var stream = await session.Events.FetchForWriting<InterviewerDetails>(interviewerId, token);
        if (EntityTags.RefuseWrite(http, stream.Aggregate, "Interviewer", interviewerId, d => d.Version, Erased) is { } refused)
        {
            return refused;
        }
        var actor = Actors.Of(http);
        var (errors, declared) = Decide(request, stream.Aggregate!, booking.Now, actor);
        if (declared is null)
        {
            return Problem.Invalid(errors);
        }
        stream.AppendOne(declared);
        await session.SaveChangesAsync(token);

        var details = (await session.LoadAsync<InterviewerDetails>(interviewerId, token))!;
        var outcomes = new List<MoveOutcome>();
        foreach (var loopId in NoLongerPossible(details, booking.Now).Select(r => r.LoopId).Distinct())
        {
            outcomes.AddRange(await booking.RunAsync(async attempt =>
            {
                var current = (await attempt.LoadAsync<InterviewerDetails>(interviewerId, token))!;
                var affected = NoLongerPossible(current, booking.Now).Where(r => r.LoopId == loopId).Select(r => r.InterviewId).ToHashSet();
                var loop = await attempt.LoadAsync<LoopSchedule>(loopId, token);
                var moves = loop?.Interviews.Where(i => affected.Contains(i.Id))
                    .Select(i => new MoveRequest(i, new HashSet<Guid>(), [])).ToList() ?? [];
                return moves.Count == 0
                    ? []
                    : await Rescheduling.MoveAsync(attempt, booking, loop!, moves,
                        "the interviewer is no longer available then (their availability or cap changed)", actor, token);
            }, token));
        }
        var after = await session.LoadAsync<InterviewerDetails>(interviewerId, token);
        EntityTags.Set(http, after!.Version);
        return Results.Ok(new AvailabilityChange(after, outcomes));
    }

    private static IResult Saved(HttpContext http, InterviewerDetails? details)
    {
        EntityTags.Set(http, details!.Version);
        return Results.Ok(details);
    }

    /// <summary>
    /// The interviewer's interviews that have not ended, in booking order (the stream version of each
    /// booking, so a page neither skips nor repeats one booked meanwhile); updated_after by booking time.
    /// </summary>
    public static async Task<IResult> Upcoming(Guid interviewerId, IQuerySession session, TimeProvider clock, HttpContext http,
        CancellationToken token)
    {
        var errors = new Dictionary<string, string[]>();
        var page = Paging.Read(http, errors);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        var details = await session.LoadAsync<InterviewerDetails>(interviewerId, token);
        if (details is null)
        {
            return Problem.NotFound("Interviewer", interviewerId);
        }
        var now = clock.GetUtcNow();
        var fetched = details.Reservations
            .Where(r => r.EndsAt > now && r.Position > page.After && (page.UpdatedAfter is not { } since || r.ReservedAt > since))
            .OrderBy(r => r.Position).Take(page.Limit + 1).ToList();
        return Results.Ok(await Paging.ToPageAsync(http, page, fetched, r => r.Position,
            shown => Task.FromResult<IReadOnlyList<Reservation>>(shown)));
    }

    /// <summary>Interviewers in the order they last changed (registration, revision, availability, bookings): cursor pagination.</summary>
    public static Task<IResult> List(HttpContext http, IQuerySession session, CancellationToken token) =>
        Paging.ListAsync(http,
            async page => await Paging.Window(session.Query<InterviewerFeedEntry>(), page, e => e.Position, e => e.UpdatedAt).ToListAsync(token),
            e => e.Position,
            async shown => Paging.InOrder(shown, e => e.Id, await session.LoadManyAsync<InterviewerDetails>(token, shown.Select(e => e.Id)), d => d.Id));

    /// <summary>Interviews per interviewer in the week starting on the Monday given (this week by default), in each one's zone.</summary>
    public static async Task<IResult> Load(string? week, IQuerySession session, TimeProvider clock, CancellationToken token)
    {
        DateOnly monday;
        if (week is null)
        {
            monday = WorkingHours.MondayOf(clock.GetUtcNow().UtcDateTime);
        }
        else if (!DateOnly.TryParseExact(week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out monday)
            || monday.DayOfWeek != DayOfWeek.Monday)
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["week"] = ["Expected the Monday of a week as yyyy-MM-dd."] });
        }
        var interviewers = await session.Query<InterviewerDetails>().ToListAsync(token);
        var loads = interviewers.Select(d =>
            {
                var member = Booking.Member(d, null, 0);
                var count = member.LoadIn(monday);
                return new WeeklyLoad(d.Id, d.Name, d.Team, monday, count, d.WeeklyCap,
                    Math.Round(member.CapUsed(monday), 3));
            })
            .OrderByDescending(l => l.Utilisation)
            .ThenBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(loads);
    }
}

public static class InterviewerEndpoints
{
    public static IEndpointRouteBuilder MapInterviewerEndpoints(this IEndpointRouteBuilder app)
    {
        var interviewers = app.MapGroup("/api/v1/interviewers").WithTags("Interviewers")
            .WithRoles(RoutePolicies.PipelineRead, RoutePolicies.HrWrite);
        interviewers.MapPost("/", RegisterInterviewerHandler.Handle).WithName("RegisterInterviewer").Produces<InterviewerDetails>(StatusCodes.Status201Created)
            .WithSummary("Register an interviewer with the types they run, their zone, working hours and weekly cap.")
            .WithExample(request: new RegisterInterviewer("Ada Lovelace", "ada@example.com", "ranking", "staff", ["coding", "ml-system-design"],
                ["ml-engineer"], 4, "Europe/London", new WorkingHoursBody(["Monday", "Tuesday", "Wednesday", "Thursday"], "09:30", "17:00"),
                [new QualificationBody("system-design", "shadow", 1)]));
        interviewers.MapGet("/", ManageInterviewer.List).WithName("ListInterviewers").Produces<Page<InterviewerDetails>>().WithPaging()
            .WithSummary("Interviewers in the order they last changed: cursor pagination (`cursor`, `limit`, `updated_after`).");
        interviewers.MapGet("/{interviewerId:guid}", async (Guid interviewerId, IQuerySession session, HttpContext http, CancellationToken token) =>
            {
                if (await session.LoadAsync<InterviewerDetails>(interviewerId, token) is not { } details)
                {
                    return Problem.NotFound("Interviewer", interviewerId);
                }
                EntityTags.Set(http, details.Version);
                return Results.Ok(details);
            })
            .WithName("GetInterviewer").Produces<InterviewerDetails>().WithSummary("An interviewer with their bookings and ETag.");
        interviewers.MapPut("/{interviewerId:guid}", ManageInterviewer.Revise).WithName("ReviseInterviewer").Produces<InterviewerDetails>().WithIfMatch()
            .WithSummary("Replace the interviewer's profile.")
            .WithExample(request: new ReviseInterviewer("Ada Lovelace", "ada@example.com", "search", "principal", ["ml-engineer"], 3));
        interviewers.MapPut("/{interviewerId:guid}/qualifications", ManageInterviewer.Qualify).WithName("AssignQualifications").Produces<InterviewerDetails>().WithIfMatch()
            .WithSummary("Replace the interviewer's training stage per interview type.")
            .WithExample(request: new AssignQualifications([new QualificationBody("coding", "qualified", null),
                new QualificationBody("system-design", "reverse-shadow", 0)]));
        interviewers.MapPut("/{interviewerId:guid}/availability", ManageInterviewer.Declare).WithName("DeclareAvailability").WithIfMatch()
            // An exported calendar (iCalendar) is one long string: up to the body limit.
            .WithLongText(1024 * 1024).Produces<AvailabilityChange>()
            .WithSummary("Declare zone, working hours and busy blocks; interviews the new availability no longer allows are moved.")
            .WithExample(request: new DeclareAvailability("America/New_York", new WorkingHoursBody(["Monday", "Wednesday", "Friday"], "10:00", "16:00"),
                [new BusyBlockBody(DateTimeOffset.Parse("2026-12-02T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                    DateTimeOffset.Parse("2026-12-02T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture))], null));
        interviewers.MapGet("/{interviewerId:guid}/interviews", ManageInterviewer.Upcoming).WithName("UpcomingInterviews").Produces<Page<Reservation>>().WithPaging()
            .WithSummary("The interviewer's interviews that have not ended, in booking order.");
        interviewers.MapPost("/{interviewerId:guid}/erasure", EraseInterviewerHandler.Handle).WithRoles(RoutePolicies.InterviewerErasure)
            .WithName("EraseInterviewer").Produces<InterviewerErasure>().WithIfMatch()
            .WithExample(request: new EraseInterviewer("GDPR Art. 17 request 2026-121"))
            .WithSummary("Erase the interviewer's personal data (an admin): name and e-mail are masked in every service; their id, "
                + "bookings and scorecards stay; they leave the rota. Asking again changes nothing.");
        interviewers.MapGet("/load", ManageInterviewer.Load).WithName("WeeklyLoad").Produces<IReadOnlyList<WeeklyLoad>>()
            .WithSummary("Interviews per interviewer in a week (`week` = its Monday, yyyy-MM-dd) against their cap.");
        return app;
    }
}
