namespace HiringPlatform.Calibration.Erasure;

using HiringPlatform.Calibration.Interviewers;
using HiringPlatform.Calibration.Reports;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.ServiceDefaults.Erasure;
using HiringPlatform.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

/// <summary>A person calibration erased: a candidate or an interviewer, when, by whom, why (this service's audit).</summary>
public sealed record ErasedPerson(Guid Id, string Kind, DateTimeOffset ErasedAt, string ErasedBy, string Reason)
{
    public const string Candidate = "candidate";
    public const string Interviewer = "interviewer";
}

/// <summary>
/// Erasure in calibration. A candidate's journey has its events masked in place (name, e-mail, evidence notes,
/// summaries, free-text reasons; see <see cref="ContractMasks"/>): ids, ratings, probes, recommendations and decisions
/// stay, so the journey replays in the same order and a report over the same window finds the same. The report inputs
/// hold no candidate text. An interviewer's erasure masks their recorded name, their name on the bookings of every
/// journey, and their name in stored reports and report inputs; their id and ratings stay.
/// A redelivery masks again and changes nothing.
/// </summary>
public sealed class ErasureConsumer(IDocumentSession session, IDocumentStore store) : IConsumer<CandidateErased>, IConsumer<InterviewerErased>
{
    public async Task Consume(ConsumeContext<CandidateErased> context)
    {
        var erased = context.Message;
        if (erased.CandidateId == Guid.Empty)
        {
            throw new UnprocessableMessageException($"CandidateErased {erased.EventId} names no candidate.");
        }
        session.Store(new ErasedPerson(erased.CandidateId, ErasedPerson.Candidate, erased.OccurredAt, erased.Actor, erased.Reason));
        await session.SaveChangesAsync(context.CancellationToken);
        await StreamErasure.MaskAsync(store, ErasureSubject.OfCandidate(erased.CandidateId), [erased.CandidateId], context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<InterviewerErased> context)
    {
        var erased = context.Message;
        if (erased.InterviewerId == Guid.Empty)
        {
            throw new UnprocessableMessageException($"InterviewerErased {erased.EventId} names no interviewer.");
        }
        var token = context.CancellationToken;
        session.Store(new ErasedPerson(erased.InterviewerId, ErasedPerson.Interviewer, erased.OccurredAt, erased.Actor, erased.Reason));
        await session.SaveChangesAsync(token);

        var journeys = await JourneysNaming(erased.InterviewerId, token);
        await StreamErasure.MaskAsync(store, ErasureSubject.OfInterviewer(erased.InterviewerId),
            [InterviewerNameConsumer.StreamOf(erased.InterviewerId), .. journeys], token);
        await StoredReportNames.EraseAsync(store, erased.InterviewerId, token);
    }

    /// <summary>The journeys with a booking of the interviewer (as interviewer or trainee).</summary>
    private async Task<IReadOnlyList<Guid>> JourneysNaming(Guid interviewerId, CancellationToken token)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        return await session.AdvancedSql.QueryAsync<Guid>(
            $"select distinct stream_id from {schema}.mt_events where type in ('interview_scheduled', 'interview_rescheduled') " +
            "and strpos(data::text, ?) > 0", token, interviewerId.ToString());
    }

    /// <summary>The masking rules of calibration's own events; the journeys' integration events are masked by <see cref="ContractMasks"/>.</summary>
    public static void RegisterMasking(StoreOptions options)
    {
        ContractMasks.RegisterFor(options);
        ContractMasks.Rule<InterviewerNamed>(options, (e, subject) => subject.IsInterviewer(e.InterviewerId)
            ? e with { Name = ErasureScope.Masked }
            : e);
    }
}
