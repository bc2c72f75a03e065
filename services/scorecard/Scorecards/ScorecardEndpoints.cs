namespace HiringPlatform.Scorecard.Scorecards;

using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Security;

public static class ScorecardEndpoints
{
    private static readonly ScorecardContent Example = new(
        [new RatingInput("algorithms", 3, "Found the graph formulation and its complexity."),
            new RatingInput("maintainable-code", 2, "Working code, no tests."), new RatingInput("communication", null, null)],
        "yes",
        [new ProbeInput("algorithms", "graph search", 0.6m), new ProbeInput("maintainable-code", null, 0.4m)],
        "Strong on algorithms; code quality needs probing again.");

    public static IEndpointRouteBuilder MapScorecardEndpoints(this IEndpointRouteBuilder app)
    {
        var scorecards = app.MapGroup("/api/v1/scorecards").WithTags("Scorecards")
            .WithRoles(RoutePolicies.ScorecardRead, RoutePolicies.ScorecardWrite);
        scorecards.MapGet("/", ScorecardReadEndpoints.ForCandidate).WithName("GetCandidateScorecards").Produces<Page<ScorecardDetails>>().WithPaging()
            .WithSummary("A candidate's scorecards; an interviewer sees the others only after submitting their own.");
        scorecards.MapGet("/mine", ScorecardReadEndpoints.Mine).WithName("GetMyPendingScorecards").Produces<Page<ScorecardDetails>>().WithPaging()
            .WithSummary("The calling interviewer's scorecards still to write.");
        scorecards.MapGet("/overdue", OverdueEndpoints.List).WithName("GetOverdueScorecards").Produces<Page<ScorecardDetails>>().WithPaging()
            .WithSummary("Overdue scorecards by interviewer or by recruiter; an interviewer sees only their own.");
        scorecards.MapGet("/{scorecardId:guid}", ScorecardReadEndpoints.One).WithName("GetScorecard").Produces<ScorecardDetails>()
            .WithSummary("One scorecard with its ETag; another interviewer's only after submitting your own.");
        scorecards.MapPost("/{scorecardId:guid}", ScorecardWriteEndpoints.Submit).WithName("SubmitScorecard").Produces<ScorecardDetails>().WithIfMatch()
            .WithExample(request: Example)
            .WithSummary("The assigned interviewer submits the scorecard once; it never changes afterwards.");
        scorecards.MapPost("/{scorecardId:guid}/amendments", ScorecardWriteEndpoints.Amend).WithName("AmendScorecard").Produces<ScorecardDetails>().WithIfMatch()
            .WithExample(request: new AmendScorecard(Example.Ratings, "no", Example.Probes, "On reflection the solution missed the cycle case.",
                "Re-read my notes: the cycle case was never handled"))
            .WithSummary("A correction with a reason, kept beside the original.");
        return app;
    }
}
