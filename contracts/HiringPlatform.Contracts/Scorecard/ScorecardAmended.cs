namespace HiringPlatform.Contracts.Scorecard;

/// <summary>
/// A correction to a submitted scorecard, kept beside the original (which never changes), with
/// the reason; <see cref="AfterDecision"/> marks a correction made once the decision was recorded.
/// </summary>
public sealed record ScorecardAmended(
    Guid EventId,
    Guid CandidateId,
    Guid ScorecardId,
    Guid InterviewId,
    Guid InterviewerId,
    int Amendment,
    IReadOnlyList<CompetencyRating> Ratings,
    string Recommendation,
    IReadOnlyList<TopicProbe> Probes,
    string Reason,
    bool AfterDecision,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
