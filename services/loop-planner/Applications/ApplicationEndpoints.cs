namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;

public static class ApplicationEndpoints
{
    public static IEndpointRouteBuilder MapApplicationEndpoints(this IEndpointRouteBuilder app)
    {
        var candidates = app.MapGroup("/api/v1/candidates").WithTags("Candidates");
        candidates.MapPost("/", SubmitApplicationHandler.Handle)
            .WithName("SubmitCandidate")
            .WithSummary("Submit a candidate for a role and a level; the loop is planned from the level's template.");
        candidates.MapGet("/", CandidateFeedEndpoint.List)
            .WithName("ListCandidates")
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
            .WithName("GetCandidate");
        candidates.MapPost("/{candidateId:guid}/withdraw", WithdrawApplicationHandler.Handle)
            .WithName("WithdrawCandidate")
            .WithSummary("Withdraw the application; a planned loop is cancelled with it.");
        candidates.MapLoopEndpoints();
        return app;
    }
}
