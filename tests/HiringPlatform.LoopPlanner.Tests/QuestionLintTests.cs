namespace HiringPlatform.LoopPlanner.Tests;

using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.LoopPlanner.Questions;
using Xunit;

/// <summary>Every lint rule, with a question that trips it and one that does not.</summary>
public sealed class QuestionLintTests
{
    private static readonly CompetencyFramework Framework = CompetencyFramework.Load(CompetencyFramework.DefaultPath);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static readonly LintSettings Settings = new(365,
        new HashSet<string>(["fixed-context-rag", "rag-chunking"]),
        new HashSet<string>(["ml-code", "ml-methods", "exploratory-data-analysis", "ml-systems"]));

    /// <summary>The essay's good scenario, written as the lint wants it: no findings.</summary>
    public static readonly QuestionContent Good = new(
        "Customers are being scammed out of their life savings",
        "ml-system-design",
        "Our bank's customers are being scammed, and they are losing their life savings. Find a way to prevent this from happening.",
        new ScenarioHooks(["older customers coached over the phone"], ["regulators require an explanation for every block"],
            ["payment history", "scam reports that arrive weeks later"], ["a customer loses everything"]),
        ["What is the appropriate detection and intervention point?", "What levels of human override should be allowed?"],
        ["ml-systems", "product-judgment", "exploratory-data-analysis"],
        [
            new RubricEntry("ml-systems", ["Picks the intervention point and designs monitoring for label delay and drift"], []),
            new RubricEntry("product-judgment", ["Weighs friction for legitimate customers against losses and proposes a call-back"], []),
            new RubricEntry("exploratory-data-analysis", ["Asks where labels come from and notices they arrive late and biased"], []),
        ],
        ["fraud"],
        new DateOnly(2026, 11, 1));

    private static IReadOnlyList<LintFinding> Lint(QuestionContent question) => QuestionLint.Run(question, Framework, Settings, Today);

    private static IReadOnlyList<string> Codes(QuestionContent question) => Lint(question).Select(f => f.Code).ToList();

    [Fact]
    public void A_question_with_hooks_follow_ups_an_ML_rubric_of_reasoning_and_a_recent_review_has_no_findings()
    {
        Assert.Empty(Lint(Good));
    }

