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

    protected IntegrationEventOutbox(IBus bus)
    {
        this.bus = bus;
        Name = "integration-events";
    }

    /// <summary>The integration events one domain event becomes; usually zero or one.</summary>
    protected abstract IEnumerable<IIntegrationEvent> Map(IEvent @event);

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var @event in page.Events)
        {
            var messages = Map(@event).ToList();
            if (messages.Count == 0)
            {
                continue;
            }

            using var activity = TelemetryExtensions.ActivitySource.StartActivity(
                "outbox publish", ActivityKind.Internal, CommittedIn(@event));
            activity?.SetTag("marten.event.type", @event.EventTypeName);
            activity?.SetTag("marten.event.sequence", @event.Sequence);

            foreach (var message in messages)
            {
                await bus.Publish(message, message.GetType(), context => context.MessageId = message.EventId, cancellationToken);
                TelemetryExtensions.IntegrationEventsPublished.Add(1, new KeyValuePair<string, object?>("type", message.GetType().Name));
                BusinessMetrics.Published(message);
            }
        }
        return NullChangeListener.Instance;
    }

    /// <summary>
    /// The trace an event was committed in. Marten records the W3C <c>traceparent</c> of the
    /// current activity as each event's causation id (and the bare trace id as its correlation id).
    /// </summary>
    public static ActivityContext CommittedIn(IEvent @event) =>
        ActivityContext.TryParse(@event.CausationId, null, isRemote: true, out var context) ? context : default;
}
