namespace HiringPlatform.ServiceDefaults.Problems;

using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

/// <summary>
/// Turns every exception that escapes an endpoint into problem+json: malformed bodies name the
/// field (400), what a host's dependencies throw is mapped by their <see cref="IExceptionProblems"/>
/// (the event store's: concurrency losses 409, unstorable values 422, an unreachable database or broker 503),
/// an unreachable dependency is 503 with Retry-After, and anything else is a 500 that shows no stack trace
/// and no internal names.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, IEnumerable<IExceptionProblems> dependencies,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception is BadHttpRequestException bad
            ? Malformed(bad)
            : dependencies.Select(dependency => dependency.For(exception)).FirstOrDefault(found => found is not null)
                ?? (IsUnavailable(exception) ? DependencyProblems.Unavailable() : null);

        if (problem is null)
        {
            LogUnexpected(logger, exception);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred",
                Detail = "The error was logged with the trace id below.",
            };
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Malformed(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails { Status = 413, Title = "The request body is too large" };
        }

        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$').TrimStart('.') : "body";
        if (field.Length == 0)
        {
            field = "body";
        }
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body could not be read",
            Detail = json is null
                ? "The request is malformed."
                : $"The JSON is malformed or has a wrong type at '{field}'.",
        };
        problem.Extensions["errors"] = new Dictionary<string, string[]>
        {
            [field] = [json is null ? "Malformed request." : "Malformed JSON or a value of the wrong type."],
        };
        return problem;
    }

    private static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException or TimeoutException)
            {
                return true;
            }
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
