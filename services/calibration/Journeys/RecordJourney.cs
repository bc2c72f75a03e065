namespace HiringPlatform.Calibration.Journeys;

using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;
using HiringPlatform.ServiceDefaults.Erasure;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

/// <summary>
/// Every integration event about a candidate, appended to that candidate's journey stream in the
/// order calibration received it. The journey is calibration's own record of what happened,
/// replayable as of any past moment. A redelivered event is recognised by its id and changes nothing.
/// </summary>
public sealed class JourneyConsumer(IDocumentSession session, TimeProvider clock) :
    IConsumer<CandidateApplied>,
    IConsumer<LoopPlanned>,
    IConsumer<InterviewScheduled>,
    IConsumer<SchedulingFailed>,
    IConsumer<ScorecardSubmitted>,
    IConsumer<DecisionRecorded>,
    IConsumer<LoopRevised>,
    IConsumer<LoopCancelled>,
    IConsumer<ApplicationWithdrawn>,
    IConsumer<InterviewRescheduled>,
    IConsumer<InterviewCancelled>,
    IConsumer<InterviewHeld>,
    IConsumer<ScorecardAmended>,
    IConsumer<ScorecardOverdue>,
    IConsumer<ScorecardsViewed>,
    IConsumer<CandidateErased>
{
    public Task Consume(ConsumeContext<CandidateErased> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<CandidateApplied> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<LoopPlanned> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewScheduled> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<SchedulingFailed> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ScorecardSubmitted> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<DecisionRecorded> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<LoopRevised> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<LoopCancelled> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ApplicationWithdrawn> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewRescheduled> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewCancelled> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewHeld> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ScorecardAmended> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ScorecardOverdue> context) => Record(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ScorecardsViewed> context) => Record(context.Message, context.CancellationToken);

    private async Task Record(IIntegrationEvent message, CancellationToken cancellationToken)
    {
        if (message.CandidateId == Guid.Empty || message.EventId == Guid.Empty)
        {
            throw new UnprocessableMessageException(
                $"{message.GetType().Name} {message.EventId} names no candidate; it belongs to no journey.");
        }
        if (!await session.FirstDeliveryAsync(message.EventId, nameof(JourneyConsumer), clock, cancellationToken))
        {
            return;
        }
        // An event that arrives after the candidate's erasure (queues are not ordered across publishers) is masked as it is recorded.
        if (message is not CandidateErased && await session.LoadAsync<Erasure.ErasedPerson>(message.CandidateId, cancellationToken) is not null)
        {
            message = ContractMasks.Mask(message, ErasureSubject.OfCandidate(message.CandidateId));
        }
        session.Events.Append(message.CandidateId, message);
        await session.SaveChangesAsync(cancellationToken);
    }
}
