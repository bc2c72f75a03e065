namespace HiringPlatform.LoopPlanner.Applications;

using System.Globalization;
using System.Text;
using HiringPlatform.ServiceDefaults.Problems;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

/// <summary>
/// Where each application stands in the change feed: the sequence of the last event that changed
/// it, and when. Async: the daemon applies events strictly in sequence order and only up to the
/// high-water mark (every lower sequence committed), so a cursor over <see cref="Position"/> never
/// skips a change that commits late and never repeats one under concurrent inserts.
/// </summary>
public sealed record CandidateFeedEntry(Guid Id, long Position, DateTimeOffset UpdatedAt);

public sealed partial class CandidateFeedProjection : EventProjection
{
    public static void Project(IEvent<ApplicationSubmitted> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewLoopPlanned> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewLoopRevised> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewLoopCancelled> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<ApplicationWithdrawn> e, IDocumentOperations operations) => Touch(e, operations);

    private static void Touch(IEvent e, IDocumentOperations operations) =>
        operations.Store(new CandidateFeedEntry(e.StreamId, e.Sequence, e.Timestamp));
}

/// <summary>
/// One page of the feed: the applications, the cursor after the last of them (always given, so a
/// sync client can come back later with it and see only what changed since), and whether more
/// pages are ready now (then a Link rel="next" header names the next page too).
/// </summary>
public sealed record CandidatePage(IReadOnlyList<ApplicationDetails> Items, string Next, bool HasMore);

/// <summary>GET /api/v1/candidates: cursor pagination over the change feed, with an updated_after filter for incremental sync.</summary>
public static class CandidateFeedEndpoint
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static async Task<IResult> List(HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var after = 0L;
        if (query["cursor"].ToString() is { Length: > 0 } cursor && !TryDecode(cursor, out after))
        {
            errors["cursor"] = ["Not a cursor this API gave out; start without one or use the `next` of the last page."];
        }
        DateTimeOffset? updatedAfter = null;
        if (query["updated_after"].ToString() is { Length: > 0 } since)
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                updatedAfter = parsed.ToUniversalTime();
            }
            else
            {
                errors["updated_after"] = [$"'{since}' is not an ISO 8601 moment (e.g. 2026-11-27T10:00:00Z)."];
            }
        }
        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } text && (!int.TryParse(text, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"Between 1 and {MaxLimit}."];
        }
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        var entries = session.Query<CandidateFeedEntry>().Where(e => e.Position > after);
        if (updatedAfter is { } moment)
        {
            entries = entries.Where(e => e.UpdatedAt > moment);
        }
        var page = await entries.OrderBy(e => e.Position).Take(limit + 1).ToListAsync(cancellationToken);
        var shown = page.Take(limit).ToList();
        var details = (await session.LoadManyAsync<ApplicationDetails>(cancellationToken, shown.Select(e => e.Id)))
            .ToDictionary(d => d.Id);
        var hasMore = page.Count > limit;
        var next = Encode(shown.Count > 0 ? shown[^1].Position : after);
        if (hasMore)
        {
            var link = $"{http.Request.PathBase}{http.Request.Path}?cursor={next}&limit={limit}"
                + (updatedAfter is { } u ? $"&updated_after={Uri.EscapeDataString(u.ToString("O", CultureInfo.InvariantCulture))}" : "");
            http.Response.Headers.Link = $"<{link}>; rel=\"next\"";
        }
        return Results.Ok(new CandidatePage(shown.Where(e => details.ContainsKey(e.Id)).Select(e => details[e.Id]).ToList(), next,
            hasMore));
    }

    public static string Encode(long position) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"feed:{position.ToString(CultureInfo.InvariantCulture)}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string cursor, out long position)
    {
        position = 0;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("feed:", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out position) && position >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
