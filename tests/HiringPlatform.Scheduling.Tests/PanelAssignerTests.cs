namespace HiringPlatform.Scheduling.Tests;

using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews.Assignment;
using Xunit;

public sealed class PanelAssignerTests
{
    // Wednesday 2026-11-25 10:00 UTC: the loop runs on Thursday from 09:00.
    private static readonly DateTimeOffset PlannedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static InterviewerDetails Interviewer(string name, string team = "t", string seniority = "senior",
        string[]? types = null, string[]? managerFor = null, int cap = 5) =>
        new(Guid.CreateVersion7(), name, $"{name}@x.io", team, seniority, types ?? ["coding"], managerFor ?? [], cap,
            PlannedAt, 1);

    private static SlotToFill Slot(string type, int order, int minutes = 60) => new(Guid.CreateVersion7(), order, type, minutes);

    private static IReadOnlyList<Assignment> Scheduled(AssignmentResult result) =>
        Assert.IsType<AssignmentResult.Scheduled>(result).Assignments;

    private static string Reason(AssignmentResult result) =>
        Assert.Single(Assert.IsType<AssignmentResult.Failed>(result).Slots).Reason;

    [Fact]
    public void Only_an_interviewer_qualified_for_the_type_runs_it()
    {
        var coder = Interviewer("coder", types: ["coding"]);
        var modeler = Interviewer("modeler", types: ["data-modeling"]);

        var result = PanelAssigner.Assign([Slot("data-modeling", 1)], "r", [new(coder, 0), new(modeler, 0)], PlannedAt);

        Assert.Equal(modeler, Assert.Single(Scheduled(result)).Interviewer);
    }

    [Fact]
    public void Ml_system_design_needs_staff_or_above()
    {
        var senior = Interviewer("senior", types: ["ml-system-design"]);
        var staff = Interviewer("staff", seniority: "staff", types: ["ml-system-design"]);

        Assert.Equal(staff, Assert.Single(Scheduled(
            PanelAssigner.Assign([Slot("ml-system-design", 1)], "r", [new(senior, 0), new(staff, 0)], PlannedAt))).Interviewer);
        Assert.Equal("no staff-or-above interviewer is qualified for ml-system-design",
            Reason(PanelAssigner.Assign([Slot("ml-system-design", 1)], "r", [new(senior, 0)], PlannedAt)));
    }

    [Fact]
    public void Career_chat_needs_the_roles_hiring_manager()
    {
        var other = Interviewer("other", types: ["career-chat"], managerFor: ["data-scientist"]);
        var manager = Interviewer("manager", types: [], managerFor: ["ml-engineer"]);

        Assert.Equal(manager, Assert.Single(Scheduled(
            PanelAssigner.Assign([Slot("career-chat", 1)], "ml-engineer", [new(other, 0), new(manager, 0)], PlannedAt))).Interviewer);
        Assert.Equal("no hiring manager is registered for role 'ml-engineer'",
            Reason(PanelAssigner.Assign([Slot("career-chat", 1)], "ml-engineer", [new(other, 0)], PlannedAt)));
    }

    [Fact]
    public void Nobody_interviews_twice_in_one_loop_and_the_loop_fails_whole_when_that_leaves_a_slot_empty()
    {
        var only = Interviewer("only");

        var result = PanelAssigner.Assign([Slot("coding", 1), Slot("coding", 2)], "r", [new(only, 0)], PlannedAt);

        Assert.Equal("every eligible interviewer for coding is already on this loop", Reason(result));
    }

    [Fact]
    public void An_interviewer_at_their_weekly_cap_is_not_booked()
    {
        var full = Interviewer("full", cap: 3);

        Assert.Equal("every eligible interviewer for coding has reached their weekly cap",
            Reason(PanelAssigner.Assign([Slot("coding", 1)], "r", [new(full, 3)], PlannedAt)));
        Assert.Single(Scheduled(PanelAssigner.Assign([Slot("coding", 1)], "r", [new(full, 2)], PlannedAt)));
    }

