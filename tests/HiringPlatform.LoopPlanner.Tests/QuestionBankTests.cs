namespace HiringPlatform.LoopPlanner.Tests;

using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.LoopPlanner.Questions;
using Xunit;

public sealed class QuestionBankTests
{
    private static readonly CompetencyFramework Framework = CompetencyFramework.Load(CompetencyFramework.DefaultPath);

    private static readonly LintSettings Settings = new(365, new HashSet<string>(["rag-chunking"]),
        new HashSet<string>(["ml-code", "ml-methods", "exploratory-data-analysis", "ml-systems"]));

    [Fact]
    public void The_shipped_bank_is_valid_lint_clean_and_covers_every_interview_type_and_level()
    {
        var seeds = QuestionSeed.Load(QuestionSeed.DefaultPath, Framework);

        Assert.True(seeds.Count >= 20, $"only {seeds.Count} questions");
        foreach (var (id, content) in seeds)
        {
            Assert.Empty(QuestionLint.Run(content, Framework, Settings, content.LastReviewedOn));
        }
        Assert.Equal(Framework.InterviewTypes.Keys.Order(), seeds.Select(s => s.Content.InterviewType).Distinct().Order());

        var bank = new QuestionBank(seeds.Select(s => new BankQuestion(s.Id, s.Content.InterviewType, s.Content.Competencies, true)));
        foreach (var level in Framework.Levels)
        {
            var plan = LoopPlanning.Plan(Framework, new PlanInput(level, []), new QuestionPick(bank, new HashSet<Guid>(), new Dictionary<Guid, int>()), Guid.NewGuid);
            Assert.Empty(plan.QuestionGaps!);
            Assert.All(plan.Slots, slot => Assert.NotNull(slot.QuestionId));
        }
    }

    [Fact]
    public void A_bank_file_with_a_bad_entry_is_refused_naming_the_file_and_the_entry()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bank-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "questions": [ { "id": "0b5f3c9e-0000-4000-8000-000000000001", "question": {
              "title": "x", "interviewType": "whiteboard-trivia", "scenario": "", "competencies": ["algorithms"],
              "lastReviewedOn": "2026-02-30" } } ] }
            """);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => QuestionSeed.Load(path, Framework));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("questions[0].interviewType", error.Message, StringComparison.Ordinal);
            Assert.Contains("questions[0].scenario", error.Message, StringComparison.Ordinal);
            Assert.Contains("questions[0].lastReviewedOn", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static BankQuestion Question(int n, string type, params string[] competencies) =>
        new(new Guid(n, 0, 0, new byte[8]), type, competencies, true);

    private static QuestionPick Pick(IEnumerable<BankQuestion> questions, IEnumerable<Guid>? seen = null, Dictionary<Guid, int>? usage = null) =>
        new(new QuestionBank(questions), (seen ?? []).ToHashSet(), usage ?? []);

    [Fact]
    public void A_slot_gets_a_question_of_its_type_that_measures_one_of_its_competencies()
    {
        var wrongType = Question(1, "system-design", "algorithms");
        var wrongCompetency = Question(2, "coding", "math-reasoning");
        var right = Question(3, "coding", "algorithms");

        var plan = LoopPlanning.Plan(Framework, new PlanInput("abbreviated", []), Pick([wrongType, wrongCompetency, right]), Guid.NewGuid);

        Assert.Equal(right.Id, plan.Slots[0].QuestionId);
        Assert.Null(plan.Slots[1].QuestionId);
        Assert.Equal(2, plan.QuestionGaps!.Count);
        Assert.Contains("slot 2 (data-modeling)", plan.QuestionGaps[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_the_candidate_has_seen_or_with_blocking_findings_is_never_picked()
    {
        var seen = Question(1, "coding", "algorithms");
        var blocked = Question(2, "coding", "algorithms") with { Eligible = false };
        var fresh = Question(3, "coding", "algorithms");

        var plan = LoopPlanning.Plan(Framework, new PlanInput("abbreviated", []), Pick([seen, blocked, fresh], seen: [seen.Id]), Guid.NewGuid);

        Assert.Equal(fresh.Id, plan.Slots[0].QuestionId);
    }

    [Fact]
    public void Two_slots_of_one_type_get_different_questions()
    {
        var plan = LoopPlanning.Plan(Framework, new PlanInput("senior", []),
            Pick([Question(1, "coding", "algorithms"), Question(2, "coding", "algorithms")]), Guid.NewGuid);

        var coding = plan.Slots.Where(s => s.InterviewType == "coding").Select(s => s.QuestionId).ToList();
        Assert.Equal(2, coding.Distinct().Count());
        Assert.DoesNotContain(null, coding);
    }

    [Fact]
    public void Planning_rotates_to_the_least_used_question_so_none_is_overused()
    {
        var questions = Enumerable.Range(1, 4).Select(n => Question(n, "coding", "algorithms")).ToList();
        var usage = new Dictionary<Guid, int>();

        for (var i = 0; i < 40; i++)
        {
            var plan = LoopPlanning.Plan(Framework, new PlanInput("abbreviated", []), Pick(questions, usage: usage), Guid.NewGuid);
            var id = plan.Slots[0].QuestionId!.Value;
            usage[id] = usage.GetValueOrDefault(id) + 1;
        }

        Assert.All(questions, q => Assert.Equal(10, usage[q.Id]));
    }

    [Fact]
    public void Among_equally_used_questions_the_one_measuring_more_of_the_slot_wins()
    {
        var narrow = Question(1, "coding", "communication");
        var broad = Question(2, "coding", "algorithms", "maintainable-code");

        var plan = LoopPlanning.Plan(Framework, new PlanInput("abbreviated", []), Pick([narrow, broad]), Guid.NewGuid);

        Assert.Equal(broad.Id, plan.Slots[0].QuestionId);
    }
}
