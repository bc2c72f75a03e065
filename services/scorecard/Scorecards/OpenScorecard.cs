namespace HiringPlatform.Scorecard.Scorecards;

using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

/// <summary>InterviewScheduled in: a pending scorecard exists for that interview and interviewer.</summary>
public sealed class InterviewScheduledConsumer(IDocumentSession session, TimeProvider clock) : IConsumer<InterviewScheduled>
{
    public async Task Consume(ConsumeContext<InterviewScheduled> context)
    {
        var interview = context.Message;
        if (interview.InterviewId == Guid.Empty || interview.CandidateId == Guid.Empty || interview.Competencies.Count == 0)
        {
            throw new UnprocessableMessageException(
                $"InterviewScheduled {interview.EventId} has no interview id, candidate id or competencies.");
        }
        if (!await session.FirstDeliveryAsync(interview.EventId, nameof(InterviewScheduledConsumer), clock, context.CancellationToken))
        {
            return;
        }
        session.Events.StartStream<ScorecardDetails>(interview.InterviewId, new ScorecardOpened(
            interview.InterviewId, interview.CandidateId, interview.InterviewerId, interview.InterviewType,
            interview.Competencies.Select(c => c.Competency).ToList(), interview.StartsAt, interview.EndsAt,
            clock.GetUtcNow(), "system:scorecard"));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
