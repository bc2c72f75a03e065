namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;
using HiringPlatform.ServiceDefaults.Security;

public static class ApplicationEndpoints
{
    public static IEndpointRouteBuilder MapApplicationEndpoints(this IEndpointRouteBuilder app)
    {
        var candidates = app.MapGroup("/api/v1/candidates").WithTags("Candidates")
            .WithRoles(RoutePolicies.HrRead, RoutePolicies.HrWrite);
        candidates.MapPost("/", SubmitApplicationHandler.Handle)
            .WithName("SubmitCandidate").Produces<ApplicationDetails>(StatusCodes.Status201Created)
            .WithExample(request: new SubmitApplication("ats-48213", "Grace Hopper", "grace@example.com", "ml-engineer", "senior",
                ["ml-systems"], TimeZone: "Europe/Berlin",
                Availability: [new WindowRequest("2026-12-01T09:00:00+01:00", "2026-12-01T17:00:00+01:00")]))
            .WithSummary("Submit a candidate for a role and a level; the loop is planned from the level's template.");
        candidates.MapGet("/", CandidateFeedEndpoint.List)
            .WithName("ListCandidates").Produces<Page<ApplicationDetails>>().WithPaging()
            .WithSummary("Applications in the order they last changed: cursor pagination (`next`, Link rel=next) and "
                + "`updated_after` for incremental sync.");
        candidates.MapGet("/{candidateId:guid}", async (Guid candidateId, IQuerySession session, HttpContext http, CancellationToken token) =>
            {
                if (await session.LoadAsync<ApplicationDetails>(candidateId, token) is not { } details)
                {
                    return Problem.NotFound("Candidate", candidateId);
                }
                EntityTags.Set(http, details.Version);
                return Results.Ok(details);
            })
            .WithName("GetCandidate").Produces<ApplicationDetails>()
            .WithSummary("An application with its loop; the ETag is what its updates take as If-Match.");
        candidates.MapPost("/{candidateId:guid}/withdraw", WithdrawApplicationHandler.Handle)
            .WithName("WithdrawCandidate").Produces<ApplicationDetails>().WithIfMatch()
            .WithExample(request: new WithdrawApplication("Accepted another offer"))
            .WithSummary("Withdraw the application; a planned loop is cancelled with it.");
        candidates.MapPost("/{candidateId:guid}/erasure", EraseCandidateHandler.Handle)
            .WithRoles(RoutePolicies.CandidateErasure)
            .WithName("EraseCandidate").Produces<CandidateErasure>().WithIfMatch()
            .WithExample(request: new EraseCandidate("GDPR Art. 17 request 2026-118"))
            .WithSummary("Erase the candidate's personal data (the HR system that submitted them, or an admin): name, e-mail, "
                + "evidence notes and free text are masked in every service; ids, ratings and decisions stay, so journeys and "
                + "calibration reports replay. Asking again changes nothing.");
        candidates.MapLoopEndpoints();
        return app;
    }
}
