namespace HiringPlatform.Scorecard.Scorecards;

public static class ScorecardEndpoints
{
    public static IEndpointRouteBuilder MapScorecardEndpoints(this IEndpointRouteBuilder app)
    {
        var scorecards = app.MapGroup("/api/v1/scorecards").WithTags("Scorecards");
        scorecards.MapGet("/", ScorecardReadEndpoints.ForCandidate).WithName("GetCandidateScorecards")
            .WithSummary("A candidate's scorecards; an interviewer sees the others only after submitting their own.");
        scorecards.MapGet("/mine", ScorecardReadEndpoints.Mine).WithName("GetMyPendingScorecards");
        scorecards.MapGet("/overdue", OverdueEndpoints.List).WithName("GetOverdueScorecards");
        scorecards.MapGet("/{scorecardId:guid}", ScorecardReadEndpoints.One).WithName("GetScorecard");
        scorecards.MapPost("/{scorecardId:guid}", ScorecardWriteEndpoints.Submit).WithName("SubmitScorecard")
            .WithSummary("The assigned interviewer submits the scorecard once; it never changes afterwards.");
        scorecards.MapPost("/{scorecardId:guid}/amendments", ScorecardWriteEndpoints.Amend).WithName("AmendScorecard")
            .WithSummary("A correction with a reason, kept beside the original.");
        return app;
    }
}
