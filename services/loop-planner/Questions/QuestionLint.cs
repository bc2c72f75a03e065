namespace HiringPlatform.LoopPlanner.Questions;

using HiringPlatform.LoopPlanner.Framework;

/// <summary>One finding of the lint: a stable code, blocking or warning, and what to change.</summary>
public sealed record LintFinding(string Code, string Severity, string Message);

public static class Severity
{
    /// <summary>The question is not picked for a loop until it is revised.</summary>
    public const string Blocking = "blocking";

    /// <summary>Shown to the bank's editors; the question is still used.</summary>
    public const string Warning = "warning";
}

/// <summary>What the lint needs beyond the question: the staleness window and what the bank marks superseded.</summary>
public sealed record LintSettings(int StalenessDays, IReadOnlySet<string> SupersededTechniques, IReadOnlySet<string> MlCompetencies)
{
    public const string AlgorithmTagPrefix = "requires-algorithm:";
}

/// <summary>
/// The question-bank lint: one rule per failure mode of the essay (DOMAIN.md), plus the
/// mechanical checks a bank needs. Pure; runs on every add and revise and over the whole bank.
/// </summary>
public static class QuestionLint
{
    public static readonly IReadOnlyList<(string Code, string Severity, string FailureMode)> Rules =
    [
        (Codes.NoMlCompetency, Severity.Blocking, "system design in ML clothing"),
        (Codes.KeywordAnswer, Severity.Blocking, "system design in ML clothing"),
        (Codes.NoHooks, Severity.Blocking, "lack of scenariocrafting"),
        (Codes.NoFollowUps, Severity.Blocking, "lack of scenariocrafting"),
        (Codes.NotReviewed, Severity.Warning, "outdated problem"),
        (Codes.SupersededTechnique, Severity.Blocking, "outdated problem"),
        (Codes.NamedAlgorithm, Severity.Blocking, "rederive a major algorithmic advance"),
        (Codes.MissingRubric, Severity.Blocking, "mechanical: no rubric for a claimed competency"),
        (Codes.OutsideBlueprint, Severity.Warning, "mechanical: claims a competency the interview type does not measure"),
    ];

    public static class Codes
    {
        public const string NoMlCompetency = "ml-clothing/no-ml-competency";
        public const string KeywordAnswer = "ml-clothing/keyword-answer";
        public const string NoHooks = "scenario/no-hooks";
        public const string NoFollowUps = "scenario/no-follow-ups";
        public const string NotReviewed = "outdated/not-reviewed";
        public const string SupersededTechnique = "outdated/superseded-technique";
        public const string NamedAlgorithm = "rederive/named-algorithm";
        public const string MissingRubric = "rubric/missing-competency";
        public const string OutsideBlueprint = "rubric/outside-blueprint";
    }

    /// <summary>Interview types whose prompt is the candidate's own story, not a crafted scenario.</summary>
    private static readonly HashSet<string> ConversationTypes = new(["project-deep-dive", "career-chat"], StringComparer.Ordinal);

