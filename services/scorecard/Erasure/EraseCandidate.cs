namespace HiringPlatform.Scorecard.Erasure;

using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Scorecard.Decisions;
using HiringPlatform.Scorecard.Scorecards;
using HiringPlatform.ServiceDefaults.Erasure;
using HiringPlatform.ServiceDefaults.Messaging;
using Marten;
using MassTransit;
using static HiringPlatform.ServiceDefaults.Erasure.ErasureScope;

/// <summary>A candidate scorecard no longer takes text about: erased, when, by whom, why (the audit of this service's part).</summary>
public sealed record ErasedCandidate(Guid Id, DateTimeOffset ErasedAt, string ErasedBy, string Reason);

/// <summary>
/// On <see cref="CandidateErased"/>: every scorecard of the candidate and their decision have their evidence notes,
/// summaries and free-text reasons masked in the events and the read models; ratings, probes, recommendations and the
/// decision stay. Later submissions or amendments for the candidate are refused (see <see cref="ErasedCandidate"/>).
/// A redelivery masks again and changes nothing.
/// </summary>
public sealed class CandidateErasedConsumer(IDocumentSession session, IDocumentStore store) : IConsumer<CandidateErased>
{
    public async Task Consume(ConsumeContext<CandidateErased> context)
    {
        var erased = context.Message;
        if (erased.CandidateId == Guid.Empty)
        {
            throw new UnprocessableMessageException($"CandidateErased {erased.EventId} names no candidate.");
        }
        var token = context.CancellationToken;
        session.Store(new ErasedCandidate(erased.CandidateId, erased.OccurredAt, erased.Actor, erased.Reason));
        await session.SaveChangesAsync(token);

        var cards = await session.Query<ScorecardDetails>().Where(card => card.CandidateId == erased.CandidateId)
            .Select(card => card.Id).ToListAsync(token);
        var subject = ErasureSubject.OfCandidate(erased.CandidateId);
        await StreamErasure.MaskAsync(store, subject, [.. cards, erased.CandidateId], token);

        await using var reproject = store.LightweightSession();
        await StreamErasure.ReprojectAsync<ScorecardDetails>(reproject, cards, token);
        await StreamErasure.ReprojectAsync<CandidateDebrief>(reproject, [erased.CandidateId], token);
        StreamErasure.ForgetAnswers(reproject, [.. cards, erased.CandidateId]);
        await reproject.SaveChangesAsync(token);
    }

    /// <summary>The masking rules of scorecard's events. Every event of a candidate's scorecard or decision streams is about them.</summary>
    public static void RegisterMasking(StoreOptions options)
    {
        ContractMasks.Rule<ScorecardSubmitted>(options, (e, subject) => subject.IsCandidate(e.CandidateId)
            ? e with { Ratings = Evidence(e.Ratings), Summary = TextOrNull(e.Summary) }
            : e);
        ContractMasks.Rule<ScorecardAmended>(options, (e, subject) => subject.IsCandidate(e.CandidateId)
            ? e with { Ratings = Evidence(e.Ratings), Summary = TextOrNull(e.Summary), Reason = Text(e.Reason) }
            : e);
        ContractMasks.Rule<ScorecardMoved>(options, (e, subject) => subject.Candidate is not null ? e with { Reason = Text(e.Reason) } : e);
        ContractMasks.Rule<ScorecardVoided>(options, (e, subject) => subject.Candidate is not null ? e with { Reason = Text(e.Reason) } : e);
        ContractMasks.Rule<DecisionRecorded>(options, (e, subject) => subject.IsCandidate(e.CandidateId)
            ? e with { Rationale = Text(e.Rationale) }
            : e);
    }

    private static List<Rating> Evidence(IEnumerable<Rating> ratings) => ratings.Select(r => r with { Evidence = TextOrNull(r.Evidence) }).ToList();
}
