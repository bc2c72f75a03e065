namespace HiringPlatform.Scorecard.Publishing;

using HiringPlatform.Contracts;
using HiringPlatform.Scorecard.Decisions;
using HiringPlatform.Scorecard.Scorecards;
using HiringPlatform.ServiceDefaults.EventStore;
using JasperFx.Events;
using MassTransit;
using Contract = HiringPlatform.Contracts.Scorecard;

/// <summary>Maps scorecard's committed domain events to the integration events in contracts/.</summary>
public sealed class ScorecardOutbox(IBus bus) : IntegrationEventOutbox(bus)
{
    protected override IEnumerable<IIntegrationEvent> Map(IEvent @event)
    {
        switch (@event.Data)
        {
            case ScorecardSubmitted submitted:
                yield return new Contract.ScorecardSubmitted(@event.Id, submitted.CandidateId, submitted.InterviewId,
                    submitted.InterviewerId, submitted.InterviewType,
                    submitted.Ratings.Select(r => new Contract.CompetencyRating(r.Competency, r.Score, r.Evidence)).ToList(),
                    submitted.Recommendation, submitted.Summary, submitted.SubmittedAt, submitted.Actor);
                break;
            case DecisionRecorded decision:
                yield return new Contract.DecisionRecorded(@event.Id, decision.CandidateId, decision.Decision,
                    decision.Rationale, decision.DecidedBy,
                    decision.Panel.Select(v => new Contract.PanelRecommendation(v.InterviewId, v.InterviewerId, v.Recommendation)).ToList(),
                    decision.AgainstPanelMajority, decision.RecordedAt, decision.Actor);
                break;
        }
    }
}
