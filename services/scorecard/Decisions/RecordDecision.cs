namespace HiringPlatform.Scorecard.Decisions;

using HiringPlatform.Scorecard.Scorecards;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;

/// <summary>The body of POST /api/v1/decisions.</summary>
public sealed record RecordDecision(
    Guid? CandidateId,
    string? Decision,
    string? Rationale,
    string? DecidedBy,
    bool OverrideMissingScorecards = false);

public abstract record DecisionOutcome
{
    public sealed record Recorded(DecisionRecorded Event) : DecisionOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : DecisionOutcome;

    public sealed record MissingScorecards(IReadOnlyList<Guid> Pending) : DecisionOutcome;
}

public static class RecordDecisionHandler
{
    public static Dictionary<string, string[]> Validate(RecordDecision request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.CandidateId is null || request.CandidateId == Guid.Empty)
        {
            errors["candidateId"] = ["Required."];
        }
        if (request.Decision is null || !Decisions.All.Contains(request.Decision))
        {
            errors["decision"] = [$"Expected one of {string.Join(", ", Decisions.All)}."];
        }
        if (string.IsNullOrWhiteSpace(request.Rationale))
        {
            errors["rationale"] = ["Required: why this decision."];
        }
        else if (request.Rationale.Length > 10000)
        {
            errors["rationale"] = ["At most 10000 characters."];
        }
        if (string.IsNullOrWhiteSpace(request.DecidedBy))
        {
            errors["decidedBy"] = ["Required: who decided."];
        }
        else if (request.DecidedBy.Length > 200)
        {
            errors["decidedBy"] = ["At most 200 characters."];
        }
        return errors;
    }

    /// <summary>
    /// The decision once every scorecard is in (or missing ones explicitly overridden), with the
    /// panel's recommendations and whether it went against the panel's majority.
    /// </summary>
    public static DecisionOutcome Decide(RecordDecision request, IReadOnlyList<ScorecardDetails> scorecards,
        DateTimeOffset now, string actor)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return new DecisionOutcome.Invalid(errors);
        }
        var pending = scorecards.Where(s => s.Status != ScorecardDetails.Submitted).Select(s => s.Id).ToList();
        if (pending.Count > 0 && !request.OverrideMissingScorecards)
        {
            return new DecisionOutcome.MissingScorecards(pending);
        }
        var panel = scorecards.Where(s => s.Status == ScorecardDetails.Submitted)
            .OrderBy(s => s.StartsAt)
            .Select(s => new PanelVote(s.Id, s.InterviewerId, s.Recommendation!))
            .ToList();
        return new DecisionOutcome.Recorded(new DecisionRecorded(request.CandidateId!.Value, request.Decision!,
            request.Rationale!.Trim(), request.DecidedBy!.Trim(), panel, AgainstMajority(request.Decision!, panel),
            pending.Count > 0, now, actor));
    }

    /// <summary>Hire against a panel mostly saying no, or no-hire against a panel mostly saying yes.</summary>
    public static bool AgainstMajority(string decision, IReadOnlyList<PanelVote> panel)
    {
        var yes = panel.Count(v => Recommendations.IsPositive(v.Recommendation));
        var no = panel.Count - yes;
        return decision switch
        {
            "hire" => no > yes,
            "no_hire" => yes > no,
            _ => false,
        };
    }

    public static async Task<IResult> Handle(RecordDecision request, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        var candidateId = request.CandidateId!.Value;
        var scorecards = await session.Query<ScorecardDetails>().Where(s => s.CandidateId == candidateId).ToListAsync(cancellationToken);
        if (scorecards.Count == 0)
        {
            return Problem.NotFound("Candidate", candidateId);
        }
        switch (Decide(request, scorecards, clock.GetUtcNow(), Actors.Of(http)))
        {
            case DecisionOutcome.Invalid invalid:
                return Problem.Invalid(invalid.Errors);
            case DecisionOutcome.MissingScorecards missing:
                return Problem.Conflict($"{missing.Pending.Count} scorecard(s) are not submitted yet "
                    + $"({string.Join(", ", missing.Pending)}); wait for them or set overrideMissingScorecards.");
            case DecisionOutcome.Recorded recorded:
                var existing = await session.Events.FetchStreamStateAsync(candidateId, cancellationToken);
                if (existing is not null)
                {
                    return Problem.Conflict("A decision is already recorded for this candidate.");
                }
                // The decision stream starts once per candidate: a racing second decision collides (409).
                session.Events.StartStream(candidateId, recorded.Event);
                await session.SaveChangesAsync(cancellationToken);
                return Results.Created($"/api/v1/decisions/{candidateId}", CandidateDecision.From(recorded.Event));
            default:
                throw new InvalidOperationException("Unknown outcome.");
        }
    }
}

/// <summary>A candidate's decision as the API shows it.</summary>
public sealed record CandidateDecision(Guid Id, string Decision, string Rationale, string DecidedBy,
    IReadOnlyList<PanelVote> Panel, bool AgainstPanelMajority, bool OverrodeMissingScorecards, DateTimeOffset RecordedAt)
{
    public static CandidateDecision From(DecisionRecorded e) =>
        new(e.CandidateId, e.Decision, e.Rationale, e.DecidedBy, e.Panel, e.AgainstPanelMajority, e.OverrodeMissingScorecards,
            e.RecordedAt);
}

public static class DecisionEndpoints
{
    public static IEndpointRouteBuilder MapDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        var decisions = app.MapGroup("/api/v1/decisions").WithTags("Decisions");
        decisions.MapPost("/", RecordDecisionHandler.Handle).WithName("RecordDecision");
        decisions.MapGet("/{candidateId:guid}", async (Guid candidateId, IQuerySession session, CancellationToken token) =>
                (await session.Events.FetchStreamAsync(candidateId, token: token)).Select(e => e.Data)
                    .OfType<DecisionRecorded>().FirstOrDefault() is { } decision
                    ? Results.Ok(CandidateDecision.From(decision))
                    : Problem.NotFound("Decision", candidateId))
            .WithName("GetDecision");
        return app;
    }
}
