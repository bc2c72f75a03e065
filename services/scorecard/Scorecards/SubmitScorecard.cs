namespace HiringPlatform.Scorecard.Scorecards;

using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;
using Marten;

/// <summary>The body of POST /api/v1/scorecards/{interviewId}; the interviewer is the authenticated caller.</summary>
public sealed record SubmitScorecard(
    IReadOnlyList<RatingInput>? Ratings,
    string? Recommendation,
    string? Summary);

public sealed record RatingInput(string? Competency, int? Rating, string? Evidence);

public abstract record SubmitOutcome
{
    public sealed record Accepted(ScorecardSubmitted Event) : SubmitOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : SubmitOutcome;

    public sealed record AlreadySubmitted : SubmitOutcome;

    public sealed record NotAssigned(Guid AssignedInterviewer) : SubmitOutcome;
}

public static class SubmitScorecardHandler
{
    /// <summary>The rules of a submission, without I/O: who may submit, once, and what a valid card holds.</summary>
    public static SubmitOutcome Decide(ScorecardDetails scorecard, SubmitScorecard request, Guid? interviewer,
        DateTimeOffset now, string actor)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        if (interviewer != scorecard.InterviewerId)
        {
            return new SubmitOutcome.NotAssigned(scorecard.InterviewerId);
        }
        if (scorecard.Status == ScorecardDetails.Submitted)
        {
            return new SubmitOutcome.AlreadySubmitted();
        }

        var ratings = request.Ratings ?? [];
        if (ratings.Count == 0)
        {
            Add("ratings", $"Rate every competency of the blueprint: {string.Join(", ", scorecard.Competencies)}.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ratings.Count; i++)
        {
            var rating = ratings[i];
            if (rating.Competency is null || !scorecard.Competencies.Contains(rating.Competency, StringComparer.Ordinal))
            {
                Add($"ratings[{i}].competency",
                    $"'{rating.Competency}' is not on this interview's blueprint ({string.Join(", ", scorecard.Competencies)}).");
            }
            else if (!seen.Add(rating.Competency))
            {
                Add($"ratings[{i}].competency", $"'{rating.Competency}' is rated twice.");
            }
            if (rating.Rating is < 1 or > 4)
            {
                Add($"ratings[{i}].rating", $"{rating.Rating} is outside 1-4 (strong no, no, yes, strong yes); null means not assessed.");
            }
            if (rating.Evidence is { Length: > 4000 })
            {
                Add($"ratings[{i}].evidence", "At most 4000 characters.");
            }
        }
        if (ratings.Count > 0)
        {
            foreach (var missing in scorecard.Competencies.Where(c => !seen.Contains(c)))
            {
                Add("ratings", $"'{missing}' is missing: rate it or send it with a null rating (not assessed).");
            }
        }
        if (request.Recommendation is null || !Recommendations.All.Contains(request.Recommendation))
        {
            Add("recommendation", $"Expected one of {string.Join(", ", Recommendations.All)}.");
        }
        if (request.Summary is { Length: > 10000 })
        {
            Add("summary", "At most 10000 characters.");
        }
        if (errors.Count > 0)
        {
            return new SubmitOutcome.Invalid(errors);
        }

        return new SubmitOutcome.Accepted(new ScorecardSubmitted(scorecard.Id, scorecard.CandidateId, scorecard.InterviewerId,
            scorecard.InterviewType,
            ratings.Select(r => new Rating(r.Competency!, r.Rating, r.Evidence)).ToList(),
            request.Recommendation!, request.Summary, now, actor));
    }

    public static async Task<IResult> Handle(Guid interviewId, SubmitScorecard request, IDocumentSession session,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ScorecardDetails>(interviewId, cancellationToken);
        if (stream.Aggregate is null)
        {
            return Problem.NotFound("Interview", interviewId);
        }
        switch (Decide(stream.Aggregate, request, Identity.InterviewerOf(http.User), clock.GetUtcNow(), Actors.Of(http)))
        {
            case SubmitOutcome.Invalid invalid:
                return Problem.Invalid(invalid.Errors);
            case SubmitOutcome.AlreadySubmitted:
                return Problem.Conflict("This scorecard was already submitted; it cannot change. File an amendment instead.");
            case SubmitOutcome.NotAssigned:
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your interview",
                    detail: "Only the interviewer assigned to this interview may submit its scorecard.");
            case SubmitOutcome.Accepted accepted:
                stream.AppendOne(accepted.Event);
                // Optimistic concurrency: a racing submission for the same scorecard fails with 409.
                await session.SaveChangesAsync(cancellationToken);
                return Results.Ok(await session.LoadAsync<ScorecardDetails>(interviewId, cancellationToken));
            default:
                throw new InvalidOperationException("Unknown outcome.");
        }
    }
}

public static class ScorecardEndpoints
{
    public static IEndpointRouteBuilder MapScorecardEndpoints(this IEndpointRouteBuilder app)
    {
        var scorecards = app.MapGroup("/api/v1/scorecards").WithTags("Scorecards");
        scorecards.MapPost("/{interviewId:guid}", SubmitScorecardHandler.Handle).WithName("SubmitScorecard");
        scorecards.MapGet("/{interviewId:guid}", async (Guid interviewId, IQuerySession session, CancellationToken token) =>
                await session.LoadAsync<ScorecardDetails>(interviewId, token) is { } details
                    ? Results.Ok(details)
                    : Problem.NotFound("Interview", interviewId))
            .WithName("GetScorecard");
        scorecards.MapGet("/", async (Guid? candidateId, IQuerySession session, CancellationToken token) =>
                candidateId is { } id
                    ? Results.Ok(await session.Query<ScorecardDetails>().Where(s => s.CandidateId == id)
                        .OrderBy(s => s.StartsAt).ToListAsync(token))
                    : Problem.Invalid(new Dictionary<string, string[]> { ["candidateId"] = ["Required."] }))
            .WithName("GetCandidateScorecards");
        return app;
    }
}
