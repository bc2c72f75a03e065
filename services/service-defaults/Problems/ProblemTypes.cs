namespace HiringPlatform.ServiceDefaults.Problems;

using System.Diagnostics;
using Microsoft.AspNetCore.Http;

/// <summary>
/// One stable <c>type</c> URI per kind of error, so integrators can branch on it, and the
/// trace id on every problem so ops can find the request.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:hiring-platform:problem:";

    public const string Validation = Prefix + "validation";
    public const string MalformedRequest = Prefix + "malformed-request";
    public const string NotFound = Prefix + "not-found";
    /// <summary>409: the resource's state refuses the request (retrying the same request will not help).</summary>
    public const string Conflict = Prefix + "conflict";
    /// <summary>409: another request changed the same resource first; read it again and retry.</summary>
    public const string ConcurrentChange = Prefix + "concurrent-change";
    /// <summary>409: a request with the same Idempotency-Key is still running; retry the same request shortly.</summary>
    public const string RequestInProgress = Prefix + "request-in-progress";
    public const string PayloadTooLarge = Prefix + "payload-too-large";
    public const string DependencyUnavailable = Prefix + "dependency-unavailable";
    public const string RateLimited = Prefix + "rate-limited";
    public const string IdempotencyKeyReused = Prefix + "idempotency-key-reused";
    public const string PreconditionFailed = Prefix + "precondition-failed";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string Forbidden = Prefix + "forbidden";
    public const string Unexpected = Prefix + "unexpected";

    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => MalformedRequest,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status422UnprocessableEntity => Validation,
        StatusCodes.Status503ServiceUnavailable => DependencyUnavailable,
        >= 500 => Unexpected,
        _ => Prefix + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static void Customize(Microsoft.AspNetCore.Http.ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = ForStatus(status);
        }
        problem.Instance ??= context.HttpContext.Request.Path;
        var traceId = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        problem.Extensions["traceId"] = traceId;
    }
}
