namespace HiringPlatform.LoopPlanner.Tests;

using HiringPlatform.LoopPlanner.Applications;
using HiringPlatform.LoopPlanner.Framework;
using Xunit;

public sealed class LoopPlanningTests
{
    private static readonly CompetencyFramework Framework = CompetencyFramework.Load(CompetencyFramework.DefaultPath);

    [Theory]
    [InlineData("abbreviated", new[] { "coding", "data-modeling", "project-deep-dive" })]
    [InlineData("junior", new[] { "coding", "coding", "coding", "data-modeling", "project-deep-dive" })]
    [InlineData("senior", new[] { "coding", "coding", "data-modeling", "data-modeling", "system-design", "project-deep-dive", "career-chat" })]
    [InlineData("staff", new[] { "coding", "data-modeling", "data-modeling", "system-design", "ml-system-design", "project-deep-dive", "career-chat" })]
    public void Each_level_plans_the_loop_DOMAIN_md_lists(string level, string[] types)
    {
        var plan = LoopPlanning.Plan(Framework, level, [], Guid.NewGuid);

        Assert.Equal(types, plan.Slots.Select(slot => slot.InterviewType));
        Assert.Equal(Enumerable.Range(1, types.Length), plan.Slots.Select(slot => slot.Order));
        Assert.Equal(plan.Slots.Count, plan.Slots.Select(slot => slot.SlotId).Distinct().Count());
    }

    [Fact]
    public void The_junior_loop_has_one_coding_interview_with_a_math_flavour()
    {
        var plan = LoopPlanning.Plan(Framework, "junior", [], Guid.NewGuid);

        var math = Assert.Single(plan.Slots, slot => slot.Flavour == "math");
        Assert.Equal("coding", math.InterviewType);
        Assert.Contains(math.Competencies, c => c.Competency == "math-reasoning");
    }

    [Theory]
    [InlineData("coding", "algorithms", 0.5)]
    [InlineData("ml-system-design", "ml-systems", 0.35)]
    [InlineData("career-chat", "growth-potential", 0.4)]
    public void Every_slot_measures_its_types_blueprint(string type, string competency, double weight)
    {
        var slot = LoopPlanning.Plan(Framework, "staff", [], Guid.NewGuid).Slots.First(s => s.InterviewType == type);

        Assert.Equal((decimal)weight, slot.Competencies.Single(c => c.Competency == competency).Weight);
        Assert.Equal(1m, slot.Competencies.Sum(c => c.Weight));
    }

    [Fact]
    public void A_competency_the_role_requires_that_no_slot_covers_is_reported_as_a_gap()
    {
        var plan = LoopPlanning.Plan(Framework, "abbreviated", ["algorithms", "ml-systems", "distributed-systems"], Guid.NewGuid);

        Assert.Equal(["distributed-systems", "ml-systems"], plan.CoverageGaps);
    }

    [Fact]
    public void The_staff_loop_covers_ml_systems()
    {
        Assert.Empty(LoopPlanning.Plan(Framework, "staff", ["ml-systems", "product-judgment"], Guid.NewGuid).CoverageGaps);
    }

    [Fact]
    public void The_shipped_framework_is_valid()
    {
        Assert.Empty(Framework.Validate());
    }

    [Fact]
    public void A_framework_with_an_unknown_competency_bad_weights_or_an_unknown_type_is_refused_naming_each_entry()
    {
        var path = Path.Combine(Path.GetTempPath(), $"framework-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {
              "version": "test",
              "competencies": ["algorithms", "communication"],
              "interviewTypes": {
                "coding": { "durationMinutes": 60, "requirement": "q", "blueprint": { "algorithms": 0.5, "juggling": 0.4 } }
              },
              "loopTemplates": { "junior": [ { "type": "coding" }, { "type": "pair-programming" } ] }
            }
            """);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => CompetencyFramework.Load(path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("interviewTypes.coding.blueprint: unknown competency 'juggling'", error.Message, StringComparison.Ordinal);
            Assert.Contains("interviewTypes.coding.blueprint: weights sum to 0.9, not 1", error.Message, StringComparison.Ordinal);
            Assert.Contains("loopTemplates.junior[1].type: unknown interview type 'pair-programming'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_submission_lists_every_invalid_field()
    {
        var errors = SubmitApplicationHandler.Validate(
            new SubmitApplication(new string('x', 101), "", "not-mail", null, "principal", ["algorithms", "juggling"]), Framework);

        Assert.Equal(["email", "externalId", "level", "name", "requiredCompetencies[1]", "role"], errors.Keys.Order());
        Assert.Contains("principal", errors["level"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_submission_becomes_the_application_and_its_planned_loop()
    {
        var request = new SubmitApplication("ats-1", " Ada ", "ada@example.com", "ml-engineer", "senior", ["ml-systems"]);
        Assert.Empty(SubmitApplicationHandler.Validate(request, Framework));

        var id = Guid.NewGuid();
        var events = SubmitApplicationHandler.Decide(request, Framework, id, DateTimeOffset.UnixEpoch, "hr-system", Guid.NewGuid);

        var submitted = Assert.IsType<ApplicationSubmitted>(events[0]);
        Assert.Equal(("Ada", "ats-1", "hr-system"), (submitted.Name, submitted.ExternalId, submitted.Actor));
        var planned = Assert.IsType<InterviewLoopPlanned>(events[1]);
        Assert.Equal(id, planned.ApplicationId);
        Assert.Equal(7, planned.Slots.Count);
        Assert.Equal(["ml-systems"], planned.CoverageGaps);
    }
}
