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
                "outbox publish", ActivityKind.Internal, ParentContext(@event));
            activity?.SetTag("marten.event.type", @event.EventTypeName);
            activity?.SetTag("marten.event.sequence", @event.Sequence);

            foreach (var message in messages)
            {
                await bus.Publish(message, message.GetType(), context => context.MessageId = message.EventId, cancellationToken);
            }
        }
        return NullChangeListener.Instance;
    }

    private static ActivityContext ParentContext(IEvent @event)
    {
        if (@event.Headers is { } headers
            && headers.TryGetValue(TraceContextListener.TraceParent, out var parent)
            && ActivityContext.TryParse(parent?.ToString(), headers.GetValueOrDefault(TraceContextListener.TraceState)?.ToString(),
                isRemote: true, out var context))
        {
            return context;
        }
        return default;
    }
}
