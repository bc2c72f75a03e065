namespace HiringPlatform.Scorecard.Scorecards;

using System.ComponentModel.DataAnnotations;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;
using Marten;
using Microsoft.Extensions.Options;

/// <summary>When a scorecard is overdue, and how often the service looks.</summary>
public sealed class ScorecardOptions
{
    public const string Section = "Scorecards";

    /// <summary>How long after the interview ends the scorecard is due (default 24 hours).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Sla { get; set; } = TimeSpan.FromHours(24);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public static class OverdueRule
{
    public static DateTimeOffset DueAt(ScorecardDetails card, TimeSpan sla) => card.EndsAt + sla;

    /// <summary>Pending, not yet marked, and past its due time.</summary>
    public static bool IsNewlyOverdue(ScorecardDetails card, DateTimeOffset now, TimeSpan sla) =>
        card.Status == ScorecardDetails.Pending && card.OverdueSince is null && DueAt(card, sla) <= now;
}

/// <summary>
/// Marks overdue scorecards on the service's clock (a TimeProvider, so tests control time); the
/// outbox then publishes ScorecardOverdue. Several instances may run: the scorecard's stream
/// version makes a second marking of the same card fail, and it is skipped.
/// </summary>
public sealed partial class OverdueScorecardsMonitor(IDocumentStore store, TimeProvider clock, IOptions<ScorecardOptions> options,
    ILogger<OverdueScorecardsMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OverdueCheckInterval, clock);
        do
        {
            try
            {
                await MarkOverdueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCheckFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> MarkOverdueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - options.Value.Sla;
        await using var query = store.QuerySession();
        var due = await query.Query<ScorecardDetails>()
            .Where(s => s.Status == ScorecardDetails.Pending && s.OverdueSince == null && s.EndsAt <= cutoff)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
        var marked = 0;
        foreach (var id in due)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<ScorecardDetails>(id, cancellationToken);
            if (stream.Aggregate is not { } card || !OverdueRule.IsNewlyOverdue(card, now, options.Value.Sla))
            {
                continue;
            }
            stream.AppendOne(new ScorecardMarkedOverdue(id, card.CandidateId, card.InterviewId, card.InterviewerId, card.EndsAt,
                OverdueRule.DueAt(card, options.Value.Sla), now, Actors.System("scorecard")));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                marked++;
            }
            catch (Exception exception) when (exception is JasperFx.ConcurrencyException
                or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
            {
                // Another instance (or a submission) got there first.
            }
        }
        return marked;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The overdue-scorecard check failed; it runs again at the next tick")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}

public static class OverdueEndpoints
{
    /// <summary>
    /// Overdue scorecards per interviewer (an interviewer sees only their own) or per recruiter
    /// (the user or system that submitted the candidates); oversight roles may see every one.
    /// </summary>
    public static async Task<IResult> List(Guid? interviewerId, string? recruiter, IQuerySession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        var reader = Reader.Of(http.User);
        if (!reader.Oversees)
        {
            if (Identity.InterviewerOf(http.User) is not { } me || (interviewerId is { } asked && asked != me))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only your own",
                    detail: "An interviewer sees only their own overdue scorecards.");
            }
            interviewerId = me;
        }
        var errors = new Dictionary<string, string[]>();
        var page = Paging.Read(http, errors);
        if (recruiter is { Length: > 200 })
        {
            errors["recruiter"] = ["At most 200 characters."];
        }
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        var overdue = session.Query<ScorecardFeedEntry>()
            .Where(e => e.Status == ScorecardDetails.Pending && e.OverdueSince != null);
        if (interviewerId is { } interviewer)
        {
            overdue = overdue.Where(s => s.InterviewerId == interviewer);
        }
        if (recruiter is not null)
        {
            var candidates = await session.Query<CandidateRecruiter>().Where(c => c.Recruiter == recruiter)
                .Select(c => c.Id).ToListAsync(cancellationToken);
            overdue = overdue.Where(s => candidates.Contains(s.CandidateId));
        }
        var fetched = await Paging.Window(overdue, page, e => e.Position, e => e.UpdatedAt).ToListAsync(cancellationToken);
        return Results.Ok(await Paging.ToPageAsync(http, page, fetched, e => e.Position, shown => ScorecardReadEndpoints.Cards(session,
            shown, c => c.Status == ScorecardDetails.Pending && c.OverdueSince != null
                && (interviewerId is not { } only || c.InterviewerId == only), cancellationToken)));
    }
}
