namespace HiringPlatform.Scheduling.Interviewers;

using HiringPlatform.Scheduling.Interviews;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Erasure;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;

/// <summary>An erasure request for an interviewer: why (the request's reference).</summary>
public sealed record EraseInterviewer(string? Reason);

/// <summary>What an interviewer's erasure answers: who asked, when, why. The other services erase on <c>InterviewerErased</c>.</summary>
public sealed record InterviewerErasure(Guid InterviewerId, DateTimeOffset ErasedAt, string ErasedBy, string Reason);

/// <summary>An interviewer's personal data was erased on request; their id, qualifications and bookings stay, their name and e-mail go.</summary>
public sealed record InterviewerErasureRecorded(Guid InterviewerId, string Reason, DateTimeOffset ErasedAt, string Actor);

/// <summary>
/// An interviewer is erased (an admin, on the person's request): recorded on their stream and published as
/// <c>InterviewerErased</c>; their name and e-mail are masked in their events and on every booking that names them; they
/// leave the rota (weekly cap 0, so no new interview is booked with them). Their id stays, so the scorecards they wrote
/// still count in calibration under it. Asking again answers the first erasure and masks again.
/// </summary>
public static class EraseInterviewerHandler
{
    public static object[] Decide(InterviewerDetails interviewer, string reason, DateTimeOffset now, string actor) =>
        interviewer.ErasedAt is not null ? [] : [new InterviewerErasureRecorded(interviewer.Id, reason, now, actor)];

    public static async Task<IResult> Handle(Guid interviewerId, EraseInterviewer request, IDocumentSession session, IDocumentStore store,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<InterviewerDetails>(interviewerId, cancellationToken);
        if (EntityTags.RefuseWrite(http, stream.Aggregate, "Interviewer", interviewerId, x => x.Version) is { } refused)
        {
            return refused;
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["reason"] = ["Required: why the interviewer is erased (the request's reference)."] });
        }
        var events = Decide(stream.Aggregate!, request.Reason.Trim(), clock.GetUtcNow(), Actors.Of(http));
        if (events.Length > 0)
        {
            stream.AppendMany(events);
            await session.SaveChangesAsync(cancellationToken);
        }

        var loops = await LoopsNaming(session, store, interviewerId, cancellationToken);
        await StreamErasure.MaskAsync(store, ErasureSubject.OfInterviewer(interviewerId), [interviewerId, .. loops], cancellationToken);
        await using (var cleanup = store.LightweightSession())
        {
            await StreamErasure.ReprojectAsync<LoopSchedule>(cleanup, loops, cancellationToken);
            StreamErasure.ForgetAnswers(cleanup, [interviewerId]);
            await cleanup.SaveChangesAsync(cancellationToken);
        }

        var erased = (await session.LoadAsync<InterviewerDetails>(interviewerId, cancellationToken))!;
        EntityTags.Set(http, erased.Version);
        return Results.Ok(new InterviewerErasure(interviewerId, erased.ErasedAt!.Value, erased.ErasedBy!, erased.ErasureReason!));
    }

    /// <summary>
    /// Every loop stream with a booking or move that names the interviewer (as interviewer or trainee), read from the
    /// events rather than the schedules: an interview later moved to someone else or released no longer shows them on
    /// the schedule, but its earlier event still holds their name.
    /// </summary>
    private static async Task<IReadOnlyList<Guid>> LoopsNaming(IDocumentSession session, IDocumentStore store, Guid interviewerId,
        CancellationToken cancellationToken)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        return await session.AdvancedSql.QueryAsync<Guid>(
            $"select distinct stream_id from {schema}.mt_events where type in ('interview_booked', 'interview_moved') " +
            "and strpos(data::text, ?) > 0", cancellationToken, interviewerId.ToString());
    }

    /// <summary>The masking rules of scheduling's events, for the interviewer being erased.</summary>
    public static void RegisterMasking(StoreOptions options)
    {
        ContractMasks.Rule<InterviewerRegistered>(options, (e, subject) => subject.IsInterviewer(e.InterviewerId)
            ? e with { Name = ErasureScope.Masked, Email = ErasureScope.Masked }
            : e);
        ContractMasks.Rule<InterviewerProfileRevised>(options, (e, subject) => subject.IsInterviewer(e.InterviewerId)
            ? e with { Name = ErasureScope.Masked, Email = ErasureScope.Masked }
            : e);
        ContractMasks.Rule<InterviewBooked>(options, (e, subject) => e with
        {
            InterviewerName = subject.IsInterviewer(e.InterviewerId) ? ErasureScope.Masked : e.InterviewerName,
            Trainee = Trainee(e.Trainee, subject),
        });
        ContractMasks.Rule<InterviewMoved>(options, (e, subject) => e with
        {
            InterviewerName = subject.IsInterviewer(e.InterviewerId) ? ErasureScope.Masked : e.InterviewerName,
            Trainee = Trainee(e.Trainee, subject),
        });
    }

    private static InterviewTrainee? Trainee(InterviewTrainee? trainee, ErasureSubject subject) =>
        trainee is not null && subject.IsInterviewer(trainee.InterviewerId) ? trainee with { Name = ErasureScope.Masked } : trainee;
}
