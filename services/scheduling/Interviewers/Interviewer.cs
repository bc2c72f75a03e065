namespace HiringPlatform.Scheduling.Interviewers;

/// <summary>An interviewer joined the pool with the interview types they are qualified to run.</summary>
public sealed record InterviewerRegistered(
    Guid InterviewerId,
    string Name,
    string Email,
    string Team,
    string Seniority,
    IReadOnlyList<string> QualifiedFor,
    IReadOnlyList<string> HiringManagerFor,
    int WeeklyCap,
    DateTimeOffset RegisteredAt,
    string Actor);

/// <summary>The vocabulary scheduling checks requests against.</summary>
public static class SchedulingVocabulary
{
    public static readonly IReadOnlyList<string> InterviewTypes =
        ["coding", "data-modeling", "math-quiz", "system-design", "ml-system-design", "project-deep-dive", "career-chat"];

    /// <summary>Seniorities from most junior to most senior.</summary>
    public static readonly IReadOnlyList<string> Seniorities = ["junior", "senior", "staff", "principal"];

    public static bool IsStaffOrAbove(string seniority) => seniority is "staff" or "principal";
}
