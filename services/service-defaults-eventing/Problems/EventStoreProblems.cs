namespace HiringPlatform.ServiceDefaults.Problems;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

/// <summary>
/// What the event store's and the bus's exceptions mean to the caller: a concurrency loss is 409, a value
/// PostgreSQL refuses is 422, an unreachable database or broker is 503. Registered by AddEventStore.
/// </summary>
internal sealed class EventStoreProblems : IExceptionProblems
{
    public ProblemDetails? For(Exception exception) => exception switch
    {
        _ when EventStore.Collisions.IsCollision(exception) =>
            new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = ProblemTypes.ConcurrentChange,
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
        _ when Messaging.TransientFailures.IsTransient(exception) => DependencyProblems.Unavailable(),
        _ => null,
    };

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
}
