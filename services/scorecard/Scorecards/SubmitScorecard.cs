namespace HiringPlatform.Scorecard.Scorecards;

using HiringPlatform.Scorecard.Decisions;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;
using Marten;

/// <summary>The body of POST /api/v1/scorecards/{scorecardId}/amendments.</summary>
public sealed record AmendScorecard(
    IReadOnlyList<RatingInput>? Ratings,
    [property: ClosedSet(typeof(Recommendations))] string? Recommendation,
    IReadOnlyList<ProbeInput>? Probes,
    string? Summary,
    string? Reason);

public abstract record ScorecardOutcome
{
    public sealed record Accepted(object Event) : ScorecardOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : ScorecardOutcome;

    public sealed record Conflict(string Detail) : ScorecardOutcome;

    public sealed record NotAssigned : ScorecardOutcome;

    /// <summary>The interview has not started yet: its scorecard opens at its scheduled start.</summary>
    public sealed record NotOpenYet(DateTimeOffset OpensAt) : ScorecardOutcome;
}

/// <summary>Submitting and amending, as pure decisions over the scorecard as it stands.</summary>
public static class ScorecardDecisions
{
    /// <summary>
    /// A scorecard is evidence of an interview that took place: it opens at the interview's scheduled
    /// start (a reschedule moves the start, and with it the opening).
    /// </summary>
    public static bool IsOpen(ScorecardDetails card, DateTimeOffset now) => now >= card.StartsAt;

    /// <summary>The assigned interviewer submits once, after the interview started, a complete and valid card.</summary>
    public static ScorecardOutcome Submit(ScorecardDetails card, ScorecardContent content, Guid? interviewer,
        DateTimeOffset now, string actor)
    {
        if (interviewer != card.InterviewerId)
        {
            return new ScorecardOutcome.NotAssigned();
        }
        switch (card.Status)
        {
            case ScorecardDetails.Submitted:
                return new ScorecardOutcome.Conflict("This scorecard was already submitted; it cannot change. File an amendment instead.");
            case ScorecardDetails.Voided:
                return new ScorecardOutcome.Conflict($"This interview was cancelled ({card.VoidReason}); its scorecard is void.");
        }
        if (!IsOpen(card, now))
        {
            return new ScorecardOutcome.NotOpenYet(card.StartsAt);
        }
        var errors = ScorecardContentRules.Validate(card, content);
        if (errors.Count > 0)
        {
            return new ScorecardOutcome.Invalid(errors);
        }
        return new ScorecardOutcome.Accepted(new ScorecardSubmitted(card.Id, card.InterviewId, card.CandidateId, card.InterviewerId,
            card.InterviewType, ScorecardContentRules.RatingsOf(content), content.Recommendation!,
            ScorecardContentRules.ProbesOf(content), content.Summary, card.CountsTowardDecision, card.Stage, now, actor));
    }

    /// <summary>A correction: by the same interviewer, to a submitted card, with a reason; the original stays.</summary>
    public static ScorecardOutcome Amend(ScorecardDetails card, AmendScorecard request, Guid? interviewer, bool decided,
        DateTimeOffset now, string actor)
    {
        if (interviewer != card.InterviewerId)
        {
            return new ScorecardOutcome.NotAssigned();
        }
        if (card.Status != ScorecardDetails.Submitted)
        {
            return new ScorecardOutcome.Conflict("Only a submitted scorecard can be amended; submit it first.");
        }
        if (!IsOpen(card, now))
        {
            // Unreachable through submission (which waits for the start too), kept so an amendment can never predate the interview.
            return new ScorecardOutcome.NotOpenYet(card.StartsAt);
        }
        var content = new ScorecardContent(request.Ratings, request.Recommendation, request.Probes, request.Summary);
        var errors = ScorecardContentRules.Validate(card, content);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["Required: why the scorecard is corrected."];
        }
        else if (request.Reason.Length > 2000)
        {
            errors["reason"] = ["At most 2000 characters."];
        }
        if (errors.Count > 0)
        {
            return new ScorecardOutcome.Invalid(errors);
        }
        return new ScorecardOutcome.Accepted(new ScorecardAmended(card.Id, card.CandidateId, card.InterviewId, card.InterviewerId,
            card.Amendments.Count + 1,
            ScorecardContentRules.RatingsOf(content), content.Recommendation!, ScorecardContentRules.ProbesOf(content),
            content.Summary, request.Reason!.Trim(), decided, now, actor));
    }
}

