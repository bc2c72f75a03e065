namespace HiringPlatform.ServiceDefaults.EventStore;

using JasperFx;
using JasperFx.Events;
using Marten.Exceptions;

/// <summary>
/// What a lost race with another writer looks like when a session commits: the one place that names the event store's
/// and PostgreSQL's exceptions for it. Retried by the writers that may decide again, answered 409 concurrent-change to a
/// caller otherwise.
/// </summary>
public static class Collisions
{
    /// <summary>A stream changed since it was read: its version is no longer the one appended at.</summary>
    public static bool IsVersionRace(Exception exception) =>
        exception is ConcurrencyException or EventStreamUnexpectedMaxEventIdException;

    /// <summary>
    /// Any commit another writer got to first: a version race, a stream or document created meanwhile under the same id,
    /// or a unique index taken meanwhile (PostgreSQL 23505).
    /// </summary>
    public static bool IsCollision(Exception exception) =>
        IsVersionRace(exception)
        || exception is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
            or DocumentAlreadyExistsException
        || exception is MartenCommandException { InnerException: Npgsql.PostgresException { SqlState: "23505" } };
}
