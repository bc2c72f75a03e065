namespace HiringPlatform.LoopPlanner.Questions;

/// <summary>
/// A question in the bank: the scenario, the concrete hooks it offers, the follow-ups it invites,
/// what to look for per competency, tags, and when someone last checked it is still current.
/// </summary>
public sealed record QuestionContent(
    string Title,
    string InterviewType,
    string Scenario,
    ScenarioHooks Hooks,
    IReadOnlyList<string> FollowUps,
    IReadOnlyList<string> Competencies,
    IReadOnlyList<RubricEntry> Rubric,
    IReadOnlyList<string> Tags,
    DateOnly LastReviewedOn);

/// <summary>The specifics a good scenario gives a candidate to make design decisions around.</summary>
public sealed record ScenarioHooks(
    IReadOnlyList<string> Users,
    IReadOnlyList<string> Constraints,
    IReadOnlyList<string> DataAvailable,
    IReadOnlyList<string> Stakes)
{
    public static readonly ScenarioHooks None = new([], [], [], []);

    public bool IsEmpty => Users.Count + Constraints.Count + DataAvailable.Count + Stakes.Count == 0;
}

/// <summary>What a strong answer shows for one competency, and what should worry the interviewer.</summary>
public sealed record RubricEntry(string Competency, IReadOnlyList<string> LookFor, IReadOnlyList<string> RedFlags);

public sealed record QuestionAdded(Guid QuestionId, QuestionContent Content, IReadOnlyList<LintFinding> Findings,
    DateTimeOffset AddedAt, string Actor);

public sealed record QuestionRevised(Guid QuestionId, int Revision, QuestionContent Content, string Reason,
    IReadOnlyList<LintFinding> Findings, DateTimeOffset RevisedAt, string Actor);

public sealed record QuestionRetired(Guid QuestionId, string Reason, DateTimeOffset RetiredAt, string Actor);

/// <summary>How often a question was put into a loop: planning rotates to the least used.</summary>
public sealed record QuestionUsage(Guid Id, int Count);
