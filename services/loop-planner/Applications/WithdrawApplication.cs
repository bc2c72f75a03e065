namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;

public sealed record WithdrawApplication(string? Reason);

/// <summary>The candidate withdraws: a planned loop is cancelled with it. Withdrawing twice changes nothing.</summary>
public static class WithdrawApplicationHandler
{
    public static object[] Decide(ApplicationDetails application, string reason, DateTimeOffset now, string actor) =>
        application.Status == ApplicationDetails.Withdrawn
            ? []
            : application.Loop is { Status: LoopDetails.Planned } loop
                ? [new InterviewLoopCancelled(application.Id, loop.LoopId, $"Application withdrawn: {reason}", now, actor),
                    new ApplicationWithdrawn(application.Id, reason, now, actor)]
                : [new ApplicationWithdrawn(application.Id, reason, now, actor)];

    public static async Task<IResult> Handle(Guid candidateId, WithdrawApplication request, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ApplicationDetails>(candidateId, cancellationToken);
        if (EntityTags.RefuseWrite(http, stream.Aggregate, "Candidate", candidateId, x => x.Version,
                x => x.Status == ApplicationDetails.Erased ? $"Candidate {candidateId} was erased." : null) is { } refused)
        {
            return refused;
        }
        var application = stream.Aggregate!;
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["reason"] = ["Required: why the candidate withdraws."] });
        }
        var events = Decide(application, request.Reason.Trim(), clock.GetUtcNow(), Actors.Of(http));
        if (events.Length > 0)
        {
            stream.AppendMany(events);
            await session.SaveChangesAsync(cancellationToken);
        }
        var withdrawn = await session.LoadAsync<ApplicationDetails>(candidateId, cancellationToken);
        EntityTags.Set(http, withdrawn!.Version);
        return Results.Ok(withdrawn);
    }
}
