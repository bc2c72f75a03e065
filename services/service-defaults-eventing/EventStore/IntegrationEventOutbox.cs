namespace HiringPlatform.ServiceDefaults.EventStore;

using System.Diagnostics;
using HiringPlatform.Contracts;
using HiringPlatform.ServiceDefaults.Telemetry;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Options;

/// <summary>
/// The event store is the outbox: the async daemon reads committed domain events in order, a
/// service's <see cref="Map"/> turns them into integration events, and they are published
/// inside the trace of the request or message that appended them. Nothing is published before
/// the commit; a failed publish is retried by the daemon from the last acknowledged event, so
/// delivery is at least once and consumers deduplicate on <see cref="IIntegrationEvent.EventId"/>.
/// </summary>
public abstract class IntegrationEventOutbox : SubscriptionBase
{
    private readonly IBus bus;
    private readonly int concurrency;

    protected IntegrationEventOutbox(IBus bus, IOptions<EventStoreOptions> options)
    {
        this.bus = bus;
        concurrency = options.Value.OutboxPublishConcurrency;
        Name = "integration-events";
    }

    /// <summary>The integration events one domain event becomes; usually zero or one.</summary>
    protected abstract IEnumerable<IIntegrationEvent> Map(IEvent @event);

    /// <summary>
    /// Publishes a page's integration events, several chains at once (<see cref="EventStoreOptions.OutboxPublishConcurrency"/>):
    /// each publish waits for the broker's confirm, so one at a time caps a service at a few hundred events a second. Order
    /// is kept where it means something, see <see cref="Chains"/>. The page is acknowledged only when every publish is
    /// confirmed; when one fails the others finish and the daemon publishes the page again (consumers deduplicate).
    /// </summary>
    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var mapped = page.Events.SelectMany(e => Map(e).Select(message => (Event: e, Message: message))).ToList();
        await Parallel.ForEachAsync(Chains(mapped), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (chain, token) =>
            {
                foreach (var (@event, message) in chain)
                {
                    await PublishAsync(@event, message, token);
                }
            });
        return NullChangeListener.Instance;
    }

    private async Task PublishAsync(IEvent @event, IIntegrationEvent message, CancellationToken token)
    {
        using var activity = TelemetryExtensions.ActivitySource.StartActivity(
            "outbox publish", ActivityKind.Internal, CommittedIn(@event));
        activity?.SetTag("marten.event.type", @event.EventTypeName);
        activity?.SetTag("marten.event.sequence", @event.Sequence);
        await bus.Publish(message, message.GetType(), context => context.MessageId = message.EventId, token);
        TelemetryExtensions.IntegrationEventsPublished.Add(1, new KeyValuePair<string, object?>("type", message.GetType().Name));
        BusinessMetrics.Published(message);
    }

    /// <summary>
    /// A page's messages in chains that may be published side by side: messages from one stream, or about one candidate,
    /// are in one chain (joined transitively), in the order of the page, so a consumer never sees a loop's rescheduling
    /// before its scheduling, nor a candidate's decision before the application, because of the outbox. Unrelated messages
    /// were never ordered for consumers that take several messages at once; they now leave side by side.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<T>> Chains<T>(IReadOnlyList<T> page, Func<T, object> stream, Func<T, Guid> candidate)
    {
        var parent = Enumerable.Range(0, page.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        var owner = new Dictionary<object, int>();
        void Join(object key, int i)
        {
            if (owner.TryGetValue(key, out var j))
            {
                parent[Root(i)] = Root(j);
            }
            else
            {
                owner[key] = i;
            }
        }
        for (var i = 0; i < page.Count; i++)
        {
            Join(("stream", stream(page[i])), i);
            if (candidate(page[i]) != Guid.Empty)
            {
                Join(("candidate", candidate(page[i])), i);
            }
        }
        return Enumerable.Range(0, page.Count).GroupBy(Root).Select(g => (IReadOnlyList<T>)g.Select(i => page[i]).ToList()).ToList();
    }

    private static IReadOnlyList<IReadOnlyList<(IEvent Event, IIntegrationEvent Message)>> Chains(
        IReadOnlyList<(IEvent Event, IIntegrationEvent Message)> page) =>
        Chains(page, m => (object?)m.Event.StreamKey ?? m.Event.StreamId, m => m.Message.CandidateId);

    /// <summary>
    /// The trace an event was committed in. Marten records the W3C <c>traceparent</c> of the
    /// current activity as each event's causation id (and the bare trace id as its correlation id).
    /// </summary>
    public static ActivityContext CommittedIn(IEvent @event) =>
        ActivityContext.TryParse(@event.CausationId, null, isRemote: true, out var context) ? context : default;
}
