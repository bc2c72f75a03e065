namespace HiringPlatform.Scheduling.Interviews.Assignment;

using System.Reflection;
using System.Text.Json;
using HiringPlatform.Scheduling.Interviewers;

/// <summary>
/// Who may run an interview type beyond holding its qualification, as the competency framework
/// names it (<c>interviewTypes.&lt;type&gt;.interviewer</c> in loop-planner's <c>framework.v1.json</c>):
/// a least seniority (ml-system-design: staff or above), or the role's hiring manager instead of a
/// qualification (career-chat; nobody sits in on it).
/// </summary>
public sealed record InterviewerRule(string? SeniorityAtLeast = null, bool HiringManager = false)
{
    public static readonly InterviewerRule QualifiedOnly = new();
}

/// <summary>
/// The interview types scheduling knows and the rule each carries, read from the competency
/// framework loop-planner plans loops with (embedded in this assembly at build time, so both
/// services read one file). A rule naming an unknown seniority stops the service at first use.
/// </summary>
public static class InterviewTypeRules
{
    private const string Resource = "framework.v1.json";

    private static readonly Lazy<(IReadOnlyList<string> Names, IReadOnlyDictionary<string, InterviewerRule> Rules)> Framework =
        new(Load);

    /// <summary>The types in the framework's order.</summary>
    public static IReadOnlyList<string> Names => Framework.Value.Names;

    /// <summary>The rule of <paramref name="interviewType"/>; an unknown type has none (the scheduler reports it as unknown).</summary>
    public static InterviewerRule For(string interviewType) =>
        Framework.Value.Rules.GetValueOrDefault(interviewType, InterviewerRule.QualifiedOnly);

    private static (IReadOnlyList<string>, IReadOnlyDictionary<string, InterviewerRule>) Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The competency framework ({Resource}) is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var document = JsonDocument.Parse(stream);
        var names = new List<string>();
        var rules = new Dictionary<string, InterviewerRule>(StringComparer.Ordinal);
        foreach (var type in document.RootElement.GetProperty("interviewTypes").EnumerateObject())
        {
            names.Add(type.Name);
            rules[type.Name] = type.Value.TryGetProperty("interviewer", out var interviewer) ? Rule(type.Name, interviewer) : InterviewerRule.QualifiedOnly;
        }
        return (names, rules);
    }

    private static InterviewerRule Rule(string type, JsonElement interviewer)
    {
        var least = interviewer.TryGetProperty("seniorityAtLeast", out var s) ? s.GetString() : null;
        if (least is not null && !SchedulingVocabulary.Seniorities.Contains(least))
        {
            throw new InvalidDataException(
                $"{Resource}: interviewTypes.{type}.interviewer.seniorityAtLeast: '{least}' is not one of {string.Join(", ", SchedulingVocabulary.Seniorities)}.");
        }
        var hiringManager = interviewer.TryGetProperty("hiringManager", out var h) && h.GetBoolean();
        return new InterviewerRule(least, hiringManager);
    }
}
