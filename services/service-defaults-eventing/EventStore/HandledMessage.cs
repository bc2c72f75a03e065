namespace HiringPlatform.ServiceDefaults.EventStore;

using Marten;

/// <summary>
/// The record that a consumer handled an integration event, written in the same transaction as
/// the consumer's own events. A second delivery finds it and changes nothing; two concurrent
/// deliveries collide on its id and the loser's retry finds it.
/// </summary>
public sealed record HandledMessage(Guid Id, string Consumer, DateTimeOffset HandledAt);

public static class HandledMessageExtensions
{
    /// <summary>
    /// True the first time <paramref name="eventId"/> is seen by this service; the caller then
    /// does its work and saves the session, which stores the mark with it.
    /// </summary>
    public static async Task<bool> FirstDeliveryAsync(this IDocumentSession session, Guid eventId, string consumer,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<HandledMessage>(eventId, cancellationToken) is not null)
        {
            return false;
        }
        session.Insert(new HandledMessage(eventId, consumer, clock.GetUtcNow()));
        return true;
    }

    /// <summary>
    /// The events among <paramref name="eventIds"/> seen here for the first time (each once, however often it is
    /// given), read in one query and marked as <see cref="FirstDeliveryAsync"/> marks one: for consumers that commit
    /// many messages in one transaction.
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> FirstDeliveriesAsync(this IDocumentSession session, IEnumerable<Guid> eventIds,
        string consumer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var ids = eventIds.Distinct().ToArray();
        var handled = (await session.LoadManyAsync<HandledMessage>(cancellationToken, ids)).Select(h => h.Id).ToHashSet();
        var first = ids.Where(id => !handled.Contains(id)).ToHashSet();
        foreach (var id in first)
        {
            session.Insert(new HandledMessage(id, consumer, clock.GetUtcNow()));
        }
        return first;
    }
}
