namespace HiringPlatform.LoopPlanner.Tests;

using HiringPlatform.LoopPlanner.Applications;
using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.LoopPlanner.Questions;
using HiringPlatform.LoopPlanner.Roles;
using Xunit;

/// <summary>Role profiles, coverage gaps, revisions, cancellation and withdrawal as pure decisions.</summary>
public sealed class LoopDecisionTests
{
    private static readonly CompetencyFramework Framework = CompetencyFramework.Load(CompetencyFramework.DefaultPath);
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static RoleProfileDetails Role(RoleProfile profile, int revision = 1) => new(Guid.NewGuid(), revision, profile, Now, null, revision);

    private static ApplicationDetails Planned(string level = "abbreviated", IReadOnlyList<string>? required = null)
    {
        var request = new SubmitApplication("ats-7", "Ada", "ada@example.com", "ml-engineer", level, required ?? []);
        var events = SubmitApplicationHandler.Decide(request, Framework, Guid.NewGuid(), Now, "hr", Guid.NewGuid);
        var details = ApplicationDetailsProjection.Create((ApplicationSubmitted)events[0]);
        return ApplicationDetailsProjection.Apply((InterviewLoopPlanned)events[1], details);
    }

    [Fact]
    public void The_coverage_gap_report_names_each_required_competency_no_slot_measures_once_in_order()
    {
        var plan = LoopPlanning.Plan(Framework, "junior", ["ml-systems", "algorithms", "product-judgment", "ml-systems", "math-reasoning"], Guid.NewGuid);

        Assert.Equal(["ml-systems", "product-judgment"], plan.CoverageGaps);
    }

    [Fact]
    public void A_role_profile_adds_its_competencies_to_the_gap_report_and_the_loop_records_its_revision()
    {
        var role = Role(new RoleProfile("ML engineer, ranking", ["ml-systems", "distributed-systems"], null,
            new Dictionary<string, IReadOnlyList<TemplateSlot>>()), revision: 3);
        var request = new SubmitApplication(null, "Ada", "ada@example.com", null, "senior", ["product-judgment"], RoleId: role.Id);

        Assert.Empty(SubmitApplicationHandler.Validate(request, Framework, role));
        var events = SubmitApplicationHandler.Decide(request, Framework, Guid.NewGuid(), Now, "hr", Guid.NewGuid, role);

        var planned = Assert.IsType<InterviewLoopPlanned>(events[1]);
        Assert.Equal((role.Id, 3), (planned.RoleId!.Value, planned.RoleRevision!.Value));
        Assert.Equal("ML engineer, ranking", planned.Role);
        Assert.Equal(["ml-systems", "product-judgment"], planned.CoverageGaps);
    }

    [Fact]
    public void A_role_overrides_the_template_for_a_level_and_names_a_domain_competency_for_the_deep_dive()
    {
        var role = Role(new RoleProfile("ML engineer, ranking", ["ml-systems"], "ml-systems",
            new Dictionary<string, IReadOnlyList<TemplateSlot>>
            {
                ["abbreviated"] = [new TemplateSlot("coding"), new TemplateSlot("project-deep-dive")],
            }));

        var plan = LoopPlanning.Plan(Framework, PlanningContext.Input("abbreviated", [], role), null, Guid.NewGuid);

        Assert.Equal(["coding", "project-deep-dive"], plan.Slots.Select(s => s.InterviewType));
        var deepDive = plan.Slots[1];
        Assert.Equal(0.2m, deepDive.Competencies.Single(c => c.Competency == "ml-systems").Weight);
        Assert.Equal(1m, deepDive.Competencies.Sum(c => c.Weight));
        Assert.Empty(plan.CoverageGaps);
        // The senior level has no override: the framework's template.
        Assert.Equal(7, LoopPlanning.Plan(Framework, PlanningContext.Input("senior", [], role), null, Guid.NewGuid).Slots.Count);
    }

