namespace HiringPlatform.Webhooks.Deliveries;

using System.Diagnostics;
using HiringPlatform.Contracts;
using HiringPlatform.ServiceDefaults.Erasure;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.Webhooks.Subscriptions;
using Marten;
using MassTransit;

/// <summary>Who submitted a candidate (the HR system's API key or token subject), from its CandidateApplied.</summary>
public sealed record CandidateOwner(Guid Id, string Owner);

/// <summary>An event about a candidate whose CandidateApplied has not been handled yet: retried, then the error queue.</summary>
public sealed class CandidateOwnerUnknownException(Guid candidateId)
    : Exception($"No CandidateApplied seen for candidate {candidateId}: whose HR system it belongs to is unknown, so no subscription may hear of it yet.");

/// <summary>
/// Each catalogued integration event becomes one delivery per active subscription that wants its
/// type and covers its candidate (the HR system that submitted it, or an admin's subscription for
/// all), in one transaction with the mark that the event was handled: a redelivered message finds
/// the mark and creates nothing.
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

    private static Guid[] Involved(IIntegrationEvent message) => message switch
    {
        InterviewScheduled s => [s.CandidateId, s.InterviewerId, .. (s.Trainees ?? []).Select(t => t.InterviewerId)],
        InterviewRescheduled r => [r.CandidateId, r.InterviewerId],
        _ => [message.CandidateId],
    };

    private async Task Create(IIntegrationEvent message, CancellationToken cancellationToken)
    {
        if (!await session.FirstDeliveryAsync(message.EventId, nameof(CreateDeliveriesConsumer), clock, cancellationToken))
        {
            return;
        }
        string owner;
        if (message is CandidateApplied applied)
        {
            owner = applied.Actor;
            session.Store(new CandidateOwner(applied.CandidateId, owner));
        }
        else
        {
            owner = (await session.LoadAsync<CandidateOwner>(message.CandidateId, cancellationToken))?.Owner
                ?? throw new CandidateOwnerUnknownException(message.CandidateId);
        }
        var type = EventCatalogue.NameOf(message);
        var subscriptions = (await session.Query<SubscriptionDetails>()
                .Where(s => s.Status == SubscriptionDetails.Active)
                .ToListAsync(cancellationToken))
            .Where(s => s.Wants(type) && s.Covers(owner))
            .ToList();
        if (subscriptions.Count > 0)
        {
            // An event about a person erased before it arrived is delivered masked (queues are not ordered across publishers).
            foreach (var erased in await session.LoadManyAsync<Erasure.ErasedPerson>(cancellationToken, Involved(message)))
            {
                message = ContractMasks.Mask(message, erased.Candidate ? ErasureSubject.OfCandidate(erased.Id) : ErasureSubject.OfInterviewer(erased.Id));
            }
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
