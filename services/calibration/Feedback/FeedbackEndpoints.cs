namespace HiringPlatform.Calibration.Feedback;

using HiringPlatform.Calibration.RatingSets;
using HiringPlatform.Calibration.Reports;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Security;
using Marten;

/// <summary>What an interviewer reads about themselves: compared with peers, adjusted for the candidates they saw.</summary>
public sealed record MyCalibration(
    Guid ReportId,
    DateTimeOffset AsOf,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Ratings,
    double? Severity,
    double? SeverityLow90,
    double? SeverityHigh90,
    double? PointsVersusPeers,
    string Explanation,
    string HowToRead,
    IReadOnlyList<FeedbackFlag> Flags);

public static class FeedbackEndpoints
{
    public const string HowToRead =
        "Severity is in logits (0 = the average interviewer; higher = harsher) from a many-facet Rasch model that compares you with the other interviewers of the same candidates, so it is adjusted for the candidates you happened to see. PointsVersusPeers is the same comparison in rating points (negative: you rate lower than your co-interviewers). A flag is 'actionable' when it held in two consecutive windows, 'watch' otherwise.";

    public static IEndpointRouteBuilder MapFeedbackEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/calibration/feedback/me", Mine)
            .WithTags("Feedback")
            .WithName("GetMyCalibration").Produces<MyCalibration>()
            .WithSummary("The calling interviewer's own calibration from the latest report on the platform's history; nobody else's.")
            .WithDescription("Roles: interviewer (the token's subject is the interviewer id). 404 until a report includes you.")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Interviewer))
            .WithRoles(RoutePolicies.InterviewerSelf);
        return app;
    }

    private static async Task<IResult> Mine(HttpContext http, IQuerySession session, CancellationToken token)
    {
        if (Identity.InterviewerOf(http.User) is not { } me)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not an interviewer",
                detail: "Only an interviewer's own token (subject = interviewer id) reads calibration feedback.",
                type: HiringPlatform.ServiceDefaults.Problems.ProblemTypes.Forbidden);
        }

        var latest = await session.Query<ReportRun>()
            .Where(r => r.RatingSet == RatingSetIds.Platform && r.Status == ReportStatus.Completed)
            .OrderByDescending(r => r.AsOf).ThenByDescending(r => r.CompletedAt)
            .Take(12)
            .ToListAsync(token);
        var id = me.ToString();
        foreach (var run in latest)
        {
            var content = await session.LoadAsync<ReportContent>(run.Id, token);
            if (content?.Feedback.FirstOrDefault(f => f.InterviewerId == id) is { } mine)
            {
                return Results.Ok(new MyCalibration(run.Id, run.AsOf, run.WindowStart, run.WindowEnd, mine.Ratings, mine.Severity,
                    mine.SeverityLow90, mine.SeverityHigh90, mine.PointsVersusPeers, mine.Explanation, HowToRead, mine.Flags));
            }
        }
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No calibration feedback yet",
            detail: "No recent report on the platform's history includes your scorecards.", type: HiringPlatform.ServiceDefaults.Problems.ProblemTypes.NotFound);
    }
}