    [Fact]
    public void A_role_with_unknown_entries_or_weights_not_summing_to_1_lists_every_error()
    {
        var request = new RoleRequest("", ["algorithms", "juggling"], "telepathy",
            new Dictionary<string, IReadOnlyList<TemplateSlotRequest?>?>
            {
                ["principal"] = [new TemplateSlotRequest("coding", null, null)],
                ["junior"] = [new TemplateSlotRequest("whiteboard", null, null),
                    new TemplateSlotRequest("coding", "math", new Dictionary<string, decimal> { ["algorithms"] = 0.5m, ["math-reasoning"] = 0.4m })],
            });

        var errors = RoleEndpoints.Validate(request, Framework, revising: true);

        Assert.Equal(["domainCompetency", "name", "reason", "requiredCompetencies[1]", "templateOverrides.junior[0].type",
            "templateOverrides.junior[1].blueprint", "templateOverrides.principal"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("sum to 0.9", errors["templateOverrides.junior[1].blueprint"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_slot_appends_it_with_a_question_and_closes_the_gap_it_covers()
    {
        var application = Planned(required: ["distributed-systems"]);
        Assert.Equal(["distributed-systems"], application.Loop!.CoverageGaps);
        var design = new BankQuestion(Guid.NewGuid(), "system-design", ["distributed-systems"], true);
        var pick = new QuestionPick(new QuestionBank([design]), new HashSet<Guid>(), new Dictionary<Guid, int>());

        var revised = LoopEndpoints.DecideRevision(application, new ReviseLoop("add", "Role needs distributed systems", InterviewType: "system-design"),
            Framework, pick, Now, "recruiter", Guid.NewGuid);

        Assert.Equal(["coding", "data-modeling", "project-deep-dive", "system-design"], revised.Slots.Select(s => s.InterviewType));
        Assert.Equal(4, revised.Slots[3].Order);
        Assert.Equal(design.Id, revised.Slots[3].QuestionId);
        Assert.Equal([revised.Slots[3].SlotId], revised.AddedSlotIds);
        Assert.Empty(revised.RemovedSlotIds);
        Assert.Empty(revised.CoverageGaps);
    }

    [Fact]
    public void Removing_a_slot_renumbers_the_rest_and_reports_the_gap_it_opens()
    {
        var application = Planned(required: ["algorithms"]);
        var coding = application.Loop!.Slots[0];

        var revised = LoopEndpoints.DecideRevision(application, new ReviseLoop("remove", "Took a coding test last month", coding.SlotId),
            Framework, null, Now, "recruiter", Guid.NewGuid);

        Assert.Equal(["data-modeling", "project-deep-dive"], revised.Slots.Select(s => s.InterviewType));
        Assert.Equal([1, 2], revised.Slots.Select(s => s.Order));
        Assert.Equal([coding.SlotId], revised.RemovedSlotIds);
        Assert.Equal(["algorithms"], revised.CoverageGaps);
        Assert.Equal("Took a coding test last month", revised.Reason);
    }

    [Fact]
    public void Swapping_a_slot_replaces_it_in_place_with_a_new_slot_of_the_new_type()
    {
        var application = Planned();
        var dataModeling = application.Loop!.Slots[1];

        var revised = LoopEndpoints.DecideRevision(application, new ReviseLoop("swap", "No data-modeling interviewer this week",
            dataModeling.SlotId, "math-quiz"), Framework, null, Now, "recruiter", Guid.NewGuid);

        Assert.Equal(["coding", "math-quiz", "project-deep-dive"], revised.Slots.Select(s => s.InterviewType));
        Assert.Equal([dataModeling.SlotId], revised.RemovedSlotIds);
        Assert.Equal([revised.Slots[1].SlotId], revised.AddedSlotIds);
        Assert.NotEqual(dataModeling.SlotId, revised.Slots[1].SlotId);
    }

    [Fact]
    public void Adding_a_math_flavoured_coding_slot_measures_the_flavours_blueprint_and_an_unknown_flavour_is_refused()
    {
        var application = Planned(required: ["math-reasoning"]);

        var revised = LoopEndpoints.DecideRevision(application, new ReviseLoop("add", "Junior-style math check", InterviewType: "coding", Flavour: "math"),
            Framework, null, Now, "recruiter", Guid.NewGuid);

        Assert.Equal("math", revised.Slots[3].Flavour);
        Assert.Contains(revised.Slots[3].Competencies, c => c.Competency == "math-reasoning");
        Assert.Empty(revised.CoverageGaps);
        Assert.Contains("flavour", LoopEndpoints.Validate(new ReviseLoop("add", "x", InterviewType: "coding", Flavour: "poetry"), application, Framework).Keys);
    }

    [Fact]
    public void A_revision_with_an_unknown_type_or_slot_and_no_reason_lists_every_error()
    {
        var application = Planned();

        var errors = LoopEndpoints.Validate(new ReviseLoop("swap", " ", Guid.NewGuid(), "whiteboard-trivia"), application, Framework);

        Assert.Equal(["interviewType", "reason", "slotId"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("change", LoopEndpoints.Validate(new ReviseLoop("rename", "x"), application, Framework).Keys);
    }

    [Fact]
    public void The_last_slot_cannot_be_removed_cancel_the_loop_instead()
    {
        var application = Planned();
        application = application with { Loop = application.Loop! with { Slots = [application.Loop.Slots[0]] } };

        var errors = LoopEndpoints.Validate(new ReviseLoop("remove", "x", application.Loop!.Slots[0].SlotId), application, Framework);

        Assert.Contains("cancel", errors["slotId"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_loop_cannot_be_revised_but_can_be_planned_again()
    {
        var application = Planned();
        var cancelled = ApplicationDetailsProjection.Apply(
            new InterviewLoopCancelled(application.Id, application.Loop!.LoopId, "Role paused", Now, "recruiter"), application);

        Assert.NotNull(LoopEndpoints.Conflict(cancelled, planning: false));
        Assert.Null(LoopEndpoints.Conflict(cancelled, planning: true));
        Assert.NotNull(LoopEndpoints.Conflict(application, planning: true));
    }

    [Fact]
    public void Withdrawing_cancels_the_planned_loop_first_and_withdrawing_again_changes_nothing()
    {
        var application = Planned();

        var events = WithdrawApplicationHandler.Decide(application, "Took another offer", Now, "hr");

        var cancelled = Assert.IsType<InterviewLoopCancelled>(events[0]);
        Assert.Equal(application.Loop!.LoopId, cancelled.LoopId);
        Assert.IsType<ApplicationWithdrawn>(events[1]);
        var withdrawn = events.Aggregate(application, (state, e) => e switch
        {
            InterviewLoopCancelled c => ApplicationDetailsProjection.Apply(c, state),
            ApplicationWithdrawn w => ApplicationDetailsProjection.Apply(w, state),
            _ => state,
        });
        Assert.Empty(WithdrawApplicationHandler.Decide(withdrawn, "again", Now, "hr"));
        Assert.NotNull(LoopEndpoints.Conflict(withdrawn, planning: true));
    }

    [Fact]
    public void Time_zone_and_availability_are_validated_and_local_times_read_in_the_candidates_zone()
    {
        var bad = new SubmitApplication(null, "Ada", "ada@example.com", "ml", "junior", [], "+49 (30) 1234", "Mars/Olympus",
            [new WindowRequest("tomorrow", "2026-12-01T10:00:00Z"), new WindowRequest("2026-12-01T12:00:00Z", "2026-12-01T11:00:00Z"),
             new WindowRequest("2026-12-01T09:00:00", null)], Guid.NewGuid());

        var errors = SubmitApplicationHandler.Validate(bad, Framework);

        Assert.Equal(["availability[0].startsAt", "availability[1]", "availability[2].endsAt", "roleId", "timeZone"],
            errors.Keys.Order(StringComparer.Ordinal));

        var good = new SubmitApplication(null, "Ada", "ada@example.com", "ml", "junior", [], null, "Europe/Berlin",
            [new WindowRequest("2026-12-01T09:00:00", "2026-12-01T17:00:00"), new WindowRequest("2026-12-02T08:00:00Z", "2026-12-02T12:00:00+01:00")]);
        Assert.Empty(SubmitApplicationHandler.Validate(good, Framework));
        var windows = SubmitApplicationHandler.Windows(good);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), windows[0].StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 11, 0, 0, TimeSpan.Zero), windows[1].EndsAt);
    }

    [Fact]
    public void A_local_time_without_a_time_zone_is_refused()
    {
        var request = new SubmitApplication(null, "Ada", "ada@example.com", "ml", "junior", [], null, null,
            [new WindowRequest("2026-12-01T09:00:00", "2026-12-01T17:00:00Z")]);

        Assert.Contains("timeZone", SubmitApplicationHandler.Validate(request, Framework)["availability[0].startsAt"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_with_an_unknown_type_or_competency_an_empty_scenario_and_a_malformed_date_lists_every_error()
    {
        var request = new QuestionRequest("Fraud", "whiteboard-trivia", "  ", null, ["What is the intervention point?"],
            ["ml-systems", "telepathy"], [new RubricRequest("astrology", ["Reads the stars"], null)], ["fraud"], "27/11/2026");

        var errors = QuestionEndpoints.Validate(request, Framework, revising: true);

        Assert.Equal(["competencies[1]", "interviewType", "lastReviewedOn", "reason", "rubric[0].competency", "scenario"],
            errors.Keys.Order(StringComparer.Ordinal));
    }
}
