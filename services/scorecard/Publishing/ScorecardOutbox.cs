namespace HiringPlatform.Scorecard.Publishing;

using HiringPlatform.Contracts;
using HiringPlatform.Scorecard.Decisions;
using HiringPlatform.Scorecard.Scorecards;
using HiringPlatform.ServiceDefaults.EventStore;
using JasperFx.Events;
using MassTransit;
using Microsoft.Extensions.Options;
using Contract = HiringPlatform.Contracts.Scorecard;

/// <summary>Maps scorecard's committed domain events to the integration events in contracts/.</summary>
public sealed class ScorecardOutbox(IBus bus, IOptions<EventStoreOptions> options) : IntegrationEventOutbox(bus, options)
{
    protected override IEnumerable<IIntegrationEvent> Map(IEvent @event)
    {
        switch (@event.Data)
        {
            case ScorecardSubmitted submitted:
                yield return new Contract.ScorecardSubmitted(@event.Id, submitted.CandidateId, submitted.InterviewId,
                    submitted.InterviewerId, submitted.InterviewType, Ratings(submitted.Ratings), submitted.Recommendation,
                    submitted.Summary, submitted.SubmittedAt, submitted.Actor, Probes(submitted.Probes), submitted.ScorecardId,
                    submitted.CountsTowardDecision, submitted.Stage);
                break;
            case ScorecardAmended amended:
                yield return new Contract.ScorecardAmended(@event.Id, amended.CandidateId, amended.ScorecardId, amended.InterviewId,
                    amended.InterviewerId,
                    amended.Amendment, Ratings(amended.Ratings), amended.Recommendation, Probes(amended.Probes), amended.Reason,
                    amended.AfterDecision, amended.AmendedAt, amended.Actor);
                break;
            case ScorecardMarkedOverdue overdue:
                yield return new Contract.ScorecardOverdue(@event.Id, overdue.CandidateId, overdue.ScorecardId, overdue.InterviewId,
                    overdue.InterviewerId, overdue.InterviewEndedAt, overdue.DueAt, overdue.MarkedAt, overdue.Actor ?? "system:scorecard");
                break;
            case ScorecardsViewed viewed:
                yield return new Contract.ScorecardsViewed(@event.Id, viewed.CandidateId, viewed.Viewer, viewed.ViewerRoles,
                    viewed.ScorecardIds, viewed.BeforeOwnSubmission, viewed.ViewedAt, viewed.Actor);
                break;
            case DecisionRecorded decision:
                yield return new Contract.DecisionRecorded(@event.Id, decision.CandidateId, decision.Decision,
                    decision.Rationale, decision.DecidedBy,
                    decision.Panel.Select(v => new Contract.PanelRecommendation(v.InterviewId, v.InterviewerId, v.Recommendation)).ToList(),
                    decision.AgainstPanelMajority, decision.RecordedAt, decision.Actor);
                break;
        }
    }

    private static List<Contract.CompetencyRating> Ratings(IReadOnlyList<Rating> ratings) =>
        ratings.Select(r => new Contract.CompetencyRating(r.Competency, r.Score, r.Evidence)).ToList();

    private static List<Contract.TopicProbe> Probes(IReadOnlyList<Probe> probes) =>
        probes.Select(p => new Contract.TopicProbe(p.Competency, p.Topic, p.Share)).ToList();
}
