namespace HiringPlatform.ServiceDefaults.Http;

using System.Globalization;
using HiringPlatform.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;

/// <summary>
/// ETag / If-Match on resources that are event streams: the tag is the stream's version. A write
/// with an If-Match that names another version is refused with 412, so a client never overwrites
/// a change it has not seen.
/// </summary>
public static class EntityTags
{
    public static string For(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpContext http, long version) => http.Response.Headers.ETag = For(version);

    /// <summary>
    /// The checks a write to an event-sourced resource starts with, in this order: 404 when
    /// <paramref name="resource"/> was not found, 412 when If-Match names another version than
    /// <paramref name="version"/>, 409 when <paramref name="conflict"/> says its state refuses the write.
    /// Null when the write may go ahead.
    /// </summary>
    public static IResult? RefuseWrite<T>(HttpContext http, T? resource, string what, Guid id, Func<T, long> version,
        Func<T, string?>? conflict = null)
        where T : class
    {
        if (resource is null)
        {
            return Problem.NotFound(what, id);
        }
        if (PreconditionFailed(http, version(resource)) is { } stale)
        {
            return stale;
        }
        return conflict?.Invoke(resource) is { } reason ? Problem.Conflict(reason) : null;
    }

    /// <summary>412 problem+json when If-Match is given and matches neither * nor the current version; otherwise null.</summary>
    public static IResult? PreconditionFailed(HttpContext http, long currentVersion)
    {
        var ifMatch = http.Request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return null;
        }
        var current = For(currentVersion);
        var tags = ifMatch.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (tags.Any(tag => tag == "*" || tag == current || tag == "W/" + current))
        {
            return null;
        }
        http.Response.Headers.ETag = current;
        return Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, type: ProblemTypes.PreconditionFailed,
            title: "The resource changed since you read it",
            detail: $"If-Match named {string.Join(", ", ifMatch.ToArray())}, but the current version is {current}; read it again.");
    }
}