    public static IReadOnlyList<LintFinding> Run(QuestionContent question, CompetencyFramework framework, LintSettings settings,
        DateOnly today)
    {
        var findings = new List<LintFinding>();
        void Add(string code, string severity, string message) => findings.Add(new LintFinding(code, severity, message));

        if (question.InterviewType == "ml-system-design")
        {
            if (!question.Rubric.Any(entry => settings.MlCompetencies.Contains(entry.Competency)))
            {
                Add(Codes.NoMlCompetency, Severity.Blocking,
                    "This ml-system-design question's rubric names no ML competency ("
                    + string.Join(", ", settings.MlCompetencies.Order(StringComparer.Ordinal))
                    + "), so it is a system-design question in ML clothing. Add a rubric entry for what the candidate must "
                    + "reason about in the data or the model (e.g. exploratory-data-analysis: where the labels come from), "
                    + "or move the question to system-design.");
            }
            var keywordEntries = question.Rubric.Where(entry => IsKeywordList(entry.LookFor)).Select(entry => entry.Competency).ToList();
            if (keywordEntries.Count > 0)
            {
                Add(Codes.KeywordAnswer, Severity.Blocking,
                    $"The rubric for {string.Join(", ", keywordEntries)} is a list of keywords, which a smooth talker can recite. "
                    + "Rewrite each point as a decision or reasoning the candidate must show about this scenario "
                    + "(e.g. \"notices that fraud labels arrive weeks late and proposes a proxy label\").");
            }
        }

        if (!ConversationTypes.Contains(question.InterviewType) && question.Hooks.IsEmpty)
        {
            Add(Codes.NoHooks, Severity.Blocking,
                "The scenario gives no concrete hooks. Name the users, the constraints, the data available and the stakes "
                + "(\"customers are being scammed out of their life savings\", not \"design a fraud detection system\").");
        }
        if (question.FollowUps.Count == 0)
        {
            Add(Codes.NoFollowUps, Severity.Blocking,
                "List the follow-up questions the scenario invites a good candidate to ask (e.g. \"what is the appropriate "
                + "detection and intervention point?\"); if you cannot think of any, the scenario is too vague.");
        }

        var staleOn = question.LastReviewedOn.AddDays(settings.StalenessDays);
        if (staleOn < today)
        {
            Add(Codes.NotReviewed, Severity.Warning,
                $"Last reviewed on {question.LastReviewedOn:yyyy-MM-dd}, more than {settings.StalenessDays} days ago. Check that "
                + "the answer you expect is still today's best answer (the field moves fast) and set lastReviewedOn.");
        }
        var superseded = question.Tags.Where(settings.SupersededTechniques.Contains).ToList();
        if (superseded.Count > 0)
        {
            Add(Codes.SupersededTechnique, Severity.Blocking,
                $"Tagged with superseded technique(s) {string.Join(", ", superseded)}: the question assumes yesterday's best "
                + "answer. Rewrite it so today's approaches are welcome and the interviewer can follow them up, or retire it.");
        }

        if (question.InterviewType != "project-deep-dive")
        {
            var algorithms = question.Tags.Where(tag => tag.StartsWith(LintSettings.AlgorithmTagPrefix, StringComparison.Ordinal))
                .Select(tag => tag[LintSettings.AlgorithmTagPrefix.Length..]).ToList();
            if (algorithms.Count > 0)
            {
                Add(Codes.NamedAlgorithm, Severity.Blocking,
                    $"The expected answer is a named published algorithm ({string.Join(", ", algorithms)}); nobody rederives that "
                    + "in 45 minutes. Test the ability to learn it instead: run a project deep dive where the candidate presents "
                    + "a relevant project of their choosing, or drop the requirement.");
            }
        }

        var rubricFor = question.Rubric.Select(entry => entry.Competency).ToHashSet(StringComparer.Ordinal);
        var missing = question.Competencies.Where(c => !rubricFor.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            Add(Codes.MissingRubric, Severity.Blocking,
                $"Claims {string.Join(", ", missing)} but has no rubric for it: add what a strong answer shows for each, "
                + "or stop claiming it.");
        }
        // A project deep dive may also probe the role's domain competency, whichever it is.
        if (question.InterviewType != "project-deep-dive" && framework.InterviewTypes.TryGetValue(question.InterviewType, out var type))
        {
            // A flavoured template slot (the junior loop's math-flavoured coding) may measure more than the type's blueprint.
            var measured = type.Blueprint.Keys
                .Concat(framework.LoopTemplates.Values.SelectMany(slots => slots)
                    .Where(slot => slot.Type == question.InterviewType && slot.Blueprint is not null)
                    .SelectMany(slot => slot.Blueprint!.Keys))
                .ToHashSet(StringComparer.Ordinal);
            var outside = question.Competencies.Where(c => !measured.Contains(c)).ToList();
            if (outside.Count > 0)
            {
                Add(Codes.OutsideBlueprint, Severity.Warning,
                    $"Claims {string.Join(", ", outside)}, which a {question.InterviewType} interview does not measure: "
                    + "nobody will rate it. Drop it or move the question to a type that measures it.");
            }
        }
        return findings;
    }

    public static bool HasBlocking(IEnumerable<LintFinding> findings) => findings.Any(f => f.Severity == Severity.Blocking);

    /// <summary>
    /// A rubric entry is a keyword list when most of what it looks for are bare terms rather than
    /// reasoning: sentences of three words or fewer ("Class imbalance. Data missingness. Label
    /// noise. Overfitting.") or comma lists of one- or two-word terms.
    /// </summary>
    public static bool IsKeywordList(IReadOnlyList<string> lookFor)
    {
        var phrases = lookFor.SelectMany(item => item.Split(['.', ';', '\n'],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (phrases.Count == 0)
        {
            return false;
        }
        var bare = phrases.Count(IsBare);
        return bare * 2 > phrases.Count;
    }

    private static bool IsBare(string phrase)
    {
        if (Words(phrase) <= 3)
        {
            return true;
        }
        var parts = phrase.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length >= 3 && parts.All(part => Words(part) - (StartsWithConjunction(part) ? 1 : 0) <= 2);
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static bool StartsWithConjunction(string text) =>
        text.StartsWith("and ", StringComparison.OrdinalIgnoreCase) || text.StartsWith("or ", StringComparison.OrdinalIgnoreCase);
}
