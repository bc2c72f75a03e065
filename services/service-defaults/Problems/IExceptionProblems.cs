namespace HiringPlatform.ServiceDefaults.Problems;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

/// <summary>
/// What the exceptions of one of a host's dependencies mean to the caller: the problem an exception
/// becomes, or null when this dependency does not know it. Registered by the defaults that add the
/// dependency (the event store's in HiringPlatform.ServiceDefaults.Eventing); asked in registration order.
/// </summary>
public interface IExceptionProblems
{
    ProblemDetails? For(Exception exception);
}

/// <summary>The problems that mean the same whichever dependency raised them.</summary>
public static class DependencyProblems
{
    /// <summary>A dependency that does not answer: 503 (the exception handler adds Retry-After).</summary>
    public static ProblemDetails Unavailable() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "A dependency is unavailable",
        Detail = "The service cannot reach its database or message broker right now; retry later.",
    };
}
