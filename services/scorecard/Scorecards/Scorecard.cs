namespace HiringPlatform.Scorecard.Scorecards;

/// <summary>An interview was scheduled: its scorecard waits for the assigned interviewer.</summary>
public sealed record ScorecardOpened(
    Guid InterviewId,
    Guid CandidateId,
    Guid InterviewerId,
    string InterviewType,
    IReadOnlyList<string> Competencies,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset OpenedAt,
    string Actor);

/// <summary>A rating 1-4 (strong no, no, yes, strong yes), or null for "not assessed", with evidence.</summary>
public sealed record Rating(string Competency, int? Score, string? Evidence);

/// <summary>The interviewer submitted their scorecard; it never changes afterwards.</summary>
public sealed record ScorecardSubmitted(
    Guid InterviewId,
    Guid CandidateId,
    Guid InterviewerId,
    string InterviewType,
    IReadOnlyList<Rating> Ratings,
    string Recommendation,
    string? Summary,
    DateTimeOffset SubmittedAt,
    string Actor);

public static class Recommendations
{
    /// <summary>The four points, from strong no to strong yes.</summary>
    public static readonly IReadOnlyList<string> All = ["strong_no", "no", "yes", "strong_yes"];

    public static bool IsPositive(string recommendation) => recommendation is "yes" or "strong_yes";
}
