namespace HiringPlatform.Scheduling.Tests;

using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews.Assignment;
using Xunit;

/// <summary>Each hard scheduling rule, by the function that states it, without the search.</summary>
public sealed class EligibilityTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Week = new(2026, 11, 30);

    private static PoolMember Member(string seniority = "senior", (string Type, TrainingStage Stage)[]? stages = null,
        string[]? managerFor = null, int cap = 5, int load = 0, TimeRange[]? busy = null) =>
        new(Guid.CreateVersion7(), "m", "t", seniority,
            (stages ?? [("coding", TrainingStage.Qualified)]).ToDictionary(x => x.Type, x => x.Stage),
            managerFor ?? [], cap, TimeZoneInfo.Utc, WorkingHours.Default, busy ?? [], new Dictionary<DateOnly, int> { [Week] = load });

    private static TimeRange At(double from, double to) => new(Monday.AddHours(from), Monday.AddHours(to));

    [Fact]
    public void Qualification_rule_IsQualifiedFor_holds_only_for_a_type_the_interviewer_is_qualified_for()
    {
        var coder = Member(stages: [("coding", TrainingStage.Qualified)]);

        Assert.True(Eligibility.IsQualifiedFor(coder, "coding"));
        Assert.False(Eligibility.IsQualifiedFor(coder, "system-design"));
    }

    [Theory]
    [InlineData(TrainingStage.Shadow)]
    [InlineData(TrainingStage.ReverseShadow)]
    public void Training_stage_rule_a_trainee_is_not_qualified_to_run_the_type_but_MaySitIn(TrainingStage stage)
    {
        var trainee = Member(stages: [("coding", stage)]);

        Assert.False(Eligibility.IsQualifiedFor(trainee, "coding"));
        Assert.False(Eligibility.MayRun(trainee, "coding", "r"));
        Assert.True(Eligibility.MaySitIn(trainee, "coding", InterviewTypeRules.For("coding")));
        Assert.False(Eligibility.MaySitIn(Member(stages: [("coding", TrainingStage.Qualified)]), "coding", InterviewTypeRules.For("coding")));
    }

    [Fact]
    public void Seniority_rule_IsSeniorEnough_for_ml_system_design_means_staff_or_above_as_the_framework_says()
    {
        var rule = InterviewTypeRules.For("ml-system-design");

        Assert.Equal("staff", rule.SeniorityAtLeast);
        Assert.False(Eligibility.IsSeniorEnough(Member("junior"), rule));
        Assert.False(Eligibility.IsSeniorEnough(Member("senior"), rule));
        Assert.True(Eligibility.IsSeniorEnough(Member("staff"), rule));
        Assert.True(Eligibility.IsSeniorEnough(Member("principal"), rule));
        Assert.True(Eligibility.IsSeniorEnough(Member("junior"), InterviewTypeRules.For("coding")));
        var qualifiedSenior = Member("senior", [("ml-system-design", TrainingStage.Qualified)]);
        Assert.False(Eligibility.MayRun(qualifiedSenior, "ml-system-design", "r"));
        Assert.True(Eligibility.MayRun(Member("staff", [("ml-system-design", TrainingStage.Qualified)]), "ml-system-design", "r"));
    }

    [Fact]
    public void Hiring_manager_rule_IsHiringManagerFor_career_chat_is_the_roles_hiring_manager_not_a_qualification()
    {
        var rule = InterviewTypeRules.For("career-chat");
        var manager = Member(stages: [], managerFor: ["ml-engineer"]);
        var qualified = Member(stages: [("career-chat", TrainingStage.Qualified)], managerFor: ["data-scientist"]);

        Assert.True(rule.HiringManager);
        Assert.True(Eligibility.IsHiringManagerFor(manager, "ml-engineer"));
        Assert.False(Eligibility.IsHiringManagerFor(manager, "data-scientist"));
        Assert.True(Eligibility.MayRun(manager, "career-chat", "ml-engineer"));
        Assert.False(Eligibility.MayRun(qualified, "career-chat", "ml-engineer"));
        Assert.False(Eligibility.MaySitIn(Member(stages: [("career-chat", TrainingStage.Shadow)]), "career-chat", rule));
    }

    [Fact]
    public void Weekly_cap_rule_IsUnderWeeklyCap_below_the_cap_and_a_zero_cap_is_a_full_week()
    {
        Assert.True(Eligibility.IsUnderWeeklyCap(3, 4));
        Assert.False(Eligibility.IsUnderWeeklyCap(4, 4));
        Assert.False(Eligibility.IsUnderWeeklyCap(0, 0));
        Assert.Equal(0.75, Eligibility.CapUsed(3, 4));
        Assert.Equal(1.0, Eligibility.CapUsed(0, 0));
        Assert.False(Member(cap: 0).UnderCap(Week));
        Assert.True(Member(cap: 2, load: 1).UnderCap(Week));
        Assert.False(Member(cap: 2, load: 2).UnderCap(Week));
    }

    [Fact]
    public void Availability_rule_IsAvailable_inside_working_hours_and_clear_of_busy_time()
    {
        var member = Member(busy: [At(12, 13)]);

        Assert.True(Eligibility.IsAvailable(member, At(10, 11)));
        Assert.False(Eligibility.IsAvailable(member, At(12.5, 13.5)));
        Assert.False(Eligibility.IsAvailable(member, At(6, 7)));
        Assert.False(Eligibility.IsAvailable(member, new TimeRange(Monday.AddDays(-2).AddHours(10), Monday.AddDays(-2).AddHours(11))));
    }

    [Fact]
    public void The_interview_types_scheduling_knows_are_the_frameworks_and_only_the_two_carry_rules()
    {
        Assert.Equal(["coding", "data-modeling", "math-quiz", "system-design", "ml-system-design", "project-deep-dive", "career-chat"],
            SchedulingVocabulary.InterviewTypes);
        Assert.Equal(["career-chat", "ml-system-design"],
            SchedulingVocabulary.InterviewTypes.Where(t => InterviewTypeRules.For(t) != InterviewerRule.QualifiedOnly).Order());
        Assert.Equal(InterviewerRule.QualifiedOnly, InterviewTypeRules.For("not-a-type"));
    }
}