public static class ScorecardWriteEndpoints
{
    public static Task<IResult> Submit(Guid scorecardId, ScorecardContent request, IDocumentSession session, ISessionFactory sessions,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        Redecided.RunAsync(http, session, sessions, attempt => SubmitAsync(scorecardId, request, attempt, clock, http, cancellationToken));

    public static Task<IResult> Amend(Guid scorecardId, AmendScorecard request, IDocumentSession session, ISessionFactory sessions,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken) =>
        Redecided.RunAsync(http, session, sessions, attempt => AmendAsync(scorecardId, request, attempt, clock, http, cancellationToken));

    private static async Task<IResult> SubmitAsync(Guid scorecardId, ScorecardContent request, IDocumentSession session,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ScorecardDetails>(scorecardId, cancellationToken);
        if (stream.Aggregate is null)
        {
            return Problem.NotFound("Scorecard", scorecardId);
        }
        if (await session.LoadAsync<Erasure.ErasedCandidate>(stream.Aggregate.CandidateId, cancellationToken) is { } erased)
        {
            return Problem.Conflict($"Candidate {erased.Id} was erased on {erased.ErasedAt:O}; their scorecards take no more text.");
        }
        var outcome = ScorecardDecisions.Submit(stream.Aggregate, request, Identity.InterviewerOf(http.User),
            clock.GetUtcNow(), Actors.Of(http));
        return await Apply(outcome, stream, session, http, cancellationToken);
    }

    private static async Task<IResult> AmendAsync(Guid scorecardId, AmendScorecard request, IDocumentSession session,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ScorecardDetails>(scorecardId, cancellationToken);
        if (stream.Aggregate is null)
        {
            return Problem.NotFound("Scorecard", scorecardId);
        }
        if (await session.LoadAsync<Erasure.ErasedCandidate>(stream.Aggregate.CandidateId, cancellationToken) is { } erased)
        {
            return Problem.Conflict($"Candidate {erased.Id} was erased on {erased.ErasedAt:O}; their scorecards take no more text.");
        }
        var debrief = await session.LoadAsync<CandidateDebrief>(stream.Aggregate.CandidateId, cancellationToken);
        var outcome = ScorecardDecisions.Amend(stream.Aggregate, request, Identity.InterviewerOf(http.User),
            debrief?.Decision is not null, clock.GetUtcNow(), Actors.Of(http));
        return await Apply(outcome, stream, session, http, cancellationToken);
    }

    private static async Task<IResult> Apply(ScorecardOutcome outcome, JasperFx.Events.IEventStream<ScorecardDetails> stream,
        IDocumentSession session, HttpContext http, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case ScorecardOutcome.Invalid invalid:
                return Problem.Invalid(invalid.Errors);
            case ScorecardOutcome.Conflict conflict:
                return Problem.Conflict(conflict.Detail);
            case ScorecardOutcome.NotAssigned:
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your interview",
                    detail: "Only the interviewer assigned to this interview may write its scorecard.");
            case ScorecardOutcome.NotOpenYet notOpen:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict,
                    title: "The scorecard is not open yet",
                    detail: $"The interview starts at {notOpen.OpensAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}; its scorecard opens then.",
                    extensions: new Dictionary<string, object?> { ["opensAt"] = notOpen.OpensAt });
            case ScorecardOutcome.Accepted when EntityTags.PreconditionFailed(http, stream.Aggregate!.Version) is { } stale:
                // Checked once the caller is known to be the card's interviewer and the write valid.
                return stale;
            case ScorecardOutcome.Accepted accepted:
                stream.AppendOne(accepted.Event);
                // Optimistic concurrency on the scorecard's stream: of two racing writes, one wins; the other is decided
                // again on the card as it now stands (Redecided), or gets 409 when it pinned a version with If-Match.
                await session.SaveChangesAsync(cancellationToken);
                var saved = await session.LoadAsync<ScorecardDetails>(stream.Id, cancellationToken);
                EntityTags.Set(http, saved!.Version);
                return Results.Ok(saved);
            default:
                throw new InvalidOperationException("Unknown outcome.");
        }
    }
}
