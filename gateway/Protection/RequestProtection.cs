namespace HiringPlatform.Gateway.Protection;

using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>Body size limit (413 before anything is forwarded) and security headers on every answer.</summary>
public static class RequestProtection
{
    public const string MaxBodyBytesKey = "Gateway:MaxRequestBodyBytes";
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Larger limits for the routes that take files (path prefix → bytes), e.g. rating-set imports.</summary>
    public const string BodyLimitsKey = "Gateway:BodyLimits";

    public static WebApplicationBuilder AddRequestProtection(this WebApplicationBuilder builder)
    {
        var limit = builder.Configuration.GetValue(MaxBodyBytesKey, DefaultMaxBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = limit;
            kestrel.AddServerHeader = false;
        });
        return builder;
    }

    public static IApplicationBuilder UseRequestProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // The API answers JSON only; the reference UI needs its own script, styles and fonts; the
        // calibration dashboard is one self-contained page: inline styles and SVG, no script at all.
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reference", StringComparison.Ordinal)
            ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
            : IsDashboard(context.Request.Path)
                ? ContentSecurityPolicies.SelfContainedPage + "; " + ContentSecurityPolicies.NoFraming
                : "default-src 'none'; frame-ancestors 'none'";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
        var limit = configuration.GetValue(MaxBodyBytesKey, DefaultMaxBodyBytes);
        foreach (var route in configuration.GetSection(BodyLimitsKey).GetChildren())
        {
            if (context.Request.Path.StartsWithSegments(route.Key, StringComparison.Ordinal) && long.TryParse(route.Value, out var routeLimit))
            {
                limit = routeLimit;
                if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                {
                    feature.MaxRequestBodySize = routeLimit;
                }
                break;
            }
        }
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Type = ProblemTypes.PayloadTooLarge,
                    Title = "The request body is too large",
                    Detail = $"Request bodies are limited to {limit} bytes.",
                },
            });
            return;
        }
        await next(context);
    });

    private static bool IsDashboard(PathString path) =>
        path.StartsWithSegments("/api/v1/calibration/reports", StringComparison.Ordinal)
        && path.Value!.EndsWith("/dashboard", StringComparison.Ordinal);
}
