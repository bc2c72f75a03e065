namespace HiringPlatform.Webhooks.Deliveries;

using System.Diagnostics;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.Webhooks.Subscriptions;
using Marten;
using MassTransit;

/// <summary>
/// Each catalogued integration event becomes one delivery per active subscription that wants its
/// type, in one transaction with the mark that the event was handled: a redelivered message
/// finds the mark and creates nothing.
/// </summary>
public sealed class CreateDeliveriesConsumer(IDocumentSession session, TimeProvider clock, DeliverySender sender) :
    IConsumer<CandidateApplied>,
    IConsumer<InterviewScheduled>,
    IConsumer<InterviewRescheduled>,
    IConsumer<InterviewCancelled>,
    IConsumer<ScorecardSubmitted>,
    IConsumer<DecisionRecorded>
{
    public Task Consume(ConsumeContext<CandidateApplied> context) => Create(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewScheduled> context) => Create(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewRescheduled> context) => Create(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewCancelled> context) => Create(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ScorecardSubmitted> context) => Create(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<DecisionRecorded> context) => Create(context.Message, context.CancellationToken);

    private async Task Create(IIntegrationEvent message, CancellationToken cancellationToken)
    {
        if (!await session.FirstDeliveryAsync(message.EventId, nameof(CreateDeliveriesConsumer), clock, cancellationToken))
        {
            return;
        }
        var type = EventCatalogue.NameOf(message);
        var subscriptions = (await session.Query<SubscriptionDetails>()
                .Where(s => s.Status == SubscriptionDetails.Active)
                .ToListAsync(cancellationToken))
            .Where(s => s.Wants(type))
            .ToList();
        if (subscriptions.Count > 0)
        {
            var payload = WebhookPayload.Serialize(message, type);
            var now = clock.GetUtcNow();
            foreach (var subscription in subscriptions)
            {
                session.Insert(WebhookDelivery.Create(subscription.Id, subscription.Owner, message, type, payload, now, Activity.Current?.Id));
            }
        }
        await session.SaveChangesAsync(cancellationToken);
        if (subscriptions.Count > 0)
        {
            sender.Wake();
        }
    }
}
