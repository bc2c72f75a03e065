namespace HiringPlatform.Gateway.Protection;

using System.Globalization;
using System.Threading.RateLimiting;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.RateLimiting;

/// <summary>Requests per client per window: every route, and a stricter budget for expensive routes.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";

    public int PermitLimit { get; set; } = 600;

    public int WindowSeconds { get; set; } = 60;

    public int ExpensivePermitLimit { get; set; } = 10;

    public int ExpensiveWindowSeconds { get; set; } = 60;
}

/// <summary>
/// Per-client fixed windows (client = API key, token subject, or address for anonymous calls).
/// A refused request gets 429 problem+json with Retry-After and the RateLimit-Policy / RateLimit
/// headers of the IETF draft, so well-behaved integrations back off exactly as long as needed.
/// </summary>
public static class RateLimits
{
    /// <summary>The YARP route policy for expensive endpoints (reports).</summary>
    public const string Expensive = "expensive";

    public static WebApplicationBuilder AddGatewayRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(Client(context), _ => Window(limits.PermitLimit, limits.WindowSeconds)));
            options.AddPolicy(Expensive, context =>
                RateLimitPartition.GetFixedWindowLimiter(Client(context),
                    _ => Window(limits.ExpensivePermitLimit, limits.ExpensiveWindowSeconds)));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                var expensive = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Expensive;
                var (limit, window) = expensive
                    ? (limits.ExpensivePermitLimit, limits.ExpensiveWindowSeconds)
                    : (limits.PermitLimit, limits.WindowSeconds);
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? (int)Math.Ceiling(after.TotalSeconds)
                    : window;
                var seconds = retryAfter.ToString(CultureInfo.InvariantCulture);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds;
                http.Response.Headers["RateLimit-Policy"] = $"{limit};w={window}";
                http.Response.Headers["RateLimit"] = $"limit={limit}, remaining=0, reset={seconds}";
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Type = ProblemTypes.RateLimited,
                        Title = "Too many requests",
                        Detail = $"This client may make {limit} such requests per {window} s; retry after {seconds} s.",
                    },
                });
            };
        });
        return builder;
    }

    private static FixedWindowRateLimiterOptions Window(int permits, int seconds) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromSeconds(seconds),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string Client(HttpContext context) =>
        context.User.FindFirst(Roles.ClientClaimType)?.Value
        ?? context.User.FindFirst("sub")?.Value
        ?? "address:" + context.Connection.RemoteIpAddress;
}