    [Fact]
    public void The_least_loaded_interviewer_is_chosen()
    {
        var busy = Interviewer("busy");
        var idle = Interviewer("idle");

        Assert.Equal(idle, Assert.Single(Scheduled(
            PanelAssigner.Assign([Slot("coding", 1)], "r", [new(busy, 3), new(idle, 1)], PlannedAt))).Interviewer);
    }

    [Fact]
    public void At_equal_load_an_interviewer_from_a_team_not_yet_on_the_panel_is_preferred()
    {
        var first = Interviewer("first", team: "ranking", types: ["coding", "data-modeling"]);
        var sameTeam = Interviewer("same", team: "ranking", types: ["data-modeling"]);
        var otherTeam = Interviewer("other", team: "search", types: ["data-modeling"]);
        // Fix the order of the ids so the team, not the id, decides.
        var pool = new[] { new Candidate(first, 0), new(sameTeam with { Id = Guid.Empty }, 0), new(otherTeam, 0) };

        var result = Scheduled(PanelAssigner.Assign([Slot("coding", 1), Slot("data-modeling", 2)], "r", pool, PlannedAt));

        Assert.Equal(first.Id, result[0].Interviewer.Id);
        Assert.Equal(otherTeam.Id, result[1].Interviewer.Id);
    }

    [Fact]
    public void A_scarce_interviewer_is_kept_for_the_slot_only_they_can_run()
    {
        // The hiring manager could also run the deep dive, and is the least loaded; they must still
        // be left for the career chat, which nobody else can run.
        var manager = Interviewer("manager", types: ["project-deep-dive"], managerFor: ["ml-engineer"]);
        var diver = Interviewer("diver", types: ["project-deep-dive"]);

        var result = Scheduled(PanelAssigner.Assign([Slot("project-deep-dive", 1), Slot("career-chat", 2, 30)], "ml-engineer",
            [new(manager, 0), new(diver, 2)], PlannedAt));

        Assert.Equal([diver.Id, manager.Id], result.Select(a => a.Interviewer.Id));
    }

    [Fact]
    public void Slots_run_in_order_from_9am_on_the_next_working_day_with_breaks_between_them()
    {
        var friday = new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);
        var pool = new[] { new Candidate(Interviewer("a"), 0), new(Interviewer("b"), 0) };

        var result = Scheduled(PanelAssigner.Assign([Slot("coding", 2, 45), Slot("coding", 1, 60)], "r", pool, friday));

        var monday = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal((monday, monday.AddMinutes(60)), (result[0].StartsAt, result[0].EndsAt));
        Assert.Equal(monday.AddMinutes(60) + PanelAssigner.Break, result[1].StartsAt);
        Assert.Equal(result[1].StartsAt.AddMinutes(45), result[1].EndsAt);
    }

    [Fact]
    public void An_infeasible_loop_names_every_slot_that_cannot_be_filled_and_books_nothing()
    {
        var coder = Interviewer("coder");

        var failed = Assert.IsType<AssignmentResult.Failed>(PanelAssigner.Assign(
            [Slot("coding", 1), Slot("system-design", 2), Slot("math-quiz", 3)], "r", [new(coder, 0)], PlannedAt));

        Assert.Equal(["system-design", "math-quiz"], failed.Slots.Select(s => s.InterviewType));
        Assert.All(failed.Slots, s => Assert.StartsWith("no interviewer is qualified for", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void An_interviewer_registration_lists_every_invalid_field()
    {
        var errors = RegisterInterviewerHandler.Validate(new RegisterInterviewer("", "x", " ", "intern", ["coding", "trivia"], [""], -1));

        Assert.Equal(["email", "hiringManagerFor[0]", "name", "qualifiedFor[1]", "seniority", "team", "weeklyCap"], errors.Keys.Order());
    }
}
