namespace HiringPlatform.Webhooks.Erasure;

using System.Text.Json;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.ServiceDefaults.Erasure;
using HiringPlatform.ServiceDefaults.Messaging;
using HiringPlatform.Webhooks.Deliveries;
using HiringPlatform.Webhooks.Subscriptions;
using Marten;
using MassTransit;

/// <summary>A person whose data deliveries no longer carry: later deliveries about them are masked as they are created.</summary>
public sealed record ErasedPerson(Guid Id, bool Candidate, DateTimeOffset ErasedAt, string ErasedBy, string Reason);

/// <summary>
/// Erasure in the delivery log: every delivery whose body names the person (finished or pending) has its body rewritten
/// with the same masking as the integration event it carries (<see cref="ContractMasks"/>), so neither the log, a replay
/// nor a retry sends their data again. Subscriptions hold none.
/// </summary>
public sealed class ErasureConsumer(IDocumentSession session) : IConsumer<CandidateErased>, IConsumer<InterviewerErased>
{
    public Task Consume(ConsumeContext<CandidateErased> context) =>
        Erase(context.Message.CandidateId, ErasureSubject.OfCandidate(context.Message.CandidateId), context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewerErased> context) =>
        Erase(context.Message.InterviewerId, ErasureSubject.OfInterviewer(context.Message.InterviewerId), context.Message,
            context.CancellationToken);

    private async Task Erase(Guid person, ErasureSubject subject, IIntegrationEvent erasure, CancellationToken token)
    {
        if (person == Guid.Empty)
        {
            throw new UnprocessableMessageException($"{erasure.GetType().Name} {erasure.EventId} names nobody.");
        }
        var reason = erasure switch { CandidateErased c => c.Reason, InterviewerErased i => i.Reason, _ => "" };
        session.Store(new ErasedPerson(person, subject.Candidate is not null, erasure.OccurredAt, erasure.Actor, reason));
        var id = person.ToString();
        var deliveries = await session.Query<WebhookDelivery>().Where(d => d.Payload.Contains(id)).ToListAsync(token);
        foreach (var delivery in deliveries)
        {
            session.Store(delivery with { Payload = MaskPayload(delivery.Payload, delivery.EventType, subject) });
        }
        await session.SaveChangesAsync(token);
    }

    /// <summary>The body with its event masked for the subject; serialised as <see cref="WebhookPayload"/> writes it.</summary>
    public static string MaskPayload(string payload, string eventType, ErasureSubject subject)
    {
        if (EventCatalogue.TypeOf(eventType) is not { } type)
        {
            return payload;
        }
        using var body = JsonDocument.Parse(payload);
        var message = (IIntegrationEvent)body.RootElement.GetProperty("data").Deserialize(type, JsonSerializerOptions.Web)!;
        return WebhookPayload.Serialize(ContractMasks.Mask(message, subject), eventType);
    }
}
