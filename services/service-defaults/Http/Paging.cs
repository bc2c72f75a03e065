namespace HiringPlatform.ServiceDefaults.Http;

using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using HiringPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;

/// <summary>What a list request asks for: the position after which to continue, an updated_after moment, and a page size.</summary>
public sealed record PageQuery(long After, DateTimeOffset? UpdatedAfter, int Limit);

/// <summary>
/// One page of a list: the items, the cursor after the last of them (always given, so a sync client
/// can come back later and see only what changed since), and whether more are ready now (then a
/// Link rel="next" header names the next page too).
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string Next, bool HasMore);

/// <summary>
/// Cursor pagination shared by every list: `cursor` (opaque, from `next`), `limit` and `updated_after`
/// in the query; the body carries `next` and `hasMore`, the Link header rel="next". The position a
/// cursor holds is an immutable monotonic value chosen by the list (an event sequence or a stream
/// version), so a page never skips or repeats an entry when others are inserted meanwhile.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private const string Prefix = "feed:";

    /// <summary>Reads cursor, limit and updated_after; adds any error (keyed by parameter) to <paramref name="errors"/>.</summary>
    public static PageQuery Read(HttpContext http, IDictionary<string, string[]> errors)
    {
        var query = http.Request.Query;
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
        if (query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"Between 1 and {MaxLimit}."];
        }
        return new PageQuery(after, updatedAfter, limit);
    }

    /// <summary>
    /// A whole list request: reads the page (422 problem+json naming each bad parameter), fetches up
    /// to limit + 1 entries after the cursor (and updated_after) in position order, and answers the page
    /// of their items.
    /// </summary>
    public static async Task<IResult> ListAsync<TEntry, TItem>(HttpContext http, Func<PageQuery, Task<IReadOnlyList<TEntry>>> fetch,
        Func<TEntry, long> position, Func<IReadOnlyList<TEntry>, Task<IReadOnlyList<TItem>>> items)
    {
        var errors = new Dictionary<string, string[]>();
        var page = Read(http, errors);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        return Results.Ok(await ToPageAsync(http, page, await fetch(page), position, items));
    }

    /// <summary>
    /// The entries a page asks for, as a query: after the cursor's position, changed after
    /// updated_after when given, in position order, limit + 1 of them (one more says there are more).
    /// </summary>
    public static IQueryable<TEntry> Window<TEntry>(IQueryable<TEntry> entries, PageQuery page,
        Expression<Func<TEntry, long>> position, Expression<Func<TEntry, DateTimeOffset>> updatedAt)
    {
        var window = entries.Where(Expression.Lambda<Func<TEntry, bool>>(
            Expression.GreaterThan(position.Body, Expression.Constant(page.After)), position.Parameters));
        if (page.UpdatedAfter is { } moment)
        {
            window = window.Where(Expression.Lambda<Func<TEntry, bool>>(
                Expression.GreaterThan(updatedAt.Body, Expression.Constant(moment)), updatedAt.Parameters));
        }
        return window.OrderBy(position).Take(page.Limit + 1);
    }

    /// <summary>The items of the entries shown, in the entries' order; an entry whose item no longer exists is left out.</summary>
    public static IReadOnlyList<TItem> InOrder<TEntry, TItem>(IReadOnlyList<TEntry> shown, Func<TEntry, Guid> entryId,
        IEnumerable<TItem> found, Func<TItem, Guid> itemId)
    {
        var byId = found.ToDictionary(itemId);
        return shown.Select(entryId).Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    /// <summary>
    /// The page of <paramref name="fetched"/> (up to limit + 1 entries in position order, so one more
    /// means there are more): sets the Link header when there are, and maps the shown entries to items.
    /// </summary>
    public static async Task<Page<TItem>> ToPageAsync<TEntry, TItem>(HttpContext http, PageQuery page, IReadOnlyList<TEntry> fetched,
        Func<TEntry, long> position, Func<IReadOnlyList<TEntry>, Task<IReadOnlyList<TItem>>> items)
    {
        var shown = fetched.Take(page.Limit).ToList();
        var hasMore = fetched.Count > page.Limit;
        var next = Encode(shown.Count > 0 ? position(shown[^1]) : page.After);
        if (hasMore)
        {
            http.Response.Headers.Link = $"<{NextLink(http, next)}>; rel=\"next\"";
        }
        return new Page<TItem>(await items(shown), next, hasMore);
    }

    /// <summary>The same request with the cursor replaced (other filters and the limit kept).</summary>
    private static string NextLink(HttpContext http, string next)
    {
        var parameters = http.Request.Query.Where(p => p.Key != "cursor")
            .SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Prepend($"cursor={next}");
        return $"{http.Request.PathBase}{http.Request.Path}?{string.Join('&', parameters)}";
    }

    public static string Encode(long position) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(Prefix + position.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string cursor, out long position)
    {
        position = 0;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out position) && position >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
