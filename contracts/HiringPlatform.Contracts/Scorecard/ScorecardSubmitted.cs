namespace HiringPlatform.Contracts.Scorecard;

/// <summary>An interviewer submitted the scorecard of one interview; it never changes afterwards.</summary>
public sealed record ScorecardSubmitted(
    Guid EventId,
    Guid CandidateId,
    Guid InterviewId,
    Guid InterviewerId,
    string InterviewType,
    IReadOnlyList<CompetencyRating> Ratings,
    string Recommendation,
    string? Summary,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;

/// <summary>A rating 1-4 (strong no, no, yes, strong yes) or null for "not assessed".</summary>
public sealed record CompetencyRating(string Competency, int? Rating, string? Evidence);
