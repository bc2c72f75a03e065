namespace HiringPlatform.Scorecard.Scorecards;

using HiringPlatform.ServiceDefaults.Http;

/// <summary>
/// An interview was scheduled: a scorecard waits for its interviewer. A trainee sitting in
/// (shadow, reverse-shadow) gets one too, kept but not counting toward the decision.
/// </summary>
public sealed record ScorecardOpened(
    Guid ScorecardId,
    Guid InterviewId,
    Guid CandidateId,
    Guid LoopId,
    Guid InterviewerId,
    string InterviewType,
    IReadOnlyList<string> Competencies,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Stage,
    bool CountsTowardDecision,
    DateTimeOffset OpenedAt,
    string Actor);

/// <summary>The interview moved (time and/or interviewer) before the scorecard was submitted.</summary>
public sealed record ScorecardMoved(Guid ScorecardId, Guid InterviewerId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string Reason, DateTimeOffset MovedAt, string Actor);

/// <summary>The interview will not take place: the scorecard is void.</summary>
public sealed record ScorecardVoided(Guid ScorecardId, string Reason, DateTimeOffset VoidedAt, string Actor);

/// <summary>A rating 1-4 (strong no, no, yes, strong yes), or null for "not assessed", with evidence.</summary>
public sealed record Rating(string Competency, int? Score, string? Evidence);

/// <summary>A blueprint competency (or "other") the interviewer probed, an optional topic, and its share of the time.</summary>
public sealed record Probe(string Competency, string? Topic, decimal Share);

/// <summary>The interviewer submitted their scorecard; it never changes afterwards.</summary>
public sealed record ScorecardSubmitted(
    Guid ScorecardId,
    Guid InterviewId,
    Guid CandidateId,
    Guid InterviewerId,
    string InterviewType,
    IReadOnlyList<Rating> Ratings,
    string Recommendation,
    IReadOnlyList<Probe> Probes,
    string? Summary,
    bool CountsTowardDecision,
    string Stage,
    DateTimeOffset SubmittedAt,
    string Actor);

/// <summary>A correction kept beside the original, with its reason; marked when made after the decision.</summary>
public sealed record ScorecardAmended(
    Guid ScorecardId,
    Guid CandidateId,
    Guid InterviewId,
    Guid InterviewerId,
    int Amendment,
    IReadOnlyList<Rating> Ratings,
    string Recommendation,
    IReadOnlyList<Probe> Probes,
    string? Summary,
    string Reason,
    bool AfterDecision,
    DateTimeOffset AmendedAt,
    string Actor);

/// <summary>The SLA after the interview's end ran out with the scorecard still not submitted.</summary>
/// <remarks>The service marks it on its own clock: the actor is the system (null only on events stored before it was recorded).</remarks>
public sealed record ScorecardMarkedOverdue(Guid ScorecardId, Guid CandidateId, Guid InterviewId, Guid InterviewerId,
    DateTimeOffset InterviewEndedAt, DateTimeOffset DueAt, DateTimeOffset MarkedAt, string? Actor = null);

public static class Recommendations
{
    /// <summary>The four points, from strong no to strong yes.</summary>
    public static readonly IReadOnlyList<string> All = ["strong_no", "no", "yes", "strong_yes"];

    public static bool IsPositive(string recommendation) => recommendation is "yes" or "strong_yes";
}

public static class Stages
{
    public const string Qualified = "qualified";
    public const string Shadow = "shadow";
    public const string ReverseShadow = "reverse-shadow";

    /// <summary>A qualified interviewer's scorecard, or a trainee's (shadow, reverse-shadow) kept beside it.</summary>
    public static readonly IReadOnlyList<string> All = [Qualified, Shadow, ReverseShadow];
}

public static class ScorecardIds
{
    /// <summary>
    /// The interviewer's scorecard is keyed by the interview id; a trainee's by a stable id derived
    /// from the interview and the trainee, so a redelivered InterviewScheduled finds the same streams.
    /// </summary>
    public static Guid For(Guid interviewId, Guid interviewerId, bool trainee) =>
        trainee ? Derived(interviewId, interviewerId) : interviewId;

    public static Guid Derived(Guid first, Guid second) => ServiceDefaults.DerivedIds.From(first, second);
}