    [Fact]
    public void An_ml_system_design_question_whose_rubric_names_no_ML_competency_is_system_design_in_ML_clothing()
    {
        var clothing = Good with
        {
            Competencies = ["production-systems", "product-judgment"],
            Rubric =
            [
                new RubricEntry("production-systems", ["Shards the payment service and estimates its throughput per shard"], []),
                new RubricEntry("product-judgment", ["Weighs friction for legitimate customers against losses"], []),
            ],
        };

        var finding = Assert.Single(Lint(clothing), f => f.Code == QuestionLint.Codes.NoMlCompetency);
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.Contains("move the question to system-design", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(QuestionLint.Codes.NoMlCompetency, Codes(Good));
        // The same rubric on a system-design question is fine: the rule is about ML clothing only.
        Assert.DoesNotContain(QuestionLint.Codes.NoMlCompetency, Codes(clothing with { InterviewType = "system-design" }));
    }

    [Fact]
    public void An_ml_system_design_rubric_that_is_a_list_of_keywords_is_blocking()
    {
        var buzzwords = Good with
        {
            Rubric =
            [
                new RubricEntry("ml-systems", ["Class imbalance. Data missingness. Label noise. Overfitting."], []),
                new RubricEntry("product-judgment", ["softmax, cross-entropy, hyperparameters, FP/FN rates"], []),
                new RubricEntry("exploratory-data-analysis", ["Asks where labels come from and notices they arrive late and biased"], []),
            ],
        };

        var finding = Assert.Single(Lint(buzzwords), f => f.Code == QuestionLint.Codes.KeywordAnswer);
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.Contains("ml-systems, product-judgment", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(QuestionLint.Codes.KeywordAnswer, Codes(Good));
    }

    [Fact]
    public void A_scenario_without_concrete_hooks_lacks_scenariocrafting()
    {
        var vague = Good with { Scenario = "Design a fraud detection system for a banking application.", Hooks = ScenarioHooks.None };

        var finding = Assert.Single(Lint(vague), f => f.Code == QuestionLint.Codes.NoHooks);
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.Contains("users, the constraints, the data available and the stakes", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(QuestionLint.Codes.NoHooks, Codes(Good));
    }

    [Fact]
    public void A_project_deep_dive_needs_no_hooks_because_the_candidate_brings_the_project()
    {
        var deepDive = Good with
        {
            InterviewType = "project-deep-dive", Hooks = ScenarioHooks.None,
            Competencies = ["seniority"], Rubric = [new RubricEntry("seniority", ["Explains the trade-offs made under real constraints"], [])],
        };

        Assert.Empty(Lint(deepDive));
    }

    [Fact]
    public void A_scenario_that_invites_no_follow_up_questions_lacks_scenariocrafting()
    {
        var finding = Assert.Single(Lint(Good with { FollowUps = [] }), f => f.Code == QuestionLint.Codes.NoFollowUps);
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.DoesNotContain(QuestionLint.Codes.NoFollowUps, Codes(Good));
    }

    [Fact]
    public void A_question_not_reviewed_within_the_window_is_flagged_as_possibly_outdated_but_still_usable()
    {
        var stale = Good with { LastReviewedOn = Today.AddDays(-366) };

        var finding = Assert.Single(Lint(stale), f => f.Code == QuestionLint.Codes.NotReviewed);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("365 days", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(QuestionLint.Codes.NotReviewed, Codes(Good with { LastReviewedOn = Today.AddDays(-365) }));
        Assert.False(QuestionLint.HasBlocking(Lint(stale)));
    }

    [Fact]
    public void A_question_tagged_with_a_superseded_technique_is_an_outdated_problem()
    {
        var rag = Good with { Tags = ["chatbot", "rag-chunking"] };

        var finding = Assert.Single(Lint(rag), f => f.Code == QuestionLint.Codes.SupersededTechnique);
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.Contains("rag-chunking", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(QuestionLint.Codes.SupersededTechnique, Codes(Good with { Tags = ["chatbot", "agentic-search"] }));
    }

    [Fact]
    public void A_question_that_requires_a_named_published_algorithm_suggests_a_project_deep_dive()
    {
        var minHash = Good with
        {
            Title = "Design a data deduplication pipeline for a large web crawl dataset",
            Tags = ["deduplication", "requires-algorithm:minhash"],
        };

        var finding = Assert.Single(Lint(minHash), f => f.Code == QuestionLint.Codes.NamedAlgorithm);
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.Contains("minhash", finding.Message, StringComparison.Ordinal);
        Assert.Contains("project deep dive", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(QuestionLint.Codes.NamedAlgorithm, Codes(Good with { Tags = ["deduplication"] }));
    }

    [Fact]
    public void A_claimed_competency_without_a_rubric_is_blocking()
    {
        var unrated = Good with { Competencies = [.. Good.Competencies, "production-systems"] };

        var finding = Assert.Single(Lint(unrated), f => f.Code == QuestionLint.Codes.MissingRubric);
        Assert.Equal(Severity.Blocking, finding.Severity);
        Assert.Contains("production-systems", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(QuestionLint.Codes.MissingRubric, Codes(Good));
    }

    [Fact]
    public void A_claimed_competency_the_interview_type_does_not_measure_is_a_warning()
    {
        var offBlueprint = Good with
        {
            Competencies = [.. Good.Competencies, "algorithms"],
            Rubric = [.. Good.Rubric, new RubricEntry("algorithms", ["Analyses the cost of scoring every payment"], [])],
        };

        var finding = Assert.Single(Lint(offBlueprint), f => f.Code == QuestionLint.Codes.OutsideBlueprint);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.DoesNotContain(QuestionLint.Codes.OutsideBlueprint, Codes(Good));
    }

    [Fact]
    public void Math_reasoning_on_a_coding_question_is_within_the_math_flavoured_coding_slot()
    {
        var math = Good with
        {
            InterviewType = "coding",
            Competencies = ["algorithms", "math-reasoning"],
            Rubric =
            [
                new RubricEntry("algorithms", ["Uses an online update and derives the merge of two accumulators"], []),
                new RubricEntry("math-reasoning", ["Explains the catastrophic cancellation of the naive formula"], []),
            ],
        };

        Assert.Empty(Lint(math));
    }

    [Fact]
    public void Every_rule_has_a_stable_unique_code_and_a_severity()
    {
        Assert.Equal(QuestionLint.Rules.Count, QuestionLint.Rules.Select(r => r.Code).Distinct().Count());
        Assert.All(QuestionLint.Rules, rule => Assert.Contains(rule.Severity, new[] { Severity.Blocking, Severity.Warning }));
    }
}
