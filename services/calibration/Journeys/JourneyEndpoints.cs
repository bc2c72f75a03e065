namespace HiringPlatform.Calibration.Journeys;

using System.Globalization;
using System.Text.RegularExpressions;
using HiringPlatform.Contracts;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;

/// <summary>One step of a candidate's journey as the API shows it; Version is the order calibration recorded it in.</summary>
public sealed record JourneyStep(long Version, string Type, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt,
    string Actor, object Event);

public sealed record Journey(Guid CandidateId, DateTimeOffset? AsOf, IReadOnlyList<JourneyStep> Steps);

public static partial class JourneyEndpoints
{
    public static IEndpointRouteBuilder MapJourneyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/calibration/journeys/{candidateId:guid}", GetJourney)
            .WithTags("Journeys")
            .RequireAuthorization(policy => policy.RequireRole(Reports.ReportEndpoints.Readers))
            .WithRoles(HiringPlatform.ServiceDefaults.Security.RoutePolicies.CalibrationRead)
            .WithName("GetJourney").Produces<Journey>()
            .WithSummary("A candidate's journey in the order calibration recorded it; `asOf` replays it as it stood then.");
        app.MapGet("/api/v1/calibration/journeys", ListJourneys)
            .WithTags("Journeys")
            .WithName("ListJourneys").Produces<Page<JourneySummary>>()
            .WithPaging()
            .RequireAuthorization(policy => policy.RequireRole(Reports.ReportEndpoints.Readers))
            .WithRoles(HiringPlatform.ServiceDefaults.Security.RoutePolicies.CalibrationRead)
            .WithSummary("Where each candidate's journey stands, in the order calibration last recorded something; cursor pagination (`next`, `hasMore`, Link rel=next) with updated_after (business time of the journey's latest event).")
            .WithDescription("Roles: analyst, compliance, admin. Keyed on the event sequence of the journey's last event: paging while events arrive neither skips nor repeats a journey that did not change; a journey that changed reappears later with its new state.");
        return app;
    }

    private static Task<IResult> ListJourneys(IQuerySession session, HttpContext http, CancellationToken token) =>
        Paging.ListAsync(http,
            async page => await Paging.Window(session.Query<JourneySummary>(), page, j => j.LastSequence, j => j.LastEventAt).ToListAsync(token),
            j => j.LastSequence,
            shown => Task.FromResult(shown));

    private static async Task<IResult> GetJourney(Guid candidateId, string? asOf, IQuerySession session, CancellationToken token)
    {
        DateTimeOffset? moment = null;
        if (asOf is not null)
        {
            if (!DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Problem.Invalid(new Dictionary<string, string[]>
                {
                    ["asOf"] = [$"'{asOf}' is not an ISO 8601 moment (e.g. 2026-11-27T10:00:00Z)."],
                });
            }
            moment = parsed.ToUniversalTime();
        }

        var events = moment is { } at
            ? await session.Events.FetchStreamAsync(candidateId, timestamp: at, token: token)
            : await session.Events.FetchStreamAsync(candidateId, token: token);
        if (events.Count == 0)
        {
            return Problem.NotFound("Journey", candidateId);
        }
        var steps = events
            .Where(e => e.Data is IIntegrationEvent)
            .Select(e =>
            {
                var data = (IIntegrationEvent)e.Data;
                return new JourneyStep(e.Version, Kebab(e.Data.GetType().Name), data.OccurredAt, e.Timestamp, data.Actor, e.Data);
            })
            // Services publish concurrently, so arrival order is not causal order: show the journey in
            // business time, with the natural order of the pipeline breaking ties.
            .OrderBy(step => step.OccurredAt)
            .ThenBy(step => PipelineRank(step.Event))
            .ThenBy(step => step.Version)
            .ToList();
        return Results.Ok(new Journey(candidateId, moment, steps));
    }

    private static int PipelineRank(object @event) => @event switch
    {
        Contracts.LoopPlanner.CandidateApplied => 0,
        Contracts.LoopPlanner.LoopPlanned => 1,
        Contracts.LoopPlanner.LoopRevised => 2,
        Contracts.Scheduling.InterviewScheduled or Contracts.Scheduling.SchedulingFailed => 3,
        Contracts.Scheduling.InterviewRescheduled or Contracts.Scheduling.InterviewCancelled => 4,
        Contracts.Scheduling.InterviewHeld => 5,
        Contracts.Scorecard.ScorecardSubmitted or Contracts.Scorecard.ScorecardOverdue => 5,
        Contracts.Scorecard.ScorecardAmended or Contracts.Scorecard.ScorecardsViewed => 5,
        Contracts.Scorecard.DecisionRecorded => 6,
        Contracts.LoopPlanner.LoopCancelled or Contracts.LoopPlanner.ApplicationWithdrawn => 7,
        _ => 8,
    };

    private static string Kebab(string name) => CapitalRegex().Replace(name, "-$1").ToLowerInvariant();

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex CapitalRegex();
}
