namespace HiringPlatform.Scorecard.Decisions;

using HiringPlatform.Scorecard.Scorecards;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>The body of POST /api/v1/decisions.</summary>
public sealed record RecordDecision(
    Guid? CandidateId,
    [property: ClosedSet(typeof(Decisions))] string? Decision,
    string? Rationale,
    string? DecidedBy,
    bool OverrideMissingScorecards = false);

public abstract record DecisionOutcome
{
    public sealed record Recorded(DecisionRecorded Event) : DecisionOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : DecisionOutcome;

    public sealed record MissingScorecards(IReadOnlyList<Guid> Pending) : DecisionOutcome;

    public sealed record AlreadyDecided : DecisionOutcome;
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
        if (request.DecidedBy is { Length: > 200 })
        {
            errors["decidedBy"] = ["At most 200 characters."];
        }
        return errors;
    }

    /// <summary>
    /// The decision, once every counting scorecard is in (or the missing ones explicitly
    /// overridden), with the counting panel's recommendations and whether it went against their
    /// majority. Trainees' scorecards and void ones never count.
    /// </summary>
    public static DecisionOutcome Decide(RecordDecision request, CandidateDebrief? debrief, IReadOnlyList<ScorecardDetails> scorecards,
        DateTimeOffset now, string actor)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return new DecisionOutcome.Invalid(errors);
        }
        if (debrief?.Decision is not null)
        {
            return new DecisionOutcome.AlreadyDecided();
        }
        var counting = scorecards.Where(s => s.CountsTowardDecision && s.Status != ScorecardDetails.Voided).ToList();
        var pending = counting.Where(s => s.Status == ScorecardDetails.Pending).Select(s => s.Id).ToList();
        if (pending.Count > 0 && !request.OverrideMissingScorecards)
        {
            return new DecisionOutcome.MissingScorecards(pending);
        }
        var panel = counting.Where(s => s.Status == ScorecardDetails.Submitted)
            .OrderBy(s => s.StartsAt)
            .Select(s => new PanelVote(s.InterviewId, s.InterviewerId, s.Amendments.LastOrDefault()?.Recommendation ?? s.Recommendation!))
            .ToList();
        return new DecisionOutcome.Recorded(new DecisionRecorded(request.CandidateId!.Value, request.Decision!,
            request.Rationale!.Trim(), request.DecidedBy?.Trim() is { Length: > 0 } by ? by : actor, panel,
            AgainstMajority(request.Decision!, panel), pending.Count > 0, now, actor));
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
        // Optimistic concurrency on the candidate's debrief: of two racing decisions, one is recorded.
        var debrief = await session.Events.FetchForWriting<CandidateDebrief>(candidateId, cancellationToken);
        switch (Decide(request, debrief.Aggregate, scorecards, clock.GetUtcNow(), Actors.Of(http)))
        {
            case DecisionOutcome.Invalid invalid:
                return Problem.Invalid(invalid.Errors);
            case DecisionOutcome.AlreadyDecided:
                return Problem.Conflict("A decision is already recorded for this candidate.");
            case DecisionOutcome.MissingScorecards missing:
                return Problem.Conflict($"{missing.Pending.Count} counting scorecard(s) are not submitted yet "
                    + $"({string.Join(", ", missing.Pending)}); wait for them or set overrideMissingScorecards.");
            case DecisionOutcome.Recorded recorded:
                debrief.AppendOne(recorded.Event);
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
        var decisions = app.MapGroup("/api/v1/decisions").WithTags("Decisions")
            .WithRoles(RoutePolicies.HrRead, RoutePolicies.DecisionWrite);
        decisions.MapPost("/", RecordDecisionHandler.Handle).WithName("RecordDecision").Produces<CandidateDecision>(StatusCodes.Status201Created)
            .WithSummary("Record the hiring decision once every counting scorecard is in (or override that, said so in the record).")
            .WithExample(request: new RecordDecision(Guid.Parse("0193a1b2-0000-7000-8000-000000000001"), "hire",
                "Strong signal on ML systems; the coding concerns were addressed in the deep dive.", "hm-jordan"));
        decisions.MapGet("/{candidateId:guid}", async (Guid candidateId, IQuerySession session, CancellationToken token) =>
                await session.LoadAsync<CandidateDebrief>(candidateId, token) is { Decision: { } decision }
                    ? Results.Ok(CandidateDecision.From(decision))
                    : Problem.NotFound("Decision", candidateId))
            .WithName("GetDecision").Produces<CandidateDecision>().WithSummary("The decision recorded for a candidate.");
        return app;
    }
}
