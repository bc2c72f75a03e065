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
using Microsoft.Extensions.Options;
using System.Diagnostics;

/// <summary>
/// Every integration event about a candidate, appended to that candidate's journey stream in the
/// order calibration received it. The journey is calibration's own record of what happened,
/// replayable as of any past moment. A redelivered event is recognised by its id and changes nothing.
/// </summary>
public sealed class JourneyConsumer(JourneyRecorder journeys) :
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
    public Task Consume(ConsumeContext<CandidateErased> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<CandidateApplied> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<LoopPlanned> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewScheduled> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<SchedulingFailed> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ScorecardSubmitted> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<DecisionRecorded> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<LoopRevised> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<LoopCancelled> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ApplicationWithdrawn> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewRescheduled> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewCancelled> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<InterviewHeld> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ScorecardAmended> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ScorecardOverdue> context) => journeys.RecordAsync(context.Message, context.CancellationToken);

    public Task Consume(ConsumeContext<ScorecardsViewed> context) => journeys.RecordAsync(context.Message, context.CancellationToken);
}

public sealed class JourneyOptions
{
    public const string Section = "Calibration:Journeys";

    /// <summary>
    /// At most this many received events are recorded in one transaction (and taken from the queue at once); 1 records
    /// each on its own.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1000)]
    public int GroupCommitLimit { get; set; } = 64;
}

/// <summary>The journey endpoint takes <see cref="JourneyOptions.GroupCommitLimit"/> messages at once, so that groups fill.</summary>
public sealed class JourneyConsumerDefinition(IOptions<JourneyOptions> options)
    : GroupCommitConsumerDefinition<JourneyConsumer>(options.Value.GroupCommitLimit);

/// <summary>
/// Group commit of journeys: every event waiting is recorded in one transaction (their handled marks and the candidates'
/// erasures read in one query each, each candidate's events appended once, in the order received). One group at a time
/// per process, so a candidate's scorecards arriving together no longer collide on the journey stream's version. Each
/// event keeps the trace of the consumer that received it.
/// </summary>
public sealed class JourneyRecorder : IAsyncDisposable
{
    private readonly GroupCommit<(IIntegrationEvent Event, ActivityContext Trace), bool> groups;

    public JourneyRecorder(ISessionFactory sessions, TimeProvider clock, IOptions<JourneyOptions> options)
    {
        groups = new(async received =>
        {
            await using var session = sessions.OpenSession();
            return await RecordAsync(session, received, clock, CancellationToken.None);
        }, options.Value.GroupCommitLimit);
    }

    /// <summary>Records the event with whatever others are waiting; an event that names no candidate goes to the error queue.</summary>
    public Task<bool> RecordAsync(IIntegrationEvent message, CancellationToken token)
    {
        if (message.CandidateId == Guid.Empty || message.EventId == Guid.Empty)
        {
            throw new UnprocessableMessageException(
                $"{message.GetType().Name} {message.EventId} names no candidate; it belongs to no journey.");
        }
        return groups.CommitAsync((message, Activity.Current?.Context ?? default), token);
    }

    /// <summary>Appends each event seen for the first time to its candidate's journey and commits them together; true for those recorded.</summary>
    public static async Task<IReadOnlyList<bool>> RecordAsync(IDocumentSession session,
        IReadOnlyList<(IIntegrationEvent Event, ActivityContext Trace)> received, TimeProvider clock, CancellationToken token)
    {
        var first = (await session.FirstDeliveriesAsync(received.Select(r => r.Event.EventId), nameof(JourneyConsumer), clock, token))
            .ToHashSet();
        var candidates = received.Select(r => r.Event.CandidateId).Distinct().ToArray();
        var erased = (await session.LoadManyAsync<Erasure.ErasedPerson>(token, candidates)).Select(e => e.Id).ToHashSet();
        var outcomes = new bool[received.Count];
        var journeys = new Dictionary<Guid, List<(object Event, ActivityContext Trace)>>();
        for (var i = 0; i < received.Count; i++)
        {
            var (message, trace) = received[i];
            if (!first.Remove(message.EventId))
            {
                continue;
            }
            // An event that arrives after the candidate's erasure (queues are not ordered across publishers) is masked as it is recorded.
            var recorded = message is not CandidateErased && erased.Contains(message.CandidateId)
                ? ContractMasks.Mask(message, ErasureSubject.OfCandidate(message.CandidateId))
                : message;
            if (!journeys.TryGetValue(message.CandidateId, out var journey))
            {
                journeys[message.CandidateId] = journey = [];
            }
            journey.Add((recorded, trace));
            outcomes[i] = true;
        }
        foreach (var (candidate, journey) in journeys)
        {
            var stream = session.Events.Append(candidate, journey.Select(j => j.Event).ToArray());
            for (var i = 0; i < journey.Count; i++)
            {
                GroupTrace.Stamp([stream.Events[i]], journey[i].Trace);
            }
        }
        await session.SaveChangesAsync(token);
        return outcomes;
    }

    public ValueTask DisposeAsync() => groups.DisposeAsync();
}
