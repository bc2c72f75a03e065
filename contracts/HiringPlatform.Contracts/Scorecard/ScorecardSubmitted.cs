namespace HiringPlatform.Contracts.Scorecard;

/// <summary>
/// An interviewer submitted the scorecard of one interview; it never changes afterwards. A trainee's
/// scorecard (stage shadow or reverse-shadow) is kept with <see cref="CountsTowardDecision"/> false.
/// </summary>
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
    string Actor,
    IReadOnlyList<TopicProbe>? Probes = null,
    Guid? ScorecardId = null,
    bool CountsTowardDecision = true,
    string Stage = "qualified") : IIntegrationEvent;

/// <summary>
/// What the interviewer actually probed: a blueprint competency (or <c>other</c>), an optional
/// free-text topic, and the share of the interview's time it took (0-1).
/// </summary>
public sealed record TopicProbe(string Competency, string? Topic, decimal Share);

/// <summary>A rating 1-4 (strong no, no, yes, strong yes) or null for "not assessed".</summary>
public sealed record CompetencyRating(string Competency, int? Rating, string? Evidence);
