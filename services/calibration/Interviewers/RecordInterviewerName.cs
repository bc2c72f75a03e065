namespace HiringPlatform.Calibration.Interviewers;

using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

/// <summary>
/// An interviewer's display name as scheduling registered it. Kept on a stream of its own (derived from the interviewer
/// id), never on a candidate's journey, so reports can show each interviewer's name as of the report's moment.
/// </summary>
public sealed record InterviewerNamed(Guid InterviewerId, string Name, DateTimeOffset OccurredAt);

/// <summary>Records the name of every <see cref="InterviewerRegistered"/>; a redelivered event changes nothing.</summary>
public sealed class InterviewerNameConsumer(IDocumentSession session, TimeProvider clock) : IConsumer<InterviewerRegistered>
{
    private static readonly Guid Namespace = new("3b0c7e4a-6f1d-4a8e-b2c5-9d7e1f0a4c21");

    public static Guid StreamOf(Guid interviewerId) => DerivedIds.From(Namespace, interviewerId);

    public async Task Consume(ConsumeContext<InterviewerRegistered> context)
    {
        var message = context.Message;
        if (message.InterviewerId == Guid.Empty || string.IsNullOrWhiteSpace(message.Name))
        {
            throw new UnprocessableMessageException($"InterviewerRegistered {message.EventId} names no interviewer or has an empty name.");
        }
        if (!await session.FirstDeliveryAsync(message.EventId, nameof(InterviewerNameConsumer), clock, context.CancellationToken))
        {
            return;
        }
        session.Events.Append(StreamOf(message.InterviewerId), new InterviewerNamed(message.InterviewerId, message.Name.Trim(), message.OccurredAt));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
