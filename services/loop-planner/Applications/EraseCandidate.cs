namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Erasure;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;
using Marten;

/// <summary>An erasure request: why (the request's reference, e.g. "GDPR Art. 17 request 2026-118").</summary>
public sealed record EraseCandidate(string? Reason);

/// <summary>What an erasure answers: who asked, when, why. The other services erase on <c>CandidateErased</c>.</summary>
public sealed record CandidateErasure(Guid CandidateId, string Status, DateTimeOffset ErasedAt, string ErasedBy, string Reason);

/// <summary>
/// The candidate's personal data is erased: the erasure is recorded (who, when, why) on the application's stream and
/// published as <c>CandidateErased</c>; the application's events are masked in place (name, e-mail, phone, the withdrawal's
/// reason); the stored answers that held them are forgotten. The HR system's external id stays, so it can confirm the
/// erasure of its record. Asking again answers the first erasure and masks again (a crash between the two steps heals).
/// </summary>
public static class EraseCandidateHandler
{
    public static object[] Decide(ApplicationDetails application, string reason, DateTimeOffset now, string actor) =>
        application.Status == ApplicationDetails.Erased ? [] : [new CandidateErasureRecorded(application.Id, reason, now, actor)];

    /// <summary>The HR system that submitted the candidate may erase them, and an admin; nobody else.</summary>
    public static bool MayErase(ApplicationDetails application, HttpContext http) =>
        http.User.IsInRole(Roles.Admin) || string.Equals(application.SubmittedBy, Actors.Of(http), StringComparison.Ordinal);

    public static async Task<IResult> Handle(Guid candidateId, EraseCandidate request, IDocumentSession session, IDocumentStore store,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ApplicationDetails>(candidateId, cancellationToken);
        if (EntityTags.RefuseWrite(http, stream.Aggregate, "Candidate", candidateId, x => x.Version) is { } refused)
        {
            return refused;
        }
        var application = stream.Aggregate!;
        if (!MayErase(application, http))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden,
                title: "Not yours to erase", detail: $"Candidate {candidateId} was submitted by another HR system; it or an admin may erase them.");
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["reason"] = ["Required: why the candidate is erased (the request's reference)."] });
        }
        var events = Decide(application, request.Reason.Trim(), clock.GetUtcNow(), Actors.Of(http));
        if (events.Length > 0)
        {
            stream.AppendMany(events);
            await session.SaveChangesAsync(cancellationToken);
        }

        await StreamErasure.MaskAsync(store, ErasureSubject.OfCandidate(candidateId), [candidateId], cancellationToken);
        await using (var cleanup = store.LightweightSession())
        {
            StreamErasure.ForgetAnswers(cleanup, [candidateId]);
            await cleanup.SaveChangesAsync(cancellationToken);
        }

        var erased = (await session.LoadAsync<ApplicationDetails>(candidateId, cancellationToken))!;
        EntityTags.Set(http, erased.Version);
        return Results.Ok(new CandidateErasure(candidateId, erased.Status, erased.ErasedAt!.Value, erased.ErasedBy!, erased.ErasureReason!));
    }

    /// <summary>The masking rules of loop-planner's events, for the candidate being erased.</summary>
    public static void RegisterMasking(Marten.StoreOptions options)
    {
        ContractMasks.Rule<ApplicationSubmitted>(options, (e, subject) => subject.IsCandidate(e.ApplicationId)
            ? e with { Name = ErasureScope.Masked, Email = ErasureScope.Masked, Phone = ErasureScope.TextOrNull(e.Phone) }
            : e);
        ContractMasks.Rule<ApplicationWithdrawn>(options, (e, subject) => subject.IsCandidate(e.ApplicationId)
            ? e with { Reason = ErasureScope.Text(e.Reason) }
            : e);
    }
}
