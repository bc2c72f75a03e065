namespace HiringPlatform.ServiceDefaults.Problems;

using System.Text.Json;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

/// <summary>
/// Turns every exception that escapes an endpoint into problem+json: malformed bodies name the
/// field (400), concurrency losses are 409, an unreachable dependency is 503 with Retry-After,
/// and anything else is a 500 that shows no stack trace and no internal names.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => Malformed(bad),
            ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException or ExistingStreamIdCollisionException
                or JasperFx.Events.ExistingStreamIdCollisionException or DocumentAlreadyExistsException =>
                new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "The request conflicts with a concurrent change",
                    Detail = "Another request changed the same resource first; read it again and retry.",
                },
            _ when Unstorable(exception) is { } sqlState => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Type = ProblemTypes.Validation,
                Title = "The request holds a value that cannot be stored",
                Detail = $"A value in the request is out of what the database can store (SQLSTATE {sqlState}); nothing was changed.",
                Extensions = { ["errors"] = new Dictionary<string, string[]> { ["body"] = ["A value cannot be stored: check text and number fields."] } },
            },
            _ when IsUnavailable(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "A dependency is unavailable",
                Detail = "The service cannot reach its database or message broker right now; retry later.",
            },
            _ => null,
        };

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

    /// <summary>
    /// The SQLSTATE when PostgreSQL refused a value itself (class 22, data exception: e.g. 22P05 for a NUL in
    /// jsonb, 22001 too long, 22003 out of range; 54000: an index row too large): the request's fault, never a
    /// 500, and the transaction wrote nothing. TextInput refuses such text earlier; this is the backstop.
    /// </summary>
    private static string? Unstorable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.PostgresException { SqlState: var state } && (state.StartsWith("22", StringComparison.Ordinal) || state == "54000"))
            {
                return state;
            }
        }
        return null;
    }

    private static bool IsUnavailable(Exception exception) => Messaging.TransientFailures.IsTransient(exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
